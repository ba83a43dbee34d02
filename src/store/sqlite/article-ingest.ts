/**
 * The de-duplicating write path of the article repository (ArticleRepository.ingest). Per batch, in one
 * transaction:
 * 1. every item is prepared (src/news/normalize/prepare-article.ts: clean text, canonical URL, title
 *    fingerprint, symbols); a bad item rejects the batch before anything is written;
 * 2. the articles published within the near-duplicate window of the batch's time span are loaded into an
 *    in-memory NearDuplicateFinder (their fingerprints computed from their titles, or taken from the cache of
 *    earlier batches);
 * 3. items are applied oldest first: an item whose canonical URL (or raw url) is stored is merged into that
 *    article; otherwise one whose title is a near-duplicate of a loaded or just-stored article joins that
 *    article's cluster; otherwise it is a new story.
 * A cluster's representative is always its earliest-published member: an item older than the representative
 * it matches takes its place, and every member is re-pointed to it.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NearDuplicateFinder, nearDuplicateSettings } from '../../news/dedup/near-duplicate-finder.js';
import { titleFingerprint, type TitleFingerprint } from '../../news/dedup/simhash.js';
import type { NewsItem } from '../../news/news-item.types.js';
import { normalizeTitle } from '../../news/normalize/normalize-title.js';
import { prepareArticle, type PreparedArticle } from '../../news/normalize/prepare-article.js';
import type {
  ArticleIngestOptions,
  ArticleIngestOutcome,
  ArticleIngestResult,
} from '../repositories.types.js';
import {
  ArticleWriter,
  appendUnique,
  sortedUnion,
  type ClusterRow,
  type WindowRow,
} from './article-writer.js';

interface IngestedItem {
  readonly id: string;
  readonly outcome: ArticleIngestOutcome;
}

/** The id of an ingested article: 128 bits of the SHA-256 of its canonical URL, in hex. */
export function articleIdFor(canonicalUrl: string): string {
  return createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32);
}

/**
 * Fingerprints of stored titles by article id, kept between batches: consecutive batches load mostly the
 * same window, and recomputing thousands of fingerprints per batch cost more than the batch itself. An entry
 * is used only while the stored title is unchanged; the cache is emptied when it reaches its size limit.
 */
export class FingerprintCache {
  private readonly entries = new Map<
    string,
    { readonly title: string; readonly fingerprint: TitleFingerprint }
  >();

  constructor(private readonly limit = 200_000) {}

  of(id: string, title: string): TitleFingerprint {
    const cached = this.entries.get(id);
    if (cached?.title === title) return cached.fingerprint;
    const fingerprint = titleFingerprint(normalizeTitle(title));
    this.put(id, title, fingerprint);
    return fingerprint;
  }

  /** Records the fingerprint of an article just written (a rolled-back one leaves a harmless entry). */
  put(id: string, title: string, fingerprint: TitleFingerprint): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(id, { title, fingerprint });
  }
}

export function ingestArticles(
  db: Database.Database,
  items: readonly NewsItem[],
  options: ArticleIngestOptions = {},
  fingerprints: FingerprintCache = new FingerprintCache(),
): ArticleIngestResult {
  const { tagger } = options;
  const prepared = items.map((item) => prepareArticle(item, tagger === undefined ? {} : { tagger }));
  const nearDuplicate = options.nearDuplicate ?? {};
  const { windowMs } = nearDuplicateSettings(nearDuplicate);
  const order = prepared
    .map((_, index) => index)
    .sort((a, b) => (prepared[a]?.publishedAt ?? 0) - (prepared[b]?.publishedAt ?? 0) || a - b);
  const writer = new ArticleWriter(db);
  return db.transaction(() => {
    let first = Infinity;
    let last = -Infinity;
    for (const article of prepared) {
      first = Math.min(first, article.publishedAt);
      last = Math.max(last, article.publishedAt);
    }
    const window = prepared.length === 0 ? [] : writer.window(first - windowMs, last + windowMs);
    const finder = new NearDuplicateFinder<string>(nearDuplicate, window.length + prepared.length);
    const batch = new Batch(writer, finder, fingerprints);
    for (const row of window) batch.remember(row, fingerprints.of(row.id, row.title));
    const results = new Array<IngestedItem>(prepared.length);
    for (const index of order) results[index] = batch.apply(prepared[index] as PreparedArticle);
    const count = (outcome: ArticleIngestOutcome): number =>
      results.filter((result) => result.outcome === outcome).length;
    return {
      inserted: count('new'),
      duplicates: count('duplicate'),
      merged: count('merged'),
      items: results,
    };
  })();
}

