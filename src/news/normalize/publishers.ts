/**
 * Publishers that append their name to headlines ("Fed holds rates - Reuters"), in comparison form: lower
 * case, apostrophes dropped, single spaces. A headline tail is stripped only when it is one of these, a name
 * the caller adds, or a bare domain name ("marketwatch.com"); a real headline part ("Apple - shares jump")
 * is kept.
 */
const PUBLISHERS: ReadonlySet<string> = new Set(
  (
    'reuters|reuters.com|bloomberg|bloomberg news|cnbc|marketwatch|yahoo finance|yahoo|yahoo news' +
    '|the wall street journal|wall street journal|wsj|financial times|ft|associated press|ap|ap news' +
    '|barrons|forbes|business insider|insider|markets insider|seeking alpha|benzinga|the motley fool' +
    '|motley fool|investopedia|cnn|cnn business|bbc|bbc news|fox business|thestreet|the street|zacks' +
    '|investors business daily|ibd|nasdaq|axios|fortune|the new york times|new york times|nyt' +
    '|the washington post|washington post|the guardian|guardian|business wire|pr newswire' +
    '|globenewswire|globe newswire|accesswire|morningstar|kiplinger|quartz|techcrunch|the verge|cnet' +
    '|politico|the economist|economist|nikkei asia|the information|federal reserve' +
    '|federal reserve board|sec|u.s. department of the treasury|us treasury|u.s. treasury|finviz' +
    '|tipranks|gurufocus|simply wall st|the fly'
  ).split('|'),
);

const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/;
const APOSTROPHES = /['’‘ʼ`]/g;
const MARKS = /\p{M}+/gu;

const NEEDS_CLEANING = /[\u0080-\uffff]|[A-Z'`]|\s\s|^\s|\s$/;

/** The comparison form of a publisher name. */
export function publisherKey(name: string): string {
  if (!NEEDS_CLEANING.test(name)) return name;
  return name
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a headline tail names a publisher (built-in list, `extra` names, or a bare domain). */
export function isPublisherName(tail: string, extra?: readonly string[]): boolean {
  const key = publisherKey(tail);
  if (PUBLISHERS.has(key) || DOMAIN.test(key)) return true;
  return extra !== undefined && extra.some((name) => publisherKey(name) === key);
}
