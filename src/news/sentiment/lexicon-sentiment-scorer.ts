import { InvalidInputError, quote } from '../../core/errors.js';
import { compileLexicon, type CompiledLexicon } from './compile-lexicon.js';
import { FINANCE_LEXICON } from './lexicon/finance-lexicon.js';
import type { LexiconDefinition } from './lexicon/lexicon-entry.types.js';
import { PhraseMatcher } from './phrase-matcher.js';
import type { ArticlePart, ArticleText, SentimentScore, SentimentScorer } from './sentiment-scorer.types.js';
import { normalizeValence, tallySentence, type SentenceTally } from './tally-sentence.js';
import { TokenBuffer } from './token-buffer.js';
import { tokenize } from './tokenize.js';

/** The score of one sentence. */
export interface SentenceSentiment extends SentimentScore {
  readonly part: ArticlePart;
  /** Character offsets of the sentence in its part's text: text.slice(start, end). */
  readonly start: number;
  readonly end: number;
  /** Word tokens and sentiment-bearing units (lexicon words and phrases that scored). */
  readonly tokens: number;
  readonly units: number;
  /** Sums of positive and negative unit valences (VADER scale, negative <= 0), before punctuation. */
  readonly positive: number;
  readonly negative: number;
}

/** The score of a text or an article, with its sentences. */
export interface TextSentiment extends SentimentScore {
  readonly units: number;
  readonly sentences: readonly SentenceSentiment[];
}

export interface LexiconScorerOptions {
  /** How many body sentences the title counts as (default 3). */
  readonly titleWeight?: number;
  /** Sentiment units at which evidence reaches 1 - 1/e (default 2): see `confidence`. */
  readonly evidenceScale?: number;
  /** The lexicon (default: FINANCE_LEXICON). */
  readonly lexicon?: LexiconDefinition;
}

const DEFAULT_TITLE_WEIGHT = 3;
const DEFAULT_EVIDENCE_SCALE = 2;

/**
 * Finance-aware lexicon sentiment scorer with VADER's rules (see tallySentence).
 *
 * Scores. A sentence scores VADER's normalised valence sum, in [-1, 1]. A text or an article scores the
 * weighted mean of its sentences that carry sentiment (sentences without any lexicon unit do not vote, so
 * a factual paragraph does not dilute a clear headline); the title's sentences weigh `titleWeight` (3) each,
 * summary and body sentences 1 each: the headline is what the writer chose to stress and what moves prices
 * first. A text with no sentiment unit scores 0.
 *
 * Confidence, in [0, 1] = evidence × agreement:
 * - evidence = 1 - exp(-units / evidenceScale): grows with the number of sentiment units (0.39 for one,
 *   0.63 for two, 0.86 for four with the default scale 2). A count, not a share of tokens, so a long body
 *   with many sentiment words is not judged weaker than a headline with one.
 * - agreement = |P + N| / (P - N) where P and N are the summed positive and negative unit valences (title
 *   units weighted as above): 1 when every unit points the same way, 0 when they cancel out.
 * No unit: confidence 0.
 *
 * One instance reuses its token buffer: it is not re-entrant (create one per worker).
 */
export class LexiconSentimentScorer implements SentimentScorer {
  readonly name = 'lexicon';
  readonly lexicon: CompiledLexicon;
  private readonly titleWeight: number;
  private readonly evidenceScale: number;
  private readonly buffer = new TokenBuffer();
  private readonly matcher: PhraseMatcher;
  private readonly tally: SentenceTally = { positive: 0, negative: 0, units: 0, sum: 0 };

  constructor(options: LexiconScorerOptions = {}) {
    this.titleWeight = positiveOption('titleWeight', options.titleWeight ?? DEFAULT_TITLE_WEIGHT);
    this.evidenceScale = positiveOption('evidenceScale', options.evidenceScale ?? DEFAULT_EVIDENCE_SCALE);
    this.lexicon = compileLexicon(options.lexicon ?? FINANCE_LEXICON);
    this.matcher = new PhraseMatcher(this.lexicon);
  }

  /** Scores one text (a headline, a paragraph); every sentence weighs the same. */
  scoreText(text: string): TextSentiment {
    const sentences: SentenceSentiment[] = [];
    this.collect(text, 'body', sentences);
    return this.combine(sentences);
  }

  /** Scores an article: title, summary and body, the title's sentences weighted `titleWeight`. */
  scoreArticle(article: ArticleText): TextSentiment {
    const sentences: SentenceSentiment[] = [];
    this.collect(article.title, 'title', sentences);
    if (article.summary) this.collect(article.summary, 'summary', sentences);
    if (article.body) this.collect(article.body, 'body', sentences);
    return this.combine(sentences);
  }

  scoreArticles(articles: readonly ArticleText[]): Promise<SentimentScore[]> {
    return Promise.resolve(
      articles.map((article) => {
        const { score, confidence } = this.scoreArticle(article);
        return { score, confidence };
      }),
    );
  }

  private collect(text: string, part: ArticlePart, out: SentenceSentiment[]): void {
    const { buffer, tally } = this;
    tokenize(text, this.lexicon.vocabulary, this.lexicon.abbreviations, buffer);
    for (let s = 0; s < buffer.sentenceCount; s++) {
      tallySentence(buffer, s, this.lexicon, this.matcher, tally);
      out.push({
        part,
        start: buffer.charStart[s]!,
        end: buffer.charEnd[s]!,
        tokens: buffer.endToken[s]! - buffer.firstToken[s]!,
        units: tally.units,
        positive: tally.positive,
        negative: tally.negative,
        score: normalizeValence(tally.sum),
        confidence: this.confidence(tally.units, tally.positive, tally.negative),
      });
    }
  }

  private combine(sentences: SentenceSentiment[]): TextSentiment {
    let weightSum = 0;
    let weighted = 0;
    let positive = 0;
    let negative = 0;
    let units = 0;
    for (const sentence of sentences) {
      if (sentence.units === 0) continue;
      const weight = sentence.part === 'title' ? this.titleWeight : 1;
      weightSum += weight;
      weighted += weight * sentence.score;
      positive += weight * sentence.positive;
      negative += weight * sentence.negative;
      units += sentence.units;
    }
    const score = weightSum > 0 ? weighted / weightSum : 0;
    return { score, confidence: this.confidence(units, positive, negative), units, sentences };
  }

  private confidence(units: number, positive: number, negative: number): number {
    const mass = positive - negative;
    if (units === 0 || mass === 0) return 0;
    return (1 - Math.exp(-units / this.evidenceScale)) * (Math.abs(positive + negative) / mass);
  }
}

function positiveOption(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new InvalidInputError(`${name} ${quote(value)} must be > 0`);
  return value;
}
