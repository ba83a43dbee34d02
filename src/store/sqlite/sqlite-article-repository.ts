import type Database from 'better-sqlite3';
import { InvalidInputError, quote } from '../../core/errors.js';
import { normalizeSymbol } from '../../model/instrument.js';
import type {
  Article,
  ArticleListFilter,
  ArticleRepository,
  ArticleUpsertResult,
} from '../repositories.types.js';
import { settle } from './settle.js';

const DEFAULT_LIMIT = 100;

interface ArticleRow {
  readonly id: string;
  readonly source: string;
  readonly url: string;
  readonly title: string;
  readonly body: string;
  readonly publishedAt: number;
  readonly symbols: string;
  readonly sentiment: number | null;
}

/**
 * Articles keyed by url. Symbols are kept twice: as a JSON array in the row (read back as is) and in
 * article_symbols, indexed by symbol, for filtering.
 */
export class SqliteArticleRepository implements ArticleRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  upsert(articles: Article | readonly Article[]): Promise<ArticleUpsertResult> {
    return settle(() => {
      const list: readonly Article[] = Array.isArray(articles) ? articles : [articles as Article];
      const findByUrl = this.db.prepare<[string], string>('SELECT id FROM articles WHERE url = ?').pluck();
      const insert = this.db.prepare(
        `INSERT INTO articles (id, source, url, title, body, published_at, symbols, sentiment)
         VALUES (@id, @source, @url, @title, @body, @publishedAt, @symbols, @sentiment)`,
      );
      const update = this.db.prepare(
        `UPDATE articles SET source = @source, title = @title, body = @body, published_at = @publishedAt,
           symbols = @symbols, sentiment = @sentiment WHERE id = @id`,
      );
      const clearSymbols = this.db.prepare('DELETE FROM article_symbols WHERE article_id = ?');
      const addSymbol = this.db.prepare(
        'INSERT OR IGNORE INTO article_symbols (symbol, article_id) VALUES (?, ?)',
      );
      return this.db.transaction(() => {
        let inserted = 0;
        let updated = 0;
        for (const article of list) {
          if (article.sentiment !== null && !(article.sentiment >= -1 && article.sentiment <= 1)) {
            throw new InvalidInputError(
              `article sentiment ${quote(article.sentiment)} must be in [-1, 1] or null`,
            );
          }
          const symbols = [...new Set(article.symbols.map(normalizeSymbol))];
          const existingId = findByUrl.get(article.url);
          const id = existingId ?? article.id;
          const row = { ...article, id, symbols: JSON.stringify(symbols) };
          if (existingId === undefined) {
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

  list(filter: ArticleListFilter = {}): Promise<Article[]> {
    return settle(() => {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1)
        throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
      const symbol = filter.symbol === undefined ? null : normalizeSymbol(filter.symbol);
      return this.db
        .prepare<[{ symbol: string | null; from: number; to: number; limit: number }], ArticleRow>(
          `SELECT id, source, url, title, body, published_at AS publishedAt, symbols, sentiment FROM articles
            WHERE (@symbol IS NULL OR id IN (SELECT article_id FROM article_symbols WHERE symbol = @symbol))
              AND published_at >= @from AND published_at < @to
            ORDER BY published_at DESC, id DESC LIMIT @limit`,
        )
        .all({ symbol, from: filter.from ?? -Number.MAX_VALUE, to: filter.to ?? Number.MAX_VALUE, limit })
        .map((row) => ({ ...row, symbols: JSON.parse(row.symbols) as string[] }));
    });
  }
}
