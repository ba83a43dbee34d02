/**
 * Novelty of news, for sentiment aggregation: a story repeated by ten outlets is one piece of news, not ten.
 * An article is novel when no earlier article within the window is a near-duplicate of it.
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import { normalizeTitle } from '../normalize/normalize-title.js';
import { NearDuplicateFinder, type NearDuplicateOptions } from './near-duplicate-finder.js';
import { titleFingerprint, type TitleFingerprint } from './simhash.js';

/**
 * Novelty of a stored article: the store marks an article that repeats an earlier one (same canonical URL,
 * or a near-duplicate title within its de-duplication window, 72 hours by default) with `duplicateOf`.
 */
export function isNovel(article: { readonly duplicateOf: string | null }): boolean {
  return article.duplicateOf === null;
}

/**
 * Streaming novelty over articles seen in publication order, with its own window: `observe` says whether an
 * article is novel among those observed in the `windowMs` before it, then remembers it. Memory stays bounded:
 * titles are kept in two generations, and a generation older than the window is dropped whole.
 */
export class NoveltyFilter {
  private readonly options: NearDuplicateOptions;
  private readonly windowMs: number;
  private current: NearDuplicateFinder<number>;
  private previous: NearDuplicateFinder<number> | null = null;
  private currentStart = -Infinity;
  private lastTime = -Infinity;

  constructor(options: NearDuplicateOptions = {}) {
    this.current = new NearDuplicateFinder<number>(options);
    this.options = options;
    this.windowMs = this.current.settings.windowMs;
  }

  /** Whether the title is novel at `publishedAt`; times must not decrease from one call to the next. */
  observe(title: string, publishedAt: number): boolean {
    return this.observeFingerprint(titleFingerprint(normalizeTitle(title)), publishedAt);
  }

  observeFingerprint(fingerprint: TitleFingerprint, publishedAt: number): boolean {
    if (!(publishedAt >= this.lastTime) || !Number.isFinite(publishedAt)) {
      throw new InvalidInputError(
        `publishedAt ${quote(publishedAt)} must be finite and not before the previous article's ${quote(this.lastTime)}`,
      );
    }
    this.lastTime = publishedAt;
    if (publishedAt - this.currentStart > this.windowMs) {
      // Everything in `previous` is now more than a window old: only `current` can still match.
      this.previous = this.current.size > 0 ? this.current : null;
      this.current = new NearDuplicateFinder<number>(this.options);
      this.currentStart = publishedAt;
    }
    const novel =
      this.current.find(fingerprint, publishedAt) === undefined &&
      (this.previous === null || this.previous.find(fingerprint, publishedAt) === undefined);
    this.current.add(0, fingerprint, publishedAt);
    return novel;
  }
}
