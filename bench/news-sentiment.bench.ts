/**
 * Lexicon sentiment scoring (src/news/sentiment). Target (issue 12): >= 20,000 headlines/s on one core.
 * Baseline in the same run: a naive word-count scorer over the same lexicon's single words (lower-case,
 * split on non-letters with a regular expression, count positive and negative words: (p - n) / (p + n)),
 * the textbook approach without phrases, negation, intensifiers or "but". The corpus is 100,000 headlines:
 * the labelled sets' texts, each with a ticker appended so no two strings are equal. Accuracy and macro-F1
 * on both labelled sets (development: written before the lexicon; held-out: written after it was frozen)
 * are printed for both scorers, neutral band |score| < 0.05.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateSentiment, type LabelledText } from '../src/news/sentiment/evaluate-sentiment.js';
import {
  HELD_OUT_HEADLINES_PATH,
  LABELLED_HEADLINES_PATH,
  parseLabelledHeadlines,
} from '../src/news/sentiment/labelled-headlines.js';
import { LexiconSentimentScorer } from '../src/news/sentiment/lexicon-sentiment-scorer.js';
import { timeMedian } from './stats.js';

const HEADLINES = 100_000;
const NEUTRAL_BAND = 0.05;

const load = (path: string): LabelledText[] =>
  parseLabelledHeadlines(JSON.parse(readFileSync(join(process.cwd(), path), 'utf8')) as unknown);
const development = load(LABELLED_HEADLINES_PATH);
const heldOut = load(HELD_OUT_HEADLINES_PATH);
const texts = [...development, ...heldOut].map((item) => item.text);
const corpus = Array.from({ length: HEADLINES }, (_, i) => {
  const ticker = String.fromCharCode(65 + (i % 26), 65 + (((i / 26) % 26) | 0), 65 + (((i / 676) % 26) | 0));
  return `${texts[i % texts.length]!} (${ticker})`;
});

const scorer = new LexiconSentimentScorer();

/** The baseline: count the lexicon's positive and negative single words. */
const { vocabulary, valence } = scorer.lexicon;
const positiveWords = new Set<string>();
const negativeWords = new Set<string>();
for (let id = 0; id < vocabulary.size; id++) {
  const value = valence[id]!;
  if (value > 0) positiveWords.add(vocabulary.wordOf(id));
  else if (value < 0) negativeWords.add(vocabulary.wordOf(id));
}
function wordCountScore(text: string): number {
  let positive = 0;
  let negative = 0;
  for (const word of text.toLowerCase().split(/[^a-z']+/)) {
    if (positiveWords.has(word)) positive++;
    else if (negativeWords.has(word)) negative++;
  }
  return positive + negative === 0 ? 0 : (positive - negative) / (positive + negative);
}

let sink = 0;
const lexiconMs = timeMedian(
  () => {
    for (const headline of corpus) sink += scorer.scoreText(headline).score;
  },
  7,
  2,
);
const baselineMs = timeMedian(
  () => {
    for (const headline of corpus) sink += wordCountScore(headline);
  },
  7,
  2,
);
const rate = (ms: number): string => Math.round((HEADLINES / ms) * 1000).toLocaleString('en-US');

console.log(`Scoring ${HEADLINES.toLocaleString('en-US')} headlines on one core (median of 7 passes):`);
console.log('');
console.log('| scorer | ms | headlines/s | target |');
console.log('|---|---:|---:|---:|');
console.log(`| baseline: naive word count | ${baselineMs.toFixed(1)} | ${rate(baselineMs)} | |`);
console.log(
  `| lexicon (VADER rules + finance phrases) | ${lexiconMs.toFixed(1)} | ${rate(lexiconMs)} | >= 20,000 |`,
);

console.log(`\nLabelled sets (neutral band |score| < ${NEUTRAL_BAND}):`);
console.log('');
console.log('| set | headlines | scorer | accuracy | macro-F1 |');
console.log('|---|---:|---|---:|---:|');
for (const [name, items] of [
  ['development', development],
  ['held-out', heldOut],
] as const) {
  for (const [label, score] of [
    ['baseline: naive word count', wordCountScore],
    ['lexicon', (text: string) => scorer.scoreText(text).score],
  ] as const) {
    const result = evaluateSentiment(items, score, NEUTRAL_BAND);
    console.log(
      `| ${name} | ${items.length} | ${label} | ${result.accuracy.toFixed(4)} | ${result.macroF1.toFixed(4)} |`,
    );
  }
}
console.log(`\nlexicon: ${scorer.lexicon.wordCount} words, ${scorer.lexicon.phraseCount} phrase expansions`);
if (Number.isNaN(sink)) console.log('(unreachable: keeps the scoring loops from being optimised away)');
