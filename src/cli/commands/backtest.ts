import { existsSync, readFileSync } from 'node:fs';
import { RISK_LEVELS, type RiskLevel } from '../../model/risk-level.js';
import type { RiskConfigInput } from '../../risk/pre-trade/risk-config.js';
import { resolve } from 'node:path';
import type { BacktestNews } from '../../app/backtest-data.js';
import type { NeuralTrendModel } from '../../app/neural-trend-inputs.js';
import { runBacktest, type BacktestData } from '../../app/run-backtest.js';
import type { FillTiming } from '../../backtest/backtest.types.js';
import { parseStrategyParams } from '../../strategies/registry.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';
import { backtestDataFlags, dateFlag, disclosureFlags, integerFlag } from './parse-flags.js';

function numberFlag(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min)
    throw new UsageError(`--${name} ${JSON.stringify(value)} must be a number >= ${min}`);
  return parsed;
}

/** `--risk-preset LEVEL` or `--risk-config FILE` (JSON: the risk engine's configuration); neither: no rules. */
function riskFlags(cwd: string, options: Record<string, unknown>): RiskLevel | RiskConfigInput | undefined {
  const preset = options['riskPreset'];
  const file = options['riskConfig'];
  if (preset !== undefined && file !== undefined) {
    throw new UsageError('--risk-preset and --risk-config cannot be combined');
  }
  if (typeof preset === 'string') {
    if (!(RISK_LEVELS as readonly string[]).includes(preset)) {
      throw new UsageError(
        `--risk-preset ${JSON.stringify(preset)} must be one of ${RISK_LEVELS.join(', ')}`,
      );
    }
    return preset as RiskLevel;
  }
  if (typeof file !== 'string') return undefined;
  const path = resolve(cwd, file);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RiskConfigInput;
  } catch (error) {
    throw new UsageError(
      `--risk-config ${JSON.stringify(file)} is not a readable JSON file: ${(error as Error).message}`,
    );
  }
}

/**
 * `--synthetic-news EDGE [--news-seed N]` (the synthetic news stream, scored) or `--news store` (the stored
 * articles); neither: undefined (no news input).
 */
export function newsFlags(options: Record<string, unknown>): BacktestNews | undefined {
  const synthetic = options['syntheticNews'];
  const source = options['news'];
  if (synthetic !== undefined && source !== undefined) {
    throw new UsageError('--synthetic-news and --news cannot be combined');
  }
  if (options['newsSeed'] !== undefined && synthetic === undefined) {
    throw new UsageError('--news-seed needs --synthetic-news');
  }
  if (source !== undefined) {
    if (source !== 'store') throw new UsageError(`--news ${JSON.stringify(source)} must be "store"`);
    return { kind: 'store' };
  }
  if (synthetic === undefined) return undefined;
  const text = typeof synthetic === 'string' ? synthetic.trim() : '';
  const edge = Number(text);
  if (!(text !== '' && edge >= 0 && edge <= 1)) {
    throw new UsageError(`--synthetic-news ${JSON.stringify(synthetic)} must be an edge between 0 and 1`);
  }
  const seed = options['newsSeed'];
  return {
    kind: 'synthetic',
    edge,
    ...(seed === undefined ? {} : { seed: integerFlag('news-seed', seed, 0, 2 ** 32 - 1) }),
  };
}

/** `--benchmark`: an existing file is read as bars; anything else names a stored symbol. */
function benchmarkFlag(
  io: CliIo,
  value: unknown,
): { kind: 'file'; path: string } | { kind: 'store'; symbol: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value;
  const path = resolve(io.cwd, text);
  return existsSync(path) ? { kind: 'file', path } : { kind: 'store', symbol: text };
}

/** `--neural-model nhits|lstm|transformer [--neural-steps N]` (neural-trend's walk-forward models). */
function neuralFlags(options: Record<string, unknown>): {
  neuralModel?: NeuralTrendModel;
  neuralSteps?: number;
} {
  const model = options['neuralModel'];
  if (model === undefined) {
    if (options['neuralSteps'] !== undefined) throw new UsageError('--neural-steps needs --neural-model');
    return {};
  }
  if (options['strategy'] !== 'neural-trend') {
    throw new UsageError('--neural-model is for --strategy neural-trend');
  }
  return {
    neuralModel: model as NeuralTrendModel,
    ...(options['neuralSteps'] === undefined
      ? {}
      : { neuralSteps: integerFlag('neural-steps', options['neuralSteps'], 1, 100_000) }),
  };
}

