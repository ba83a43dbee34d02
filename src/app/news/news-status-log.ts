import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';

/** The file, in the data directory, that keeps each source's fetch history between processes. */
export const NEWS_STATUS_FILE = 'news-status.json';

const time = z.number().finite().nullable();
const historySchema = z.strictObject({
  lastFetchAt: time,
  lastSuccessAt: time,
  lastErrorAt: time,
  lastError: z.string().nullable(),
  fetches: z.number().int().min(0),
  failures: z.number().int().min(0),
  itemsFetched: z.number().int().min(0),
  itemsInserted: z.number().int().min(0),
  /** HTTP requests sent on the UTC day `requestsDay` (YYYY-MM-DD), over every process. */
  requestsDay: z.string().nullable(),
  requestsToday: z.number().int().min(0),
});
const logSchema = z.record(z.string(), historySchema);

/** What is known of one source's past fetches (epoch ms). */
export type SourceHistory = z.output<typeof historySchema>;

/** One fetch of one source. */
export interface FetchOutcome {
  readonly at: number;
  /** The error message when the fetch failed; null on success. */
  readonly error: string | null;
  readonly fetched: number;
  readonly inserted: number;
  /** HTTP requests the fetch sent (cache hits excluded). */
  readonly requests: number;
}

const EMPTY: SourceHistory = {
  lastFetchAt: null,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  fetches: 0,
  failures: 0,
  itemsFetched: 0,
  itemsInserted: 0,
  requestsDay: null,
  requestsToday: 0,
};

/**
 * Per-source fetch history (last success, last error, counts), so `news sources status` in a new process can
 * say how the last fetches went: the adapters' own counters live only as long as the process. Kept in memory,
 * or in a JSON file (`<dataDir>/news-status.json`, replaced atomically on each record). A file that is not
 * valid is an error naming it.
 */
export class NewsStatusLog {
  private entries: Record<string, SourceHistory> | null = null;

  /** `path` null: memory only. */
  constructor(private readonly path: string | null) {}

  static inDataDir(dataDir: string): NewsStatusLog {
    return new NewsStatusLog(join(dataDir, NEWS_STATUS_FILE));
  }

  read(): Readonly<Record<string, SourceHistory>> {
    this.entries ??= this.load();
    return this.entries;
  }

  /** What is known of `name`; requestsToday counts only `day` (YYYY-MM-DD, UTC) when given. */
  history(name: string, day?: string): SourceHistory {
    const history = this.read()[name] ?? EMPTY;
    if (day === undefined || history.requestsDay === day) return history;
    return { ...history, requestsDay: day, requestsToday: 0 };
  }

  private stored(name: string): SourceHistory {
    return this.read()[name] ?? EMPTY;
  }

  record(name: string, outcome: FetchOutcome): void {
    const previous = this.stored(name);
    const ok = outcome.error === null;
    const day = new Date(outcome.at).toISOString().slice(0, 10);
    const next: SourceHistory = {
      lastFetchAt: outcome.at,
      lastSuccessAt: ok ? outcome.at : previous.lastSuccessAt,
      lastErrorAt: ok ? previous.lastErrorAt : outcome.at,
      lastError: ok ? previous.lastError : outcome.error,
      fetches: previous.fetches + 1,
      failures: previous.failures + (ok ? 0 : 1),
      itemsFetched: previous.itemsFetched + outcome.fetched,
      itemsInserted: previous.itemsInserted + outcome.inserted,
      requestsDay: day,
      requestsToday: (previous.requestsDay === day ? previous.requestsToday : 0) + outcome.requests,
    };
    this.entries = { ...this.read(), [name]: next };
    if (this.path !== null) {
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(this.entries, null, 2)}\n`);
      renameSync(temporary, this.path);
    }
  }

  private load(): Record<string, SourceHistory> {
    if (this.path === null) return {};
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new InvalidInputError(
        `news status ${quote(this.path)} cannot be read: ${(error as Error).message}`,
      );
    }
    let parsed: ReturnType<typeof logSchema.safeParse>;
    try {
      parsed = logSchema.safeParse(JSON.parse(text));
    } catch (error) {
      throw new InvalidInputError(`news status ${quote(this.path)} is not JSON: ${(error as Error).message}`);
    }
    if (!parsed.success) {
      throw new InvalidInputError(
        `news status ${quote(this.path)} is not a valid status log (${parsed.error.issues[0]?.message ?? 'invalid'}): delete it to start afresh`,
      );
    }
    return parsed.data;
  }
}
