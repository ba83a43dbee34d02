/**
 * Headline and lead templates for the synthetic news stream, `{S}` standing for the symbol. Each tone's
 * templates use plain financial wording whose polarity a reader (and a finance-aware scorer) agrees on; the
 * neutral ones report scheduled or routine events. Written for this project.
 */
export const SYNTHETIC_TONES = ['positive', 'negative', 'neutral'] as const;
export type SyntheticTone = (typeof SYNTHETIC_TONES)[number];

export interface HeadlineTemplate {
  readonly title: string;
  readonly summary: string;
}

export const HEADLINE_TEMPLATES: Readonly<Record<SyntheticTone, readonly HeadlineTemplate[]>> = {
  positive: [
    {
      title: '{S} beats estimates and raises full-year guidance',
      summary: '{S} reported quarterly earnings well above analyst expectations on strong demand.',
    },
    {
      title: 'Analysts upgrade {S} to buy, citing accelerating growth',
      summary: 'Several brokers raised their price targets on {S} after a strong quarter.',
    },
    {
      title: '{S} shares surge after record quarterly revenue',
      summary: 'Revenue at {S} hit a record as margins improved.',
    },
    {
      title: '{S} announces $2 billion share buyback and dividend increase',
      summary: 'The board of {S} approved a larger dividend and a new repurchase program.',
    },
    {
      title: '{S} wins major contract, boosting its growth outlook',
      summary: 'The multi-year contract strengthens the outlook for {S}.',
    },
  ],
  negative: [
    {
      title: '{S} misses expectations and cuts guidance',
      summary: '{S} reported weak quarterly results and lowered its forecast.',
    },
    {
      title: 'Analysts downgrade {S} to sell on a weak outlook',
      summary: 'Brokers cut their price targets on {S} amid slowing demand.',
    },
    {
      title: '{S} shares plunge after regulators open fraud probe',
      summary: 'An investigation into accounting at {S} raised concerns among investors.',
    },
    {
      title: '{S} announces layoffs as sales slump',
      summary: 'Falling sales forced {S} to cut jobs and warn of losses.',
    },
    {
      title: '{S} recalls products over safety defects, shares fall',
      summary: 'The recall is expected to hurt profits at {S} this year.',
    },
  ],
  neutral: [
    {
      title: '{S} to report quarterly results next week',
      summary: '{S} will publish its results after the market close.',
    },
    {
      title: '{S} schedules annual shareholder meeting',
      summary: 'The meeting of {S} shareholders will be held in May.',
    },
    {
      title: '{S} names new chief financial officer',
      summary: '{S} appointed a new finance chief effective next month.',
    },
    {
      title: '{S} to present at industry conference',
      summary: 'Executives of {S} will speak at the conference on Tuesday.',
    },
  ],
};
