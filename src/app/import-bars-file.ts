import { readFileSync } from 'node:fs';
import { InvalidInputError, quote } from '../core/errors.js';
import { parseBars } from '../data/import/parse-bars.js';
import type { ImportOptions } from '../data/import/import-options.js';
import type { ValidationIssue } from '../data/import/validation-issue.js';
import { createInstrument } from '../model/instrument.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Store } from '../store/repositories.types.js';

export interface ImportBarsFileRequest extends ImportOptions {
  readonly path: string;
  /** Bars per store transaction; an interrupted import keeps whole batches only. */
  readonly batchSize?: number;
  readonly onProgress?: (written: number, total: number) => void;
}

export interface ImportBarsFileResult {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsDropped: number;
  readonly rowsRepaired: number;
  readonly gapCount: number;
  readonly adjusted: boolean;
  readonly written: number;
  readonly batches: number;
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  readonly issues: readonly ValidationIssue[];
}

export const DEFAULT_IMPORT_BATCH_SIZE = 50_000;

/**
 * Reads a bar file, validates it (every problem with its line number), and stores the accepted bars.
 * Validation completes before the first write, so `reject` stores nothing when any row is bad; the store
 * write is batched, one transaction per batch.
 */
export async function importBarsFile(
  store: Store,
  request: ImportBarsFileRequest,
): Promise<ImportBarsFileResult> {
  const batchSize = request.batchSize ?? DEFAULT_IMPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidInputError(`batch size ${quote(batchSize)} must be an integer >= 1`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(request.path);
  } catch (error) {
    throw new InvalidInputError(`file ${quote(request.path)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const format = request.format ?? formatFromExtension(request.path);
  const parsed = parseBars(bytes, { ...request, ...(format === undefined ? {} : { format }) });
  if (!parsed.ok) throw parsed.error;
  const report = parsed.value;
  const instrument = createInstrument({ symbol: request.symbol });
  await store.instruments.upsert(instrument);
  const stored = await store.bars.upsertBars(report.series, {
    batchSize,
    ...(request.onProgress === undefined ? {} : { onBatch: request.onProgress }),
  });
  const empty = report.series.length === 0;
  return {
    symbol: instrument.symbol,
    timeframe: request.timeframe,
    file: request.path,
    rowsRead: report.rowsRead,
    rowsAccepted: report.rowsAccepted,
    rowsDropped: report.rowsDropped,
    rowsRepaired: report.rowsRepaired,
    gapCount: report.gapCount,
    adjusted: report.adjusted,
    written: stored.written,
    batches: stored.batches,
    firstTs: empty ? null : report.series.firstTs,
    lastTs: empty ? null : report.series.lastTs,
    issues: report.issues,
  };
}

function formatFromExtension(path: string): 'csv' | 'jsonl' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
  return undefined;
}
