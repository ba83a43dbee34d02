import type { SentimentReading } from '../../model/sentiment.types.js';

/** What a symbol's sentiment says on this bar: +1 buy, -1 sell, 0 nothing; `kind` says why. */
export type SentimentSignalKind = 'shock' | 'trend' | 'none';

/**
 * One symbol's sentiment state, updated once per bar with the reading as of the bar's close:
 * - the score x_t is the reading's score, or 0 (neutral) when no article about the symbol is known yet;
 * - fast and slow exponential means, m_t = m_{t-1} + a (x_t - m_{t-1}) with a = 2 / (period + 1), seeded by
 *   the first score;
 * - a **shock** fires when articles arrived since the previous bar (the reading's `asOf` moved) and the
 *   score sits at least `shockThreshold` from the slow mean as it was before this bar: the news is new and
 *   unlike what came before; its direction is the sign of that gap;
 * - otherwise a **trend** fires while the fast mean is at least `trendThreshold` from the slow one;
 * - the confidence of a signal is the reading's own confidence when the source gives one, else
 *   1 - exp(-articles / 3) (one article 0.28, three 0.63, ten 0.96): more articles, more trust.
 * O(1) per update, no allocation.
 */
export class SentimentSignal {
  private readonly fastAlpha: number;
  private readonly slowAlpha: number;
  private fast = 0;
  private slow = 0;
  private seeded = false;
  private lastAsOf = Number.NEGATIVE_INFINITY;
  direction = 0;
  kind: SentimentSignalKind = 'none';
  confidence = 0;
  score = 0;

  constructor(
    fastPeriod: number,
    slowPeriod: number,
    private readonly shockThreshold: number,
    private readonly trendThreshold: number,
  ) {
    this.fastAlpha = 2 / (fastPeriod + 1);
    this.slowAlpha = 2 / (slowPeriod + 1);
  }

  get fastMean(): number {
    return this.fast;
  }

  get slowMean(): number {
    return this.slow;
  }

  update(reading: SentimentReading | null): void {
    const score = reading === null ? 0 : reading.score;
    const arrived = reading !== null && reading.asOf > this.lastAsOf;
    if (reading !== null) this.lastAsOf = reading.asOf;
    const previousSlow = this.seeded ? this.slow : 0;
    if (this.seeded) {
      this.fast += this.fastAlpha * (score - this.fast);
      this.slow += this.slowAlpha * (score - this.slow);
    } else {
      this.fast = score;
      this.slow = score;
      this.seeded = true;
    }
    this.score = score;
    this.confidence = reading === null ? 0 : (reading.confidence ?? 1 - Math.exp(-reading.articles / 3));
    const gap = score - previousSlow;
    const spread = this.fast - this.slow;
    if (arrived && Math.abs(gap) >= this.shockThreshold) {
      this.direction = Math.sign(gap);
      this.kind = 'shock';
    } else if (Math.abs(spread) >= this.trendThreshold) {
      this.direction = Math.sign(spread);
      this.kind = 'trend';
    } else {
      this.direction = 0;
      this.kind = 'none';
    }
  }
}