/** One batch's view of the stored clusters: the finder over the window and each member's representative. */
class Batch {
  private readonly representativeOf = new Map<string, string | null>();
  /** Symbols of each article in the window, so stories about different symbols are never merged. */
  private readonly symbolsOf = new Map<string, readonly string[]>();

  constructor(
    private readonly writer: ArticleWriter,
    private readonly finder: NearDuplicateFinder<string>,
    private readonly fingerprints: FingerprintCache,
  ) {}

  /** Adds a stored article of the window. */
  remember(row: WindowRow, fingerprint: TitleFingerprint): void {
    this.finder.add(row.id, fingerprint, row.publishedAt);
    this.representativeOf.set(row.id, row.duplicateOf);
    this.symbolsOf.set(row.id, JSON.parse(row.symbols) as string[]);
  }

  apply(article: PreparedArticle): IngestedItem {
    const stored = this.writer.findByUrl(article.canonicalUrl, article.url);
    if (stored !== undefined) {
      this.writer.fill(stored.id, article);
      if (stored.duplicateOf === null) {
        this.writer.addToLists(stored, [article.source], article.symbols);
      } else {
        // The copy's own lists take its symbols; the story's representative takes the source too.
        this.writer.addToLists(stored, [], article.symbols);
        const representative = this.writer.get(stored.duplicateOf);
        if (representative !== undefined)
          this.writer.addToLists(representative, [article.source], article.symbols);
      }
      return { id: stored.id, outcome: 'merged' };
    }
    const id = articleIdFor(article.canonicalUrl);
    // "SPY recalls products" and "QQQ recalls products" differ by one word but are different stories: a
    // near-duplicate must share a symbol with the candidate (or one of them has none).
    const match = this.finder.find(article.fingerprint, article.publishedAt, (key) =>
      sharesSymbol(article.symbols, this.symbolsOf.get(key) ?? []),
    );
    const representative =
      match === undefined ? undefined : this.writer.get(this.representativeOf.get(match) ?? match);
    let representativeId: string | null = null;
    if (representative === undefined) {
      this.writer.insert(id, article, null, [article.source], article.symbols);
    } else if (representative.publishedAt <= article.publishedAt) {
      this.writer.insert(id, article, representative.id, [article.source], article.symbols);
      this.writer.addToLists(representative, [article.source], article.symbols);
      representativeId = representative.id;
    } else {
      this.promote(id, article, representative);
    }
    this.finder.add(id, article.fingerprint, article.publishedAt);
    this.symbolsOf.set(id, article.symbols);
    this.fingerprints.put(id, article.title, article.fingerprint);
    this.representativeOf.set(id, representativeId);
    return { id, outcome: representative === undefined ? 'new' : 'duplicate' };
  }

  /** Stores `article` as the new, earlier representative of `representative`'s cluster. */
  private promote(id: string, article: PreparedArticle, representative: ClusterRow): void {
    const sources = appendUnique([article.source], JSON.parse(representative.sources) as string[]);
    const symbols = sortedUnion(article.symbols, JSON.parse(representative.symbols) as string[]);
    this.writer.insert(id, article, null, sources, symbols);
    this.writer.demote(representative.id, id);
    for (const [member, leader] of this.representativeOf)
      if (leader === representative.id) this.representativeOf.set(member, id);
    this.representativeOf.set(representative.id, id);
  }
}

/** True when either list is empty or they have a symbol in common. */
function sharesSymbol(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((symbol) => b.includes(symbol));
}
