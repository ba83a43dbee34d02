import type { InstrumentId, OrderId, ClientOrderId, RunId, StrategyId } from '../core/ids.js';
import type { BarSeries } from '../data/bar-series.js';
import type { Instrument } from '../model/instrument.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Fill, Order, OrderStatus } from '../model/order.types.js';
import type { Position } from '../model/position.types.js';
import type { RiskAuditEntry, RiskAuditKind } from '../risk/risk-audit.types.js';
import type { ArticleRepository } from './article-repository.types.js';

// The article port lives in its own file; re-exported so every port is importable from here.
export { ARTICLE_INGEST_OUTCOMES } from './article-repository.types.js';
export type {
  Article,
  ArticleInput,
  ArticleListFilter,
  ArticleUpsertResult,
  ArticleIngestOptions,
  ArticleIngestOutcome,
  ArticleIngestResult,
  ArticleSearchHit,
  ArticleSentimentUpdate,
  ArticleRepository,
} from './article-repository.types.js';

/**
 * Persistence ports. Every method returns a Promise: the PostgreSQL implementation is asynchronous, the
 * embedded SQLite one settles at once. Failures reject with a NeuralTraderError (`INVALID_INPUT` for bad
 * arguments, `CONFLICT` for a uniqueness clash, `NOT_FOUND` when updating something missing,
 * `STORE_FAILURE` for the database itself). Times are epoch ms; ranges are [from, to) (to exclusive).
 */

/** A value that survives JSON.stringify → JSON.parse unchanged. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A half-open time range [from, to) in epoch ms; a missing bound is unbounded. */
export interface TimeRange {
  readonly from?: number;
  readonly to?: number;
}

export interface InstrumentRepository {
  /** Inserts or replaces by symbol. */
  upsert(instruments: Instrument | readonly Instrument[]): Promise<void>;
  /** The symbol is normalised (upper case) first. */
  get(symbol: string): Promise<Instrument | null>;
  /** Sorted by symbol. */
  list(): Promise<Instrument[]>;
}

export interface UpsertBarsOptions {
  /** Bars per transaction (default 100,000). */
  readonly batchSize?: number;
  /**
   * Called inside each batch's transaction just before it commits, with the bars written so far (this batch
   * included) and the total. Throwing aborts that batch (rolled back) and the import; earlier batches stay.
   * Runs synchronously: a returned Promise is not awaited.
   */
  readonly onBatch?: (written: number, total: number) => void;
}

export interface UpsertBarsResult {
  readonly written: number;
  readonly batches: number;
}

/** What is stored for one symbol and timeframe. `firstTs` / `lastTs` are bar open times (epoch ms). */
export interface SeriesSummary {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly count: number;
  readonly firstTs: number;
  readonly lastTs: number;
}

export interface BarRepository {
  /**
   * Stores a series. Idempotent: a bar is keyed by (symbol, timeframe, ts); storing it again replaces its
   * values. One transaction per batch, so an import stopped half-way leaves whole batches only.
   */
  upsertBars(series: BarSeries, options?: UpsertBarsOptions): Promise<UpsertBarsResult>;
  /** Bars with from <= ts < to, oldest first; an empty series when there are none. */
  loadBars(symbol: string, timeframe: Timeframe, range?: TimeRange): Promise<BarSeries>;
  /** One entry per stored (symbol, timeframe), sorted by symbol then timeframe. */
  listSeries(): Promise<SeriesSummary[]>;
  /** Deletes one timeframe of a symbol, or all its timeframes; resolves to the number of bars deleted. */
  deleteSeries(symbol: string, timeframe?: Timeframe): Promise<number>;
  countBars(symbol: string, timeframe: Timeframe): Promise<number>;
}

export interface OrderListFilter {
  readonly status?: OrderStatus;
  readonly instrumentId?: InstrumentId;
  /** Default 1,000. */
  readonly limit?: number;
}

