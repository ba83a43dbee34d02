/**
 * Batch de-duplication of articles, in publication order: an article whose canonical URL was seen before
 * is a copy of that earlier article; otherwise one whose title is a near-duplicate (NearDuplicateFinder) of
 * an earlier article within the window joins that article's cluster. Every cluster is represented by its
 * earliest-published article, and every other member points at the representative directly (never at
 * another duplicate), so a chain of small edits A → B → C forms one cluster led by A.
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import { NearDuplicateFinder, type NearDuplicateOptions } from './near-duplicate-finder.js';
import type { TitleFingerprint } from './simhash.js';

export interface DedupInput {
  readonly canonicalUrl: string;
  /** Epoch ms. */
  readonly publishedAt: number;
  readonly fingerprint: TitleFingerprint;
}

export interface DedupResult {
  /** Per input, the input index of its cluster's representative, or -1 when it is a representative. */
  readonly duplicateOf: Int32Array;
  /** Inputs that repeat an earlier canonical URL. */
  readonly urlDuplicates: number;
  /** Inputs matched by title. */
  readonly nearDuplicates: number;
}

/** Clusters `items` (see the module comment); ties in publication time keep input order. */
export function deduplicate(items: readonly DedupInput[], options: NearDuplicateOptions = {}): DedupResult {
  const times = new Float64Array(items.length);
  items.forEach((item, index) => {
    if (!Number.isFinite(item.publishedAt))
      throw new InvalidInputError(
        `item ${index} publishedAt ${quote(item.publishedAt)} must be a finite epoch ms`,
      );
    times[index] = item.publishedAt;
  });
  const order = Array.from(times.keys()).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const finder = new NearDuplicateFinder<number>(options, items.length);
  const firstByUrl = new Map<string, number>();
  const duplicateOf = new Int32Array(items.length).fill(-1);
  let urlDuplicates = 0;
  let nearDuplicates = 0;
  for (const index of order) {
    const item = items[index] as DedupInput;
    let match = firstByUrl.get(item.canonicalUrl);
    if (match === undefined) {
      firstByUrl.set(item.canonicalUrl, index);
      match = finder.find(item.fingerprint, item.publishedAt);
      if (match !== undefined) nearDuplicates++;
    } else {
      urlDuplicates++;
    }
    if (match !== undefined) {
      const representative = duplicateOf[match] as number;
      duplicateOf[index] = representative >= 0 ? representative : match;
    }
    finder.add(index, item.fingerprint, item.publishedAt);
  }
  return { duplicateOf, urlDuplicates, nearDuplicates };
}