export async function runBacktestCommand(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const data: BacktestData = backtestDataFlags(io.cwd, options);
  if (options['quantity'] !== undefined && options['percentEquity'] !== undefined) {
    throw new UsageError('--quantity and --percent-equity cannot be combined');
  }
  const optional = {
    from: options['from'] === undefined ? undefined : dateFlag('from', options['from']),
    to: options['to'] === undefined ? undefined : dateFlag('to', options['to']),
    cash: numberFlag('cash', options['cash'], 0),
    quantity: numberFlag('quantity', options['quantity'], 0),
    percentEquity: numberFlag('percent-equity', options['percentEquity'], 0),
    commissionPerOrder: numberFlag('commission-per-order', options['commissionPerOrder'], 0),
    commissionBps: numberFlag('commission-bps', options['commissionBps'], 0),
    slippageBps: numberFlag('slippage-bps', options['slippageBps'], 0),
    maxLeverage: numberFlag('leverage', options['leverage'], 0),
    reportPath: typeof options['report'] === 'string' ? resolve(io.cwd, options['report']) : undefined,
    benchmark: benchmarkFlag(io, options['benchmark']),
    disclosures: disclosureFlags(io.cwd, options),
    news: newsFlags(options),
    risk: riskFlags(io.cwd, options),
    riskFreeRate:
      options['riskFree'] === undefined ? undefined : numberFlag('risk-free', options['riskFree'], 0),
    ...neuralFlags(options),
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  await withContext(io, options, async (context) => {
    const summary = await runBacktest(context.store(), {
      strategy: String(options['strategy']),
      params: typeof options['params'] === 'string' ? parseStrategyParams(options['params']) : {},
      data,
      fill: options['fill'] as FillTiming,
      ...defined,
    });
    if (options['json'] === true) {
      printJson(io, summary);
      return;
    }
    const m = summary.metrics;
    const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : 'n/a');
    const num = (x: unknown): string => (typeof x === 'number' ? x.toFixed(2) : 'n/a');
    writeLine(
      io.stdout,
      `${summary.strategy} on ${summary.symbols.join(', ')} (${summary.timeframe}, ${summary.bars} bars, fills at ${summary.fillTiming})`,
    );
    writeLine(
      io.stdout,
      renderTable(
        ['metric', 'value'],
        [
          ['net P&L', num(summary.netPnl)],
          ['final equity', num(summary.finalEquity)],
          ['total return', pct(m['totalReturn'])],
          ['annualized return', pct(m['annualizedReturn'])],
          ['annualized volatility', pct(m['annualizedVolatility'])],
          ['Sharpe', num(m['sharpeRatio'])],
          ['Sortino', num(m['sortinoRatio'])],
          ['max drawdown', pct(m['maxDrawdown'])],
          ['closed trades', String(m['closedTrades'])],
          ['win rate', pct(m['winRate'])],
          ['profit factor', num(m['profitFactor'])],
          ['fees', num(m['fees'])],
          ...(optional.benchmark === undefined
            ? []
            : [
                ['beta', num(m['beta'])],
                ['alpha (annualized)', pct(m['annualizedAlpha'])],
              ]),
          ['fills', String(summary.fills)],
          ['orders denied by risk limits', String(summary.deniedOrders)],
        ],
      ),
    );
    if (summary.neuralModels !== null) writeLine(io.stdout, `models: ${summary.neuralModels}`);
    if (summary.news !== null)
      writeLine(io.stdout, `news: ${summary.news.description}, ${summary.news.articles} scored articles`);
    for (const warning of summary.warnings) writeLine(io.stdout, `warning: ${warning}`);
    writeLine(io.stdout, `run ${summary.runId} · trades hash ${summary.tradesHash}`);
    if (typeof optional.reportPath === 'string')
      writeLine(io.stdout, `report written to ${optional.reportPath}`);
  });
}
