import type Database from 'better-sqlite3';
import type { PreparedArticle } from '../../news/normalize/prepare-article.js';

/** A stored article as the de-duplicating writer needs it. */
export interface ClusterRow {
  readonly id: string;
  readonly publishedAt: number;
  readonly duplicateOf: string | null;
  readonly sources: string;
  readonly symbols: string;
}

export interface WindowRow {
  readonly id: string;
  readonly title: string;
  readonly publishedAt: number;
  readonly duplicateOf: string | null;
  /** JSON list of the symbols the row (for a representative: its whole story) is tagged with. */
  readonly symbols: string;
}

const CLUSTER_COLUMNS = 'id, published_at AS publishedAt, duplicate_of AS duplicateOf, sources, symbols';

/**
 * The statements of the de-duplicating write path, prepared once per batch. Keeps the JSON lists (sources,
 * symbols) and the article_symbols index in step.
 */
export class ArticleWriter {
  private readonly windowStatement;
  private readonly byUrl;
  private readonly byId;
  private readonly insertStatement;
  private readonly addSymbol;
  private readonly setLists;
  private readonly fillStatement;
  private readonly repoint;
  private readonly demoteStatement;

  constructor(db: Database.Database) {
    this.windowStatement = db.prepare<[number, number], WindowRow>(
      `SELECT id, title, published_at AS publishedAt, duplicate_of AS duplicateOf, symbols FROM articles
        WHERE published_at BETWEEN ? AND ? AND simhash_high IS NOT NULL ORDER BY published_at, seq`,
    );
    this.byUrl = db.prepare<[{ canonicalUrl: string; url: string }], ClusterRow>(
      `SELECT ${CLUSTER_COLUMNS} FROM articles WHERE canonical_url = @canonicalUrl OR url = @url
        ORDER BY canonical_url = @canonicalUrl DESC LIMIT 1`,
    );
    this.byId = db.prepare<[string], ClusterRow>(`SELECT ${CLUSTER_COLUMNS} FROM articles WHERE id = ?`);
    this.insertStatement = db.prepare(
      `INSERT INTO articles (id, source, sources, url, canonical_url, title, summary, body, language,
         published_at, symbols, simhash_high, simhash_low, duplicate_of, provider_sentiment)
       VALUES (@id, @source, @sources, @url, @canonicalUrl, @title, @summary, @body, @language,
         @publishedAt, @symbols, @simhashHigh, @simhashLow, @duplicateOf, @providerSentiment)`,
    );
    this.addSymbol = db.prepare('INSERT OR IGNORE INTO article_symbols (symbol, article_id) VALUES (?, ?)');
    this.setLists = db.prepare('UPDATE articles SET sources = ?, symbols = ? WHERE id = ?');
    this.fillStatement = db.prepare(
      `UPDATE articles SET summary = CASE WHEN summary = '' THEN @summary ELSE summary END,
         body = CASE WHEN body = '' THEN @body ELSE body END, language = COALESCE(language, @language),
         provider_sentiment = COALESCE(@providerSentiment, provider_sentiment)
       WHERE id = @id`,
    );
    this.repoint = db.prepare('UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ?');
    this.demoteStatement = db.prepare(
      'UPDATE articles SET duplicate_of = ?, sources = json_array(source) WHERE id = ?',
    );
  }

  /** Articles with a SimHash published in [from, to], oldest first. */
  window(from: number, to: number): WindowRow[] {
    return this.windowStatement.all(from, to);
  }

  /** The article stored under this canonical URL, else under this raw url (stored before migration 7). */
  findByUrl(canonicalUrl: string, url: string): ClusterRow | undefined {
    return this.byUrl.get({ canonicalUrl, url });
  }

  get(id: string): ClusterRow | undefined {
    return this.byId.get(id);
  }

  insert(
    id: string,
    article: PreparedArticle,
    duplicateOf: string | null,
    sources: readonly string[],
    symbols: readonly string[],
  ): void {
    this.insertStatement.run({
      id,
      source: article.source,
      sources: JSON.stringify(sources),
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      title: article.title,
      summary: article.summary,
      body: article.body ?? '',
      language: article.language,
      publishedAt: article.publishedAt,
      symbols: JSON.stringify(symbols),
      simhashHigh: article.fingerprint.high,
      simhashLow: article.fingerprint.low,
      duplicateOf,
      providerSentiment: article.providerSentiment,
    });
    for (const symbol of symbols) this.addSymbol.run(symbol, id);
  }

  /** Fills what the stored article lacks (summary, body, language, provider score) from a new copy. */
  fill(id: string, article: PreparedArticle): void {
    this.fillStatement.run({
      id,
      summary: article.summary,
      body: article.body ?? '',
      language: article.language,
      providerSentiment: article.providerSentiment,
    });
  }

  /** Adds a source and symbols to an article's lists (and the symbol index) when they are new to it. */
  addToLists(row: ClusterRow, sources: readonly string[], symbols: readonly string[]): void {
    const storedSources = JSON.parse(row.sources) as string[];
    const storedSymbols = JSON.parse(row.symbols) as string[];
    const newSources = appendUnique(storedSources, sources);
    const newSymbols = sortedUnion(storedSymbols, symbols);
    if (newSources.length === storedSources.length && newSymbols.length === storedSymbols.length) return;
    this.setLists.run(JSON.stringify(newSources), JSON.stringify(newSymbols), row.id);
    for (const symbol of newSymbols) this.addSymbol.run(symbol, row.id);
  }

  /** Makes `representativeId` a member of the cluster now led by `newRepresentativeId`, with its members. */
  demote(representativeId: string, newRepresentativeId: string): void {
    this.repoint.run(newRepresentativeId, representativeId);
    this.demoteStatement.run(newRepresentativeId, representativeId);
  }
}

/** `list` followed by the items of `more` it lacks, in order. */
export function appendUnique(list: readonly string[], more: readonly string[]): string[] {
  const result = [...list];
  for (const item of more) if (!result.includes(item)) result.push(item);
  return result;
}

export function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