export interface OrderRepository {
  /** Inserts or replaces by order id (an order is immutable; each transition saves the new state). */
  save(order: Order): Promise<void>;
  get(id: OrderId): Promise<Order | null>;
  getByClientOrderId(clientOrderId: ClientOrderId): Promise<Order | null>;
  /** Orders not in a terminal status (filled, canceled, expired, rejected, replaced), oldest first. */
  listOpen(): Promise<Order[]>;
  /** Newest first (by tsInit, then id). */
  list(filter?: OrderListFilter): Promise<Order[]>;
}

export interface FillRepository {
  /** Records a fill once: resolves true when new, false when a fill with this id was already stored. */
  append(fill: Fill): Promise<boolean>;
  /** Oldest first. */
  listByOrder(orderId: OrderId): Promise<Fill[]>;
  /** Fills with from <= tsEvent < to, oldest first. */
  list(range?: TimeRange): Promise<Fill[]>;
}

export interface PositionRepository {
  /** Stores the current position of (instrumentId, strategyId), replacing the previous one. */
  save(position: Position): Promise<void>;
  /** A missing strategyId means the position held outside any strategy (strategyId null). */
  get(instrumentId: InstrumentId, strategyId?: StrategyId | null): Promise<Position | null>;
  /** Sorted by instrument, then strategy (null first). */
  list(): Promise<Position[]>;
}

