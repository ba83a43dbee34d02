import { describe, expect, it } from 'vitest';
import type { LexiconDefinition } from './lexicon/lexicon-entry.types.js';
import { LexiconSentimentScorer } from './lexicon-sentiment-scorer.js';
import { normalizeValence, VADER } from './tally-sentence.js';

/** The valences of these words in VADER's published vader_lexicon.txt, and its booster and negation lists. */
const VADER_SAMPLE: LexiconDefinition = {
  sections: [
    {
      name: 'vader sample',
      words: [
        ['smart', 1.7],
        ['handsome', 2.2],
        ['funny', 1.9],
        ['good', 1.9],
        ['great', 3.1],
        ['uncompelling', -0.9],
        ['bad', -2.5],
      ],
      phrases: [
        ['guidance cut', -2.4],
        ['shares * lower', -1.3],
        ['in line', 0],
      ],
    },
  ],
  modifiers: {
    boosters: [
      ['very uber friggin sharply', 0.293],
      ['slightly', -0.293],
    ],
    negators: ['not', 'nor', 'never'],
    contrasts: ['but'],
    abbreviations: [],
  },
};

const scorer = new LexiconSentimentScorer({ lexicon: VADER_SAMPLE });
const score = (text: string) => scorer.scoreText(text).score;
const sum = (text: string) => {
  const sentence = scorer.scoreText(text).sentences[0]!;
  return sentence.positive + sentence.negative;
};

describe('tallySentence (VADER rules)', () => {
  it("reproduces the compound scores published in VADER's README", () => {
    // github.com/cjhutto/vaderSentiment, README "Code Examples" output (4 decimals).
    const published: [string, number][] = [
      ['VADER is smart, handsome, and funny.', 0.8316],
      ['VADER is smart, handsome, and funny!', 0.8439],
      ['VADER is very smart, handsome, and funny.', 0.8545],
      ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
      ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342],
      ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 0.9469],
      ['VADER is not smart, handsome, nor funny.', -0.7424],
      ['The book was good.', 0.4404],
      ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042],
    ];
    for (const [text, compound] of published) expect(score(text), text).toBeCloseTo(compound, 4);
  });

  it('normalises x / sqrt(x² + 15)', () => {
    expect(normalizeValence(1.9)).toBeCloseTo(1.9 / Math.sqrt(1.9 ** 2 + 15), 15);
    expect(normalizeValence(0)).toBe(0);
    expect(normalizeValence(-1e200)).toBe(-1);
    expect(normalizeValence(1e200)).toBe(1);
  });

  it('applies intensifiers with distance damping and dampeners against the sign', () => {
    expect(sum('very good')).toBeCloseTo(1.9 + 0.293, 12);
    expect(sum('very uber good')).toBeCloseTo(1.9 + 0.293 + 0.293 * 0.95, 12);
    expect(sum('very x y good')).toBeCloseTo(1.9 + 0.293 * 0.9, 12);
    expect(sum('very x y z good')).toBeCloseTo(1.9, 12); // 4 tokens back: out of the window
    expect(sum('very bad')).toBeCloseTo(-2.5 - 0.293, 12);
    expect(sum('slightly bad')).toBeCloseTo(-2.5 + 0.293, 12);
  });

  it('negates position by position: each negator in the window multiplies by -0.74', () => {
    expect(sum('not good')).toBeCloseTo(1.9 * -0.74, 12);
    expect(sum('not very good')).toBeCloseTo((1.9 + 0.293) * -0.74, 12);
    expect(sum('never not good')).toBeCloseTo(1.9 * 0.74 * 0.74, 12);
    expect(sum("isn't good")).toBeCloseTo(1.9 * -0.74, 12); // any n't contraction negates
    expect(sum('not x y z good')).toBeCloseTo(1.9, 12);
  });

  it('weights sentiment before the first "but" by 0.5 and after it by 1.5', () => {
    expect(sum('good but bad')).toBeCloseTo(1.9 * 0.5 - 2.5 * 1.5, 12);
    expect(sum('good but bad but good')).toBeCloseTo(0.95 - 3.75 + 2.85, 12);
  });

  it('emphasises ALL-CAPS words only when the sentence mixes cases', () => {
    expect(sum('GOOD results')).toBeCloseTo(1.9 + VADER.capsIncrement, 12);
    expect(sum('GOOD RESULTS')).toBeCloseTo(1.9, 12);
    expect(sum('VERY good results')).toBeCloseTo(1.9 + 0.293 + 0.733, 12);
    expect(sum('BAD results')).toBeCloseTo(-2.5 - 0.733, 12);
  });

  it('adds punctuation emphasis away from zero, capped at 4 marks', () => {
    const base = normalizeValence(-2.5);
    expect(score('bad!!')).toBeCloseTo(normalizeValence(-2.5 - 2 * 0.292), 12);
    expect(score('bad!!!!!!!')).toBeCloseTo(normalizeValence(-2.5 - 4 * 0.292), 12);
    expect(score('bad?')).toBeCloseTo(base, 12);
    expect(score('bad???')).toBeCloseTo(normalizeValence(-2.5 - 3 * 0.18), 12);
    expect(score('bad?????')).toBeCloseTo(normalizeValence(-2.5 - 0.96), 12);
    expect(score('nothing here!!!')).toBe(0);
  });

  it('scores phrases as units, negates and intensifies them, and lets neutral idioms consume words', () => {
    expect(sum('guidance cut')).toBeCloseTo(-2.4, 12);
    expect(sum('not a guidance cut')).toBeCloseTo(-2.4 * -0.74, 12);
    expect(sum('guidance cut sharply')).toBeCloseTo(-2.4 - 0.293, 12); // intensifier after the unit
    expect(sum('shares sharply lower')).toBeCloseTo(-1.3 - 0.293, 12); // intensifier inside the gap
    expect(sum('in line good')).toBeCloseTo(1.9, 12);
    expect(scorer.scoreText('in line').sentences[0]!.units).toBe(0);
  });
});
