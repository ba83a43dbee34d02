import type Database from 'better-sqlite3';
import { InvalidInputError, NotFoundError, quote } from '../../core/errors.js';
import { titleFingerprint } from '../../news/dedup/simhash.js';
import type { NewsItem } from '../../news/news-item.types.js';
import { canonicalUrl } from '../../news/normalize/canonical-url.js';
import { normalizeTitle } from '../../news/normalize/normalize-title.js';
import { normalizeSymbol } from '../../model/instrument.js';
import type {
  Article,
  ArticleIngestOptions,
  ArticleIngestResult,
  ArticleInput,
  ArticleListFilter,
  ArticleRepository,
  ArticleSearchHit,
  ArticleSentimentUpdate,
  ArticleUpsertResult,
} from '../repositories.types.js';
import { FingerprintCache, ingestArticles } from './article-ingest.js';
import { ARTICLE_COLUMNS, toArticle, type ArticleRow } from './article-rows.js';
import { appendUnique } from './article-writer.js';
import { toFts5Query } from './fts5-query.js';
import { settle } from './settle.js';

const DEFAULT_LIMIT = 100;
/** bm25 weights of title, summary and body: a word in the headline says more than one deep in the text. */
const BM25_WEIGHTS = '10.0, 4.0, 1.0';

interface Filter {
  readonly symbol: string | null;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly duplicates: 0 | 1;
}

/**
 * Articles with de-duplication and full-text search (migration 7). Symbols are kept twice: as a JSON array
 * in the row (read back as is) and in article_symbols, indexed by symbol, for filtering. The FTS5 index
 * articles_fts follows the rows through triggers.
 */
export class SqliteArticleRepository implements ArticleRepository {
  private readonly db: Database.Database;
  private readonly fingerprints = new FingerprintCache();

  constructor(db: Database.Database) {
    this.db = db;
  }

  upsert(articles: ArticleInput | readonly ArticleInput[]): Promise<ArticleUpsertResult> {
    return settle(() => {
      const list: readonly ArticleInput[] = Array.isArray(articles) ? articles : [articles as ArticleInput];
      const findByUrl = this.db.prepare<[string], { id: string; sources: string }>(
        'SELECT id, sources FROM articles WHERE url = ?',
      );
      const insert = this.db.prepare(
        `INSERT INTO articles (id, source, sources, url, canonical_url, title, summary, body, language,
           published_at, symbols, simhash_high, simhash_low, sentiment, sentiment_confidence, provider_sentiment)
         VALUES (@id, @source, @sources, @url, @canonicalUrl, @title, @summary, @body, @language, @publishedAt,
           @symbols, @simhashHigh, @simhashLow, @sentiment, @sentimentConfidence, @providerSentiment)`,
      );
      const update = this.db.prepare(
        `UPDATE articles SET source = @source, sources = @sources, title = @title, summary = @summary,
           body = @body, language = @language, published_at = @publishedAt, symbols = @symbols,
           simhash_high = @simhashHigh, simhash_low = @simhashLow, sentiment = @sentiment,
           sentiment_confidence = @sentimentConfidence, provider_sentiment = @providerSentiment
         WHERE id = @id`,
      );
      const clearSymbols = this.db.prepare('DELETE FROM article_symbols WHERE article_id = ?');
      const addSymbol = this.db.prepare(
        'INSERT OR IGNORE INTO article_symbols (symbol, article_id) VALUES (?, ?)',
      );
      return this.db.transaction(() => {
        let inserted = 0;
        let updated = 0;
        for (const article of list) {
          checkScore('article sentiment', article.sentiment, -1);
          checkScore('article sentimentConfidence', article.sentimentConfidence ?? null, 0);
          checkScore('article providerSentiment', article.providerSentiment ?? null, -1);
          const symbols = [...new Set(article.symbols.map(normalizeSymbol))].sort();
          const existing = findByUrl.get(article.url);
          const id = existing?.id ?? article.id;
          const fingerprint = titleFingerprint(normalizeTitle(article.title));
          const row = {
            ...article,
            id,
            sources: JSON.stringify(
              appendUnique(existing === undefined ? [] : (JSON.parse(existing.sources) as string[]), [
                article.source,
              ]),
            ),
            canonicalUrl: canonicalUrl(article.url),
            summary: article.summary ?? '',
            language: article.language ?? null,
            symbols: JSON.stringify(symbols),
            simhashHigh: fingerprint.high,
            simhashLow: fingerprint.low,
            sentimentConfidence: article.sentimentConfidence ?? null,
            providerSentiment: article.providerSentiment ?? null,
          };
          if (existing === undefined) {
            insert.run(row);
            inserted++;
          } else {
            update.run(row);
            clearSymbols.run(id);
            updated++;
          }
          for (const symbol of symbols) addSymbol.run(symbol, id);
        }
        return { inserted, updated };
      })();
    });
  }