export const RUN_KINDS = ['backtest', 'optimization', 'walk_forward'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One backtest / optimization run: its configuration, and its metrics once finished. */
export interface Run {
  readonly id: RunId;
  readonly kind: RunKind;
  readonly status: RunStatus;
  readonly config: JsonValue;
  readonly metrics: JsonValue | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export interface RunUpdate {
  readonly status?: RunStatus;
  readonly metrics?: JsonValue | null;
  readonly finishedAt?: number | null;
}

export interface RunListFilter {
  readonly kind?: RunKind;
  readonly status?: RunStatus;
  /** Default 1,000. */
  readonly limit?: number;
}

/** Numeric columns kept with a run (e.g. its equity curve: ts, equity, cash, grossExposure). */
export type RunColumns = Readonly<Record<string, Float64Array>>;

export interface RunRepository {
  /**
   * Rejects with CONFLICT when the id exists. `columns` are stored with the run in the same transaction, as
   * raw float64 (exact, and fast for millions of values where JSON is not).
   */
  create(run: Run, columns?: RunColumns): Promise<void>;
  /** The run's numeric columns by name (empty when it has none); rejects with NOT_FOUND for an unknown run. */
  columns(id: RunId): Promise<Record<string, Float64Array>>;
  /** Applies the given fields; rejects with NOT_FOUND when the id is unknown. Resolves to the new state. */
  update(id: RunId, update: RunUpdate): Promise<Run>;
  get(id: RunId): Promise<Run | null>;
  /** Newest first (by startedAt, then id). */
  list(filter?: RunListFilter): Promise<Run[]>;
}

/**
 * Lifecycle of a registered model: `candidate` when registered, `production` for the one version served under
 * its name (at most one per name), `archived` when retired (kept for audit).
 */
export const MODEL_STAGES = ['candidate', 'production', 'archived'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

/** A trained model in the registry. `version` is a positive integer, unique per name. */
export interface ModelRecord {
  readonly id: string;
  readonly name: string;
  /** Architecture, e.g. 'nhits', 'lstm'. */
  readonly kind: string;
  readonly version: number;
  readonly createdAt: number;
  readonly stage: ModelStage;
  /** Hash of the training data (values, columns, length); null for models stored before it was recorded. */
  readonly dataFingerprint: string | null;
  /** Version of the code that wrote the weights (package, format, architecture hash); null when unknown. */
  readonly codeVersion: string | null;
  readonly metrics: JsonValue;
  /** Everything that rebuilds the model besides its weights (shape, hyperparameters, scaler ...). */
  readonly params: JsonValue;
  /** Training history (loss per step, validation checks): read with the weights, never by a listing. */
  readonly history: JsonValue;
  /** Serialised weights. */
  readonly blob: Uint8Array;
}

/** A registry entry without its weights and history: listing never reads them. */
export type ModelSummary = Omit<ModelRecord, 'blob' | 'history'>;

export interface ModelListFilter {
  readonly name?: string;
  readonly stage?: ModelStage;
}

export interface ModelRepository {
  /** Inserts or replaces by id; rejects with CONFLICT when another id holds the same (name, version). */
  save(model: ModelRecord): Promise<void>;
  get(id: string): Promise<ModelRecord | null>;
  /** The highest version of `name`. */
  latest(name: string): Promise<ModelRecord | null>;
  /** The production version of `name`, if one is promoted. */
  production(name: string): Promise<ModelRecord | null>;
  /** Sorted by name, then version. */
  list(filter?: ModelListFilter): Promise<ModelSummary[]>;
  /**
   * Moves a model to `stage`; promoting to `production` archives the name's current production model in the
   * same transaction. Rejects with NOT_FOUND for an unknown id. Resolves to the updated summary.
   */
  setStage(id: string, stage: ModelStage): Promise<ModelSummary>;
  /** Removes a model; resolves to false when the id is unknown. */
  delete(id: string): Promise<boolean>;
}

export interface RiskAuditListFilter extends TimeRange {
  readonly kind?: RiskAuditKind;
  /** Default 1,000. */
  readonly limit?: number;
}

/**
 * The risk engine's audit log (denials, trading-state transitions, kill switches, violations). Append-only:
 * entries are never changed or deleted.
 */
export interface RiskAuditRepository {
  /**
   * Appends entries in one transaction: all of them are stored or, if any fails, none. JSON has no NaN or
   * Infinity, so such numbers in `values` are stored as the strings "NaN", "Infinity" and "-Infinity" (an
   * audit log must never refuse an entry for the value it records).
   */
  append(entries: readonly RiskAuditEntry[]): Promise<void>;
  /** Entries with from <= ts < to, oldest first (by ts, then order of appending). */
  list(filter?: RiskAuditListFilter): Promise<RiskAuditEntry[]>;
}

/**
 * One finished optimization trial as stored (the optimizer's TrialResult has this shape). Metrics are
 * numbers, null for undefined ones; ±Infinity (a profit factor without losses) survives the round trip.
 */
export interface StoredTrial {
  readonly id: string;
  readonly index: number;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Simple return of each measured bar, stored as raw float64 (bit for bit). */
  readonly returns: Float64Array;
  /** Bar completion time of each return, epoch ms. */
  readonly returnTs: Float64Array;
  readonly durationMs: number;
  readonly error: string | null;
}

/**
 * Trial results of optimization runs, written one by one as they complete so an interrupted run resumes
 * without redoing them. Keyed by (runId, trial id): a trial delivered twice (a distributed worker retried
 * after a stall) is stored once.
 */
export interface TrialRepository {
  /**
   * Stores a trial in its own transaction; resolves true when new, false when this run already had a trial
   * with that id (the first one is kept). Rejects with NOT_FOUND when the run does not exist.
   */
  save(runId: RunId, trial: StoredTrial): Promise<boolean>;
  /** The run's trials by trial index (then id). */
  list(runId: RunId): Promise<StoredTrial[]>;
  /** Ids of the run's stored trials (errors included: they are never retried), sorted. */
  completedIds(runId: RunId): Promise<Set<string>>;
}

/** All repositories over one database. */
export interface Store {
  /** Where the database lives (a file path, ':memory:', or a connection description). */
  readonly path: string;
  readonly instruments: InstrumentRepository;
  readonly bars: BarRepository;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  readonly positions: PositionRepository;
  readonly runs: RunRepository;
  readonly models: ModelRepository;
  readonly articles: ArticleRepository;
  readonly riskAudit: RiskAuditRepository;
  readonly trials: TrialRepository;
  /** Problems found by the database's own consistency check; empty when the database is sound. */
  integrityCheck(): Promise<string[]>;
  close(): Promise<void>;
}
