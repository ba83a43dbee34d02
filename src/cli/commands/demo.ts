import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo as runDemoUseCase } from '../../app/run-demo.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { renderTable } from '../table.js';
import { shortTime } from './parse-flags.js';
import { printJson, withContext } from './context.js';

const percent = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '');

export async function runDemo(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const json = options['json'] === true;
  await withContext(io, options, async (context) => {
    const progress = createProgress(io, 'generating the default universe', !json);
    mkdirSync(join(context.dataDir, 'reports'), { recursive: true });
    const result = await runDemoUseCase(context.store(), {
      onProgress: (d, t) => progress.update(d, t),
      reportPath: join(context.dataDir, 'reports', 'demo-sma-cross-spy.html'),
    });
    progress.finish();
    if (json) {
      printJson(io, { database: context.databasePath, ...result });
      return;
    }
    writeLine(
      io.stdout,
      `Neural Trader — default synthetic universe (seed ${result.seed}) in ${context.databasePath}`,
    );
    writeLine(
      io.stdout,
      result.generated.length > 0
        ? `generated ${result.generated.length} symbols of daily bars`
        : 'all symbols were already stored; nothing generated',
    );
    writeLine(io.stdout);
    writeLine(
      io.stdout,
      renderTable(
        ['symbol', 'sector', 'bars', 'first', 'last', 'close', 'total', 'annual', 'vol', 'max dd'],
        result.summaries.map((s) => [
          s.symbol,
          s.sector ?? '',
          s.bars,
          Number.isFinite(s.firstTs) ? shortTime(s.firstTs) : '',
          Number.isFinite(s.lastTs) ? shortTime(s.lastTs) : '',
          s.lastClose,
          percent(s.totalReturn),
          percent(s.annualizedReturn),
          percent(s.annualizedVolatility),
          percent(s.maxDrawdown),
        ]),
      ),
    );
    writeLine(io.stdout);
    for (const pair of result.pairs) {
      writeLine(
        io.stdout,
        `cointegrated pair ${pair.a}/${pair.b}: hedge ratio ${pair.beta}, half-life ${pair.halfLifeDays} trading days`,
      );
    }
    const bt = result.backtest;
    const m = bt.metrics;
    const pct = (x: unknown): string => (typeof x === 'number' ? percent(x) : 'n/a');
    const sharpe = typeof m['sharpeRatio'] === 'number' ? m['sharpeRatio'].toFixed(2) : 'n/a';
    writeLine(io.stdout);
    writeLine(
      io.stdout,
      `backtest: sma-cross(10, 30) on SPY, 95% of equity, $1 per order, fills at the next open: ` +
        `net P&L ${bt.netPnl.toFixed(2)}, return ${pct(m['totalReturn'])}, Sharpe ${sharpe}, ` +
        `max drawdown ${pct(m['maxDrawdown'])}, ${String(m['closedTrades'])} closed trades`,
    );
    if (result.reportPath !== null) writeLine(io.stdout, `tearsheet: ${result.reportPath}`);
    writeLine(
      io.stdout,
      'next: neural-trader backtest --help · neural-trader data list · neural-trader doctor',
    );
  });
}