  ingest(items: readonly NewsItem[], options: ArticleIngestOptions = {}): Promise<ArticleIngestResult> {
    return settle(() => ingestArticles(this.db, items, options, this.fingerprints));
  }

  get(id: string): Promise<Article | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?`)
        .get(id);
      return row === undefined ? null : toArticle(row);
    });
  }

  list(filter: ArticleListFilter = {}): Promise<Article[]> {
    return settle(() =>
      this.db
        .prepare<[Filter], ArticleRow>(
          `SELECT ${ARTICLE_COLUMNS} FROM articles a
            WHERE ${FILTER_CONDITIONS} ORDER BY a.published_at DESC, a.id DESC LIMIT @limit`,
        )
        .all(toFilter(filter, true))
        .map(toArticle),
    );
  }

  search(query: string, filter: ArticleListFilter = {}): Promise<ArticleSearchHit[]> {
    return settle(() => {
      const match = toFts5Query(query);
      return this.db
        .prepare<[Filter & { match: string }], ArticleRow & { rank: number; snippet: string }>(
          `SELECT ${ARTICLE_COLUMNS}, bm25(articles_fts, ${BM25_WEIGHTS}) AS rank,
                  snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet
             FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
            WHERE articles_fts MATCH @match AND ${FILTER_CONDITIONS}
            ORDER BY rank, a.published_at DESC, a.id LIMIT @limit`,
        )
        .all({ ...toFilter(filter, false), match })
        .map(({ rank, snippet, ...row }) => ({ article: toArticle(row), score: -rank, snippet }));
    });
  }

  setSentiment(updates: readonly ArticleSentimentUpdate[]): Promise<number> {
    return settle(() => {
      const update = this.db.prepare(
        'UPDATE articles SET sentiment = ?, sentiment_confidence = ? WHERE id = ?',
      );
      return this.db.transaction(() => {
        for (const { id, score, confidence } of updates) {
          checkScore(`sentiment score of article ${quote(id)}`, score, -1);
          checkScore(`sentiment confidence of article ${quote(id)}`, confidence, 0);
          if (update.run(score, confidence, id).changes === 0)
            throw new NotFoundError(`article ${quote(id)} does not exist`);
        }
        return updates.length;
      })();
    });
  }
}

const FILTER_CONDITIONS = `(@symbol IS NULL OR a.id IN (SELECT article_id FROM article_symbols WHERE symbol = @symbol))
  AND a.published_at >= @from AND a.published_at < @to AND (@duplicates = 1 OR a.duplicate_of IS NULL)`;

function toFilter(filter: ArticleListFilter, duplicatesByDefault: boolean): Filter {
  const limit = filter.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
  return {
    symbol: filter.symbol === undefined ? null : normalizeSymbol(filter.symbol),
    from: filter.from ?? -Number.MAX_VALUE,
    to: filter.to ?? Number.MAX_VALUE,
    limit,
    duplicates: (filter.includeDuplicates ?? duplicatesByDefault) ? 1 : 0,
  };
}

/** A score must lie in [low, 1] (low is -1 for sentiment, 0 for confidence) or be null. */
function checkScore(what: string, value: number | null, low: number): void {
  if (value !== null && !(value >= low && value <= 1))
    throw new InvalidInputError(`${what} ${quote(value)} must be in [${low}, 1] or null`);
}
