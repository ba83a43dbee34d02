/**
 * The SentimentSource port: aggregated news sentiment for a symbol as of a time. Implementations (news
 * scoring, vendor feeds) live outside the domain; strategies see only this interface.
 */

/** Aggregated sentiment of the articles about one symbol known at a time. */
export interface SentimentReading {
  /** Aggregate score in [-1, 1]: -1 all negative, 0 neutral or balanced, 1 all positive. */
  readonly score: number;
  /** How many articles the score aggregates (>= 1). */
  readonly articles: number;
  /** Publication time (epoch ms) of the latest article counted: never after the `ts` asked for. */
  readonly asOf: number;
  /**
   * How far the score can be trusted, in [0, 1] (the scorer's confidence aggregated over the articles), when
   * the source knows it; consumers that size by confidence derive one from `articles` otherwise.
   */
  readonly confidence?: number;
}

/**
 * `sentimentAt(symbol, ts)` must use only articles published at or before `ts` (their publication time, not
 * the time of the event they report), so a backtest cannot learn from news that was not out yet. It returns
 * null when no article about the symbol qualifies. Callers may check `asOf <= ts` and reject a reading that
 * breaks the contract.
 */
export interface SentimentSource {
  /** Short source name for logs and reports. */
  readonly name: string;
  sentimentAt(symbol: string, ts: number): SentimentReading | null;
}
