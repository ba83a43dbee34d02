/**
 * Near-duplicate headlines: two titles are near-duplicates when they were published at most `windowMs`
 * apart, each has at least `minWords` distinct words (function words such as "the" do not count), and their
 * word sets have a Jaccard similarity of at least `minSimilarity`.
 *
 * Comparing a title with every other in the window would be quadratic, so only candidates from two indexes
 * are compared:
 * - the SimHash index (NearDuplicateIndex): titles whose SimHashes are at most `maxDistance` bits apart;
 * - the word-set index (WordSetIndex): titles whose word sets differ by at most one word, which SimHash alone
 *   misses: one replaced word in a 7-word title moves its SimHash by about 10 bits on average.
 * A pair reached by neither (two or more words changed and distant SimHashes) is missed; the benchmark
 * (bench/news-dedup.bench.ts) measures how often against the plain Jaccard criterion.
 *
 * Defaults: 7 bits (the largest distance the 4-band index reaches with one-bit probes, 17 per band); Jaccard
 * 0.6 (a one-word substitution in a 7-word title scores 6/8 = 0.75, two in a 10-word title 8/12 = 0.67, two
 * unrelated headlines about one company rarely above 0.3); 72 hours; 4 words (recurring short headlines such
 * as "Stock market today" are different stories each day and never match).
 */
import { InvalidInputError, quote } from '../../core/errors.js';
import { MAX_INDEXED_DISTANCE, NearDuplicateIndex } from './near-duplicate-index.js';
import { wordSimilarity, type TitleFingerprint } from './simhash.js';
import { WordSetIndex } from './word-set-index.js';

export interface NearDuplicateOptions {
  /** Largest SimHash Hamming distance compared (0-11, default 7). */
  readonly maxDistance?: number;
  /** Smallest Jaccard similarity of the word sets (in (0, 1], default 0.6). */
  readonly minSimilarity?: number;
  /** Largest publication-time gap in ms (default 72 hours). */
  readonly windowMs?: number;
  /** Fewest distinct words a title needs to match anything (default 4). */
  readonly minWords?: number;
}

export const DEFAULT_NEAR_DUPLICATE_OPTIONS: Required<NearDuplicateOptions> = {
  maxDistance: 7,
  minSimilarity: 0.6,
  windowMs: 72 * 3_600_000,
  minWords: 4,
};

/** Settings with defaults filled in, checked. */
export function nearDuplicateSettings(options: NearDuplicateOptions = {}): Required<NearDuplicateOptions> {
  const settings = { ...DEFAULT_NEAR_DUPLICATE_OPTIONS, ...options };
  const { maxDistance, minSimilarity, windowMs, minWords } = settings;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_INDEXED_DISTANCE)
    throw new InvalidInputError(
      `maxDistance ${quote(maxDistance)} must be an integer in [0, ${MAX_INDEXED_DISTANCE}]`,
    );
  if (!(minSimilarity > 0 && minSimilarity <= 1))
    throw new InvalidInputError(`minSimilarity ${quote(minSimilarity)} must be in (0, 1]`);
  if (!(windowMs >= 0) || !Number.isFinite(windowMs))
    throw new InvalidInputError(`windowMs ${quote(windowMs)} must be a finite number >= 0`);
  if (!Number.isInteger(minWords) || minWords < 1)
    throw new InvalidInputError(`minWords ${quote(minWords)} must be an integer >= 1`);
  return settings;
}

/** A set of titles, each with a caller's key, searched for the nearest near-duplicate of a new title. */
export class NearDuplicateFinder<Key> {
  readonly settings: Required<NearDuplicateOptions>;
  private readonly index: NearDuplicateIndex;
  private readonly wordSets: WordSetIndex;
  private readonly keys: Key[] = [];
  private readonly words: Uint32Array[] = [];
  /** Similarity of the match returned by the last `find` (0 when none). */
  lastSimilarity = 0;
  /** SimHash distance of the match returned by the last `find` (-1 when none). */
  lastDistance = -1;

  constructor(options: NearDuplicateOptions = {}, initialCapacity?: number) {
    this.settings = nearDuplicateSettings(options);
    this.index = new NearDuplicateIndex(this.settings.maxDistance, initialCapacity);
    this.wordSets = new WordSetIndex(initialCapacity);
  }

  get size(): number {
    return this.keys.length;
  }

  add(key: Key, fingerprint: TitleFingerprint, publishedAt: number): void {
    const entry = this.index.add(fingerprint.high, fingerprint.low, publishedAt);
    this.wordSets.add(entry, fingerprint.words, publishedAt);
    this.keys.push(key);
    this.words.push(fingerprint.words);
  }

  /**
   * The key of the title most similar to `fingerprint` among the near-duplicates published within the
   * window of `publishedAt` (either side); ties go to the smaller SimHash distance, then the earlier
   * publication, then the earlier added. Undefined when there is none. `accept`, when given, vetoes
   * candidates by key (the store refuses to merge stories about different symbols).
   */
  find(fingerprint: TitleFingerprint, publishedAt: number, accept?: (key: Key) => boolean): Key | undefined {
    this.lastSimilarity = 0;
    this.lastDistance = -1;
    const { minWords, minSimilarity, windowMs } = this.settings;
    if (fingerprint.words.length < minWords) return undefined;
    const { index, wordSets } = this;
    const from = publishedAt - windowMs;
    const to = publishedAt + windowMs;
    let best = -1;
    let bestSimilarity = 0;
    let bestDistance = 0;
    const consider = (entry: number): void => {
      const words = this.words[entry] as Uint32Array;
      if (words.length < minWords) return;
      if (accept !== undefined && !accept(this.keys[entry] as Key)) return;
      const similarity = wordSimilarity(fingerprint.words, words);
      if (similarity < minSimilarity) return;
      const distance = index.distanceTo(entry, fingerprint.high, fingerprint.low);
      if (best < 0 || isBetter(similarity, distance, entry, bestSimilarity, bestDistance, best, index)) {
        best = entry;
        bestSimilarity = similarity;
        bestDistance = distance;
      }
    };
    const bySimHash = index.search(fingerprint.high, fingerprint.low, from, to);
    for (let k = 0; k < bySimHash; k++) consider(index.candidate(k));
    const byWordSet = wordSets.search(fingerprint.words, from, to);
    for (let k = 0; k < byWordSet; k++) consider(wordSets.candidate(k));
    if (best < 0) return undefined;
    this.lastSimilarity = bestSimilarity;
    this.lastDistance = bestDistance;
    return this.keys[best];
  }
}

function isBetter(
  similarity: number,
  distance: number,
  entry: number,
  bestSimilarity: number,
  bestDistance: number,
  best: number,
  index: NearDuplicateIndex,
): boolean {
  if (similarity !== bestSimilarity) return similarity > bestSimilarity;
  if (distance !== bestDistance) return distance < bestDistance;
  const time = index.publishedAt(entry);
  const bestTime = index.publishedAt(best);
  return time !== bestTime ? time < bestTime : entry < best;
}
