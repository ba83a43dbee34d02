import { generateSyntheticData } from '../../app/generate-synthetic-data.js';
import type { SyntheticTimeframe } from '../../data/synthetic/market-spec.types.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { renderTable } from '../table.js';
import { dateFlag, integerFlag, listFlag, shortTime } from './parse-flags.js';
import { printJson, withContext } from './context.js';

export async function runDataGenerate(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const json = options['json'] === true;
  const request = {
    days: integerFlag('days', options['days'], 1, 100_000),
    seed: integerFlag('seed', options['seed'], -(2 ** 31), 2 ** 31 - 1),
    start: dateFlag('start', options['start']),
    timeframe: options['timeframe'] as SyntheticTimeframe,
    ...(typeof options['symbols'] === 'string' ? { symbols: listFlag(options['symbols']) } : {}),
  };
  await withContext(io, options, async (context) => {
    const progress = createProgress(io, 'generating', !json);
    const result = await generateSyntheticData(context.store(), {
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
      `generated ${result.barsWritten} ${result.timeframe} bars for ${result.series.length} symbols (seed ${result.seed}) into ${context.databasePath}`,
    );
    writeLine(
      io.stdout,
      renderTable(
        ['symbol', 'sector', 'bars', 'first', 'last'],
        result.series.map((s) => [
          s.symbol,
          s.sector ?? '',
          s.bars,
          shortTime(s.firstTs),
          shortTime(s.lastTs),
        ]),
      ),
    );
    for (const pair of result.pairs) {
      writeLine(
        io.stdout,
        `cointegrated pair ${pair.a}/${pair.b}: beta ${pair.beta}, half-life ${pair.halfLife} bars`,
      );
    }
  });
}
