/** One schema step. Versions start at 1 and increase by 1; a released migration is never edited. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The SQLite schema, oldest first. Bars are stored as columnar chunks (see bar-chunks.ts): one row per
 * (instrument, timeframe, time bucket) holding six little-endian Float64 BLOBs, which loads a million bars
 * in tens of milliseconds where one row per bar takes seconds (bench/store.bench.ts).
 *
 * Enumerations (status, side, kind...) are plain TEXT without CHECK lists: adding a value to a CHECK in
 * SQLite means rebuilding the table, and the repositories only ever write typed values.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'instruments and bar chunks',
    sql: `
      CREATE TABLE instruments (
        symbol      TEXT PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        asset_class TEXT NOT NULL,
        tick_size   REAL NOT NULL CHECK (tick_size > 0),
        lot_size    REAL NOT NULL CHECK (lot_size > 0),
        currency    TEXT NOT NULL,
        sector      TEXT,
        name        TEXT
      );
      CREATE TABLE bar_chunks (
        instrument  TEXT    NOT NULL,
        timeframe   TEXT    NOT NULL,
        chunk_start INTEGER NOT NULL,
        first_ts    INTEGER NOT NULL,
        last_ts     INTEGER NOT NULL,
        count       INTEGER NOT NULL CHECK (count > 0),
        ts          BLOB    NOT NULL CHECK (length(ts) = 8 * count),
        open        BLOB    NOT NULL CHECK (length(open) = 8 * count),
        high        BLOB    NOT NULL CHECK (length(high) = 8 * count),
        low         BLOB    NOT NULL CHECK (length(low) = 8 * count),
        close       BLOB    NOT NULL CHECK (length(close) = 8 * count),
        volume      BLOB    NOT NULL CHECK (length(volume) = 8 * count),
        PRIMARY KEY (instrument, timeframe, chunk_start)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'orders, fills and positions',
    sql: `
      CREATE TABLE orders (
        id                 TEXT PRIMARY KEY,
        client_order_id    TEXT NOT NULL UNIQUE,
        account_id         TEXT,
        instrument_id      TEXT NOT NULL,
        strategy_id        TEXT,
        side               TEXT NOT NULL,
        type               TEXT NOT NULL,
        time_in_force      TEXT NOT NULL,
        order_class        TEXT NOT NULL,
        quantity           REAL NOT NULL,
        limit_price        REAL,
        stop_price         REAL,
        trail_price        REAL,
        trail_percent      REAL,
        take_profit_price  REAL,
        stop_loss_price    REAL,
        parent_id          TEXT,
        reduce_only        INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
        status             TEXT NOT NULL,
        filled_quantity    REAL NOT NULL,
        average_fill_price REAL,
        ts_init            INTEGER NOT NULL,
        ts_last            INTEGER NOT NULL,
        reason             TEXT
      );
      CREATE INDEX orders_by_status ON orders (status, ts_init);
      CREATE INDEX orders_by_instrument ON orders (instrument_id, ts_init);

      -- No foreign key to orders: a broker reports fills of orders placed elsewhere (its own UI), and those
      -- fills must still be recorded.
      CREATE TABLE fills (
        id              TEXT PRIMARY KEY,
        order_id        TEXT NOT NULL,
        client_order_id TEXT NOT NULL,
        instrument_id   TEXT NOT NULL,
        strategy_id     TEXT,
        side            TEXT NOT NULL,
        quantity        REAL NOT NULL,
        price           REAL NOT NULL,
        commission      REAL NOT NULL,
        liquidity       TEXT NOT NULL,
        ts_event        INTEGER NOT NULL
      );
      CREATE INDEX fills_by_order ON fills (order_id, ts_event);
      CREATE INDEX fills_by_time ON fills (ts_event);

      -- The current position per (instrument, strategy); strategy_id '' stands for "no strategy" (an id is
      -- never empty), so the pair can be a primary key.
      CREATE TABLE positions (
        instrument_id TEXT NOT NULL,
        strategy_id   TEXT NOT NULL,
        id            TEXT NOT NULL,
        account_id    TEXT,
        side          TEXT NOT NULL,
        quantity      REAL NOT NULL,
        average_price REAL NOT NULL,
        realized_pnl  REAL NOT NULL,
        commissions   REAL NOT NULL,
        ts_opened     INTEGER NOT NULL,
        ts_last       INTEGER NOT NULL,
        PRIMARY KEY (instrument_id, strategy_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'runs, model registry and news',
    sql: `
      CREATE TABLE runs (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        status      TEXT NOT NULL,
        config      TEXT NOT NULL,
        metrics     TEXT,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE INDEX runs_by_start ON runs (started_at);

      CREATE TABLE models (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        version    INTEGER NOT NULL CHECK (version >= 1),
        created_at INTEGER NOT NULL,
        metrics    TEXT NOT NULL,
        params     TEXT NOT NULL,
        blob       BLOB NOT NULL,
        UNIQUE (name, version)
      );

      CREATE TABLE articles (
        id           TEXT PRIMARY KEY,
        source       TEXT NOT NULL,
        url          TEXT NOT NULL UNIQUE,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        symbols      TEXT NOT NULL,
        sentiment    REAL
      );
      CREATE INDEX articles_by_time ON articles (published_at);
      CREATE TABLE article_symbols (
        symbol     TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (symbol, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_symbols_by_article ON article_symbols (article_id);
    `,
  },
  {
    version: 4,
    name: 'risk audit log',
    sql: `
      -- Append-only. seq keeps the order entries were appended in (AUTOINCREMENT: never reused); entry holds
      -- the whole entry as JSON, the other columns are copies for filtering.
      CREATE TABLE risk_audit (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        ts            INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        rule          TEXT,
        instrument_id TEXT,
        entry         TEXT NOT NULL
      );
      CREATE INDEX risk_audit_by_time ON risk_audit (ts, seq);
      CREATE INDEX risk_audit_by_kind ON risk_audit (kind, ts, seq);
    `,
  },
  {
    version: 5,
    name: 'run columns',
    sql: `
      -- Numeric columns of a run (its equity curve), one row per column, values as little-endian float64.
      CREATE TABLE run_columns (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        name   TEXT NOT NULL,
        data   BLOB NOT NULL,
        PRIMARY KEY (run_id, name)
      );
    `,
  },
  {
    version: 6,
    name: 'optimization trials',
    sql: `
      -- One row per finished trial of an optimization run; written as each trial completes (resume skips the
      -- stored ids). params and metrics are JSON; returns and return_ts little-endian float64 BLOBs.
      CREATE TABLE optimization_trials (
        run_id      TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        trial_id    TEXT    NOT NULL,
        trial_index INTEGER NOT NULL,
        params      TEXT    NOT NULL,
        metrics     TEXT    NOT NULL,
        returns     BLOB    NOT NULL,
        return_ts   BLOB    NOT NULL CHECK (length(return_ts) = length(returns)),
        error       TEXT,
        duration_ms REAL    NOT NULL,
        PRIMARY KEY (run_id, trial_id)
      ) WITHOUT ROWID;
      CREATE INDEX optimization_trials_by_index ON optimization_trials (run_id, trial_index);
    `,
  },
  {
    version: 7,
    name: 'news articles: de-duplication and full-text search',
    sql: `
      -- The articles table is rebuilt rather than altered: the full-text index needs a stable integer key
      -- (VACUUM may renumber the implicit rowid of a table without an INTEGER PRIMARY KEY), and canonical_url
      -- needs its UNIQUE constraint. article_symbols references articles, so its rows wait in a temporary
      -- copy while both tables are replaced. Rows stored before this version keep their url as canonical_url
      -- and have no SimHash: near-duplicate search skips them, exact URL matching does not.
      CREATE TABLE articles_v7 (
        seq                  INTEGER PRIMARY KEY,
        id                   TEXT    NOT NULL UNIQUE,
        source               TEXT    NOT NULL,
        sources              TEXT    NOT NULL,
        url                  TEXT    NOT NULL UNIQUE,
        canonical_url        TEXT    NOT NULL UNIQUE,
        title                TEXT    NOT NULL,
        summary              TEXT    NOT NULL DEFAULT '',
        body                 TEXT    NOT NULL,
        language             TEXT,
        published_at         INTEGER NOT NULL,
        symbols              TEXT    NOT NULL,
        simhash_high         INTEGER CHECK (simhash_high BETWEEN 0 AND 4294967295),
        simhash_low          INTEGER CHECK (simhash_low BETWEEN 0 AND 4294967295),
        duplicate_of         TEXT    REFERENCES articles_v7 (id) ON DELETE SET NULL,
        sentiment            REAL    CHECK (sentiment BETWEEN -1 AND 1),
        sentiment_confidence REAL    CHECK (sentiment_confidence BETWEEN 0 AND 1),
        provider_sentiment   REAL    CHECK (provider_sentiment BETWEEN -1 AND 1),
        CHECK ((simhash_high IS NULL) = (simhash_low IS NULL)),
        CHECK (duplicate_of IS NULL OR duplicate_of <> id)
      );
      INSERT INTO articles_v7 (id, source, sources, url, canonical_url, title, body, published_at, symbols,
                               sentiment)
        SELECT id, source, json_array(source), url, url, title, body, published_at, symbols, sentiment
          FROM articles ORDER BY published_at, id;
      CREATE TEMP TABLE article_symbols_v6 AS SELECT symbol, article_id FROM article_symbols;
      DROP TABLE article_symbols;
      DROP TABLE articles;
      ALTER TABLE articles_v7 RENAME TO articles;
      CREATE INDEX articles_by_time ON articles (published_at);
      CREATE INDEX articles_by_duplicate ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL;
      CREATE TABLE article_symbols (
        symbol     TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (symbol, article_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_symbols_by_article ON article_symbols (article_id);
      INSERT INTO article_symbols (symbol, article_id) SELECT symbol, article_id FROM article_symbols_v6;
      DROP TABLE article_symbols_v6;

      -- Full-text index over title, summary and body, reading its text from articles (external content:
      -- stored once) and kept in step by triggers, inside the writer's own transaction. Porter stemming lets
      -- "earnings" find "earning"; remove_diacritics lets "nestle" find "Nestlé".
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, summary, body,
        content = 'articles', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, summary, body) VALUES (new.seq, new.title, new.summary, new.body);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)
          VALUES ('delete', old.seq, old.title, old.summary, old.body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, summary, body ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, summary, body)
          VALUES ('delete', old.seq, old.title, old.summary, old.body);
        INSERT INTO articles_fts (rowid, title, summary, body) VALUES (new.seq, new.title, new.summary, new.body);
      END;
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    `,
  },
  {
    version: 8,
    name: 'model registry: stage, data fingerprint, code version, training history',
    sql: `
      -- A model's lifecycle stage: 'candidate' (registered), 'production' (the one served for its name),
      -- 'archived' (kept for audit, never served by name). Models stored before this version are candidates.
      -- Plain TEXT without a CHECK list, as every enumeration here (the repository writes typed values only).
      ALTER TABLE models ADD COLUMN stage TEXT NOT NULL DEFAULT 'candidate';
      -- Hash of the training data (values, column names, length) and of the code that wrote the weights;
      -- NULL for models stored before this version (the registry refuses to load those).
      ALTER TABLE models ADD COLUMN data_fingerprint TEXT;
      ALTER TABLE models ADD COLUMN code_version TEXT;
      -- Training history (loss per step, validation checks) as JSON: read with the weights, never by a listing.
      ALTER TABLE models ADD COLUMN history TEXT NOT NULL DEFAULT 'null';
      -- At most one production model per name, enforced by the database itself.
      CREATE UNIQUE INDEX models_one_production ON models (name) WHERE stage = 'production';
    `,
  },
  {
    version: 9,
    name: 'API keys and server settings',
    sql: `
      -- API keys of the REST / WebSocket server. The secret is never stored: only SHA-256(salt || secret) with a
      -- random 16-byte salt per key (hex). A revoked key keeps its row (revoked_at) so listings show it.
      CREATE TABLE api_keys (
        id         TEXT PRIMARY KEY,
        name       TEXT    NOT NULL,
        role       TEXT    NOT NULL,
        salt       TEXT    NOT NULL,
        hash       TEXT    NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT    NOT NULL,
        revoked_at INTEGER
      );
      -- Small named JSON settings the operator sets through the API and that survive a restart (the risk
      -- limits in force, the trading state after a kill switch).
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT    NOT NULL,
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
