import {
  distributedExecutor,
  requireRedis,
  startOptimizationWorker,
} from '../../app/distributed-optimization.js';
import { runOptimization, showOptimization, type OptimizationReport } from '../../app/run-optimization.js';
import type { CliIo } from '../cli-io.js';
import { waitForStopSignal } from '../wait-for-stop.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';
import { backtestDataFlags, dateFlag, integerFlag, numericSettingFlags } from './parse-flags.js';

const fixed = (x: unknown, digits = 2): string =>
  typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : 'n/a';

/** `train=756,test=252[,mode=anchored]`. */
function walkForwardFlag(
  value: unknown,
): { train: number; test: number; mode: 'rolling' | 'anchored' } | undefined {
  if (typeof value !== 'string') return undefined;
  const fields = Object.fromEntries(
    value.split(',').map((part) => {
      const [key, raw] = part.split('=').map((x) => x.trim());
      return [key ?? '', raw ?? ''];
    }),
  );
  const mode = fields['mode'] ?? 'rolling';
  if (mode !== 'rolling' && mode !== 'anchored') {
    throw new UsageError(`--walk-forward mode ${JSON.stringify(mode)} must be rolling or anchored`);
  }
  return {
    train: integerFlag('walk-forward train', fields['train'], 2),
    test: integerFlag('walk-forward test', fields['test'], 2),
    mode,
  };
}

function settingsFlags(options: Record<string, unknown>): Record<string, unknown> {
  const settings: Record<string, unknown> = numericSettingFlags(options, [
    ['cash', 'cash'],
    ['quantity', 'quantity'],
    ['percentEquity', 'percentEquity'],
    ['commissionPerOrder', 'commissionPerOrder'],
    ['commissionBps', 'commissionBps'],
    ['slippageBps', 'slippageBps'],
    ['leverage', 'maxLeverage'],
  ]);
  if (typeof options['fill'] === 'string') settings['fill'] = options['fill'];
  return settings;
}

function printReport(io: CliIo, report: OptimizationReport): void {
  writeLine(
    io.stdout,
    `optimization ${report.runId}: ${report.strategy}, ${report.method}, ${report.trials.length} trials, objective ${report.objective}`,
  );
  writeLine(
    io.stdout,
    renderTable(
      ['rank', 'parameters', 'objective', 'Sharpe', 'total return', 'max DD', 'trades', 'note'],
      report.trials.slice(0, 15).map((t) => [
        String(t.rank),
        Object.entries(t.params)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' '),
        fixed(t.objective, 4),
        fixed(t.metrics['sharpeRatio']),
        fixed(t.metrics['totalReturn'], 4),
        fixed(t.metrics['maxDrawdown'], 4),
        String(t.metrics['closedTrades'] ?? ''),
        t.error ?? (t.feasible ? '' : 'infeasible'),
      ]),
    ),
  );
  writeLine(io.stdout, `PBO (probability of backtest overfitting): ${fixed(report.pbo, 3)}`);
  writeLine(
    io.stdout,
    `deflated Sharpe ratio of the best: ${fixed(report.deflatedSharpe?.deflatedSharpe, 3)} (over ${report.deflatedSharpe?.trials ?? 0} trials)`,
  );
  if (report.stability !== null)
    writeLine(
      io.stdout,
      `optimum: ${report.stability.classification} (neighbours ${fixed(report.stability.relativeDrop * 100, 1)}% below)`,
    );
  if (report.walkForward !== null) {
    writeLine(
      io.stdout,
      `walk-forward: ${report.walkForward.folds.length} folds, out-of-sample return ${fixed(report.walkForward.outOfSampleReturn * 100)}%, Sharpe ${fixed(report.walkForward.outOfSampleSharpe)}`,
    );
  }
}

export async function runOptimize(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const json = options['json'] === true;
  const resume = typeof options['resume'] === 'string' ? options['resume'] : undefined;
  const workers = options['workers'] === undefined ? 1 : integerFlag('workers', options['workers'], 1, 256);
  await withContext(io, options, async (context) => {
    const progress = createProgress(io, 'optimizing', !json);
    const started = performance.now();
    let config;
    if (resume === undefined) {
      if (typeof options['strategy'] !== 'string' || typeof options['params'] !== 'string') {
        throw new UsageError('give --strategy NAME and --params SPACE (or --resume ID)');
      }
      const walkForward = walkForwardFlag(options['walkForward']);
      config = {
        strategy: options['strategy'],
        params: options['params'],
        method: (options['method'] ?? 'grid') as 'grid',
        ...(options['trials'] === undefined
          ? {}
          : { trials: integerFlag('trials', options['trials'], 1, 1_000_000) }),
        ...(options['seed'] === undefined
          ? {}
          : { seed: integerFlag('seed', options['seed'], -2147483648, 2147483647) }),
        ...(typeof options['objective'] === 'string' ? { objective: options['objective'] } : {}),
        ...(typeof options['constraints'] === 'string' ? { constraints: options['constraints'] } : {}),
        ...(walkForward === undefined ? {} : { walkForward }),
        data: backtestDataFlags(io.cwd, options) as never,
        ...(options['from'] === undefined ? {} : { from: dateFlag('from', options['from']) }),
        ...(options['to'] === undefined ? {} : { to: dateFlag('to', options['to']) }),
        settings: settingsFlags(options),
      };
    }
    const distributed =
      options['distributed'] === true
        ? distributedExecutor(
            await requireRedis(context.config.data.redisUrl),
            config?.data ?? { kind: 'store', symbols: [] },
          )
        : undefined;
    const report = await runOptimization(context.store(), {
      ...(config === undefined ? {} : { config }),
      ...(resume === undefined ? {} : { resume }),
      workers,
      ...(distributed === undefined ? {} : { executor: distributed }),
      onProgress: (done, total, best) => {
        const elapsed = (performance.now() - started) / 1000;
        const eta = done > 0 ? Math.round((elapsed / done) * (total - done)) : null;
        progress.update(done, total, `best ${fixed(best, 3)} · ETA ${eta === null ? '?' : `${eta} s`}`);
      },
    });
    progress.finish();
    if (json) printJson(io, report);
    else printReport(io, report);
  });
}

export async function runOptimizeShow(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withContext(io, options, async (context) => {
    const report = await showOptimization(context.store(), String(args[0]));
    if (options['json'] === true) printJson(io, report);
    else printReport(io, report);
  });
}

export async function runWorker(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withContext(io, options, async (context) => {
    const redisUrl = await requireRedis(context.config.data.redisUrl);
    const handle = await startOptimizationWorker(context.store(), {
      redisUrl,
      concurrency: integerFlag('concurrency', options['concurrency'] ?? '1', 1, 64),
      lockDurationMs: integerFlag('lock-duration', options['lockDuration'] ?? '60000', 1000),
      onError: (error) => writeLine(io.stderr, `worker: ${error.message}`),
    });
    writeLine(
      io.stdout,
      `worker consuming optimization queues (optimize-*) on ${redisUrl.replace(/\/\/[^@/]*@/, '//***@')}; Ctrl-C to stop`,
    );
    await waitForStopSignal();
    await handle.close();
  });
}
