import { listStoredSeries } from '../../app/query-bars.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { renderTable } from '../table.js';
import { shortTime } from './parse-flags.js';
import { printJson, withContext } from './context.js';

export async function runDataList(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withContext(io, options, async (context) => {
    const series = await listStoredSeries(context.store());
    if (options['json'] === true) {
      printJson(io, series);
      return;
    }
    if (series.length === 0) {
      writeLine(io.stdout, `no bars stored in ${context.databasePath} (try: neural-trader data generate)`);
      return;
    }
    writeLine(
      io.stdout,
      renderTable(
        ['symbol', 'timeframe', 'bars', 'first', 'last'],
        series.map((s) => [s.symbol, s.timeframe, s.count, shortTime(s.firstTs), shortTime(s.lastTs)]),
      ),
    );
  });
}
