import { showBars } from '../../app/query-bars.js';
import type { BarSeries } from '../../data/bar-series.js';
import type { CliIo } from '../cli-io.js';
import { dateFlag, integerFlag, timeframeFlag } from './parse-flags.js';
import { withContext } from './context.js';

export async function runDataShow(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const request = {
    symbol: String(args[0]),
    ...(options['timeframe'] === undefined ? {} : { timeframe: timeframeFlag(options['timeframe']) }),
    ...(options['from'] === undefined ? {} : { from: dateFlag('from', options['from']) }),
    ...(options['to'] === undefined ? {} : { to: dateFlag('to', options['to']) }),
    ...(options['limit'] === undefined ? {} : { limit: integerFlag('limit', options['limit'], 1) }),
  };
  await withContext(io, options, async (context) => {
    const series = await showBars(context.store(), request);
    if (options['format'] === 'json') writeJson(io, series);
    else writeCsv(io, series);
  });
}

/** CSV in the importer's own format, so `data show` output can be imported again unchanged. */
function writeCsv(io: CliIo, series: BarSeries): void {
  const lines = ['date,open,high,low,close,volume'];
  for (let i = 0; i < series.length; i++) {
    lines.push(
      `${new Date(series.ts[i] as number).toISOString()},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}`,
    );
    if (lines.length >= 10_000) io.stdout.write(`${lines.splice(0).join('\n')}\n`);
  }
  if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
}

function writeJson(io: CliIo, series: BarSeries): void {
  const bars = [];
  for (let i = 0; i < series.length; i++) {
    bars.push({
      date: new Date(series.ts[i] as number).toISOString(),
      open: series.open[i],
      high: series.high[i],
      low: series.low[i],
      close: series.close[i],
      volume: series.volume[i],
    });
  }
  io.stdout.write(`${JSON.stringify({ symbol: series.symbol, timeframe: series.timeframe, bars })}\n`);
}
