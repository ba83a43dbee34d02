import { resolve } from 'node:path';
import { importBarsFile } from '../../app/import-bars-file.js';
import type { DateFormat, ErrorPolicy, ImportFormat } from '../../data/import/import-options.js';
import { BAR_INPUT_FIELDS } from '../../data/import/import-options.js';
import { ImportRejectedError } from '../../data/import/import-rejected-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { columnMapFlag, integerFlag, isoDate, timeframeFlag } from './parse-flags.js';
import { printJson, withContext } from './context.js';

/** Issues printed in text mode before "... and N more" (all of them go to --json). */
const SHOWN_ISSUES = 20;

export async function runDataImport(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const json = options['json'] === true;
  const file = resolve(io.cwd, String(args[0]));
  const request = {
    path: file,
    symbol: String(options['symbol']),
    timeframe: timeframeFlag(options['timeframe']),
    onError: options['onError'] as ErrorPolicy,
    dateFormat: options['dateFormat'] as DateFormat,
    checkGaps: options['gaps'] !== false,
    batchSize: integerFlag('batch-size', options['batchSize'], 1),
    ...(options['adjust'] === false ? { adjust: false } : {}),
    ...(typeof options['format'] === 'string' ? { format: options['format'] as ImportFormat } : {}),
    ...(typeof options['delimiter'] === 'string'
      ? { delimiter: unescapeDelimiter(options['delimiter']) }
      : {}),
    ...(typeof options['columns'] === 'string'
      ? { columns: columnMapFlag(options['columns'], BAR_INPUT_FIELDS) }
      : {}),
  };
  await withContext(io, options, async (context) => {
    const progress = createProgress(io, `importing ${request.symbol}`, !json);
    try {
      const result = await importBarsFile(context.store(), {
        ...request,
        onProgress: (d, t) => progress.update(d, t),
      });
      progress.finish();
      if (json) {
        printJson(io, result);
        return;
      }
      writeLine(
        io.stdout,
        `imported ${result.written} ${result.timeframe} bars of ${result.symbol} from ${result.file} ` +
          `(${isoDate(result.firstTs)} .. ${isoDate(result.lastTs)}) in ${result.batches} batch(es)`,
      );
      writeLine(
        io.stdout,
        `rows read ${result.rowsRead}, accepted ${result.rowsAccepted}, dropped ${result.rowsDropped}, ` +
          `repaired ${result.rowsRepaired}, gaps ${result.gapCount}${result.adjusted ? ', prices adjusted by adjclose' : ''}`,
      );
      printIssues(
        io,
        result.issues.map((i) => `${i.action}: ${i.message}`),
      );
    } catch (error) {
      progress.finish();
      if (error instanceof ImportRejectedError && json) {
        printJson(io, { rejected: true, message: error.message, issues: error.issues });
      } else if (error instanceof ImportRejectedError) {
        printIssues(
          io,
          error.issues.map((i) => i.message),
          io.stderr,
        );
      }
      throw error;
    }
  });
}

function printIssues(io: CliIo, lines: readonly string[], stream = io.stdout): void {
  for (const line of lines.slice(0, SHOWN_ISSUES)) writeLine(stream, `  ${line}`);
  if (lines.length > SHOWN_ISSUES)
    writeLine(stream, `  ... and ${lines.length - SHOWN_ISSUES} more (use --json for all)`);
}

function unescapeDelimiter(value: string): string {
  return value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
}
