import { compareStrategies, RANK_METRICS, type RankMetric } from '../../app/compare-strategies.js';
import { recommendStrategy } from '../../app/recommend-strategy.js';
import { listStrategies, strategyInfo } from '../../app/strategy-catalog.js';
import { RISK_LEVELS, type RiskLevel } from '../../model/risk-level.js';
import { parseStrategyParams } from '../../strategies/registry.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { newsFlags } from './backtest.js';
import { printJson, withContext } from './context.js';
import {
  backtestDataFlags,
  dateFlag,
  disclosureFlags,
  integerFlag,
  listFlag,
  numericSettingFlags,
  timeframeFlag,
} from './parse-flags.js';

const fixed = (x: unknown, digits = 2): string => (typeof x === 'number' ? x.toFixed(digits) : 'n/a');
const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : 'n/a');

export function runStrategiesList(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const strategies = listStrategies();
  if (options['json'] === true) printJson(io, strategies);
  else {
    writeLine(
      io.stdout,
      renderTable(
        ['name', 'style', 'risk', 'symbols', 'description'],
        strategies.map((s) => [
          s.name,
          s.style,
          s.riskLevel,
          s.symbols.max === null
            ? `${s.symbols.min}+`
            : s.symbols.min === s.symbols.max
              ? `${s.symbols.min}`
              : `${s.symbols.min}-${s.symbols.max}`,
          s.description,
        ]),
      ),
    );
  }
  return Promise.resolve();
}

export function runStrategiesInfo(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const info = strategyInfo(String(args[0]));
  if (options['json'] === true) {
    printJson(io, info);
    return Promise.resolve();
  }
  writeLine(io.stdout, `${info.name} — ${info.description}`);
  writeLine(io.stdout, `style ${info.style} · risk ${info.riskLevel} · markets ${info.markets.join(', ')}`);
  writeLine(io.stdout, `timeframes ${info.timeframes.join(', ')}`);
  const properties = (info.parameters['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  writeLine(
    io.stdout,
    renderTable(
      ['parameter', 'type', 'default', 'range', 'meaning'],
      Object.entries(properties).map(([name, p]) => [
        name,
        typeof p['type'] === 'string' ? p['type'] : Array.isArray(p['enum']) ? 'enum' : '',
        p['default'] === undefined ? '' : JSON.stringify(p['default']),
        range(p),
        typeof p['description'] === 'string' ? p['description'] : '',
      ]),
    ),
  );
  return Promise.resolve();
}

function range(p: Record<string, unknown>): string {
  if (Array.isArray(p['enum'])) return p['enum'].join('|');
  const bound = (value: unknown): string => (typeof value === 'number' ? String(value) : '');
  const low = bound(p['minimum'] ?? p['exclusiveMinimum']);
  const high = bound(p['maximum'] ?? p['exclusiveMaximum']);
  return low === '' && high === '' ? '' : `${low}..${high}`;
}

/** `--params sma-cross:fast=5;slow=20/momentum:lookback=60` → per-strategy parameters. */
function perStrategyParams(text: unknown): Record<string, Record<string, unknown>> {
  if (typeof text !== 'string') return {};
  const out: Record<string, Record<string, unknown>> = {};
  for (const part of text.split('/').filter((p) => p.trim() !== '')) {
    const colon = part.indexOf(':');
    if (colon < 1)
      throw new UsageError(`--params part ${JSON.stringify(part)} must look like strategy:k=v;k=v`);
    out[part.slice(0, colon).trim()] = parseStrategyParams(part.slice(colon + 1).replaceAll(';', ','));
  }
  return out;
}

const COST_FLAGS = [
  ['cash', 'cash'],
  ['commissionBps', 'commissionBps'],
  ['slippageBps', 'slippageBps'],
  ['leverage', 'maxLeverage'],
] as const;

function costFlags(options: Record<string, unknown>): Record<string, number> {
  return numericSettingFlags(options, COST_FLAGS);
}

function withDisclosures(cwd: string, options: Record<string, unknown>) {
  const disclosures = disclosureFlags(cwd, options);
  const news = newsFlags(options);
  return { ...(disclosures === undefined ? {} : { disclosures }), ...(news === undefined ? {} : { news }) };
}

export async function runStrategiesCompare(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const rankBy = typeof options['rankBy'] === 'string' ? options['rankBy'] : 'sharpeRatio';
  if (!(rankBy in RANK_METRICS)) {
    throw new UsageError(
      `--rank-by ${JSON.stringify(rankBy)} must be one of ${Object.keys(RANK_METRICS).join(', ')}`,
    );
  }
  const data = backtestDataFlags(io.cwd, options);
  await withContext(io, options, async (context) => {
    const comparison = await compareStrategies(context.store(), {
      strategies: listFlag(options['strategies']),
      params: perStrategyParams(options['params']),
      data,
      rankBy: rankBy as RankMetric,
      ...withDisclosures(io.cwd, options),
      ...(options['from'] === undefined ? {} : { from: dateFlag('from', options['from']) }),
      ...(options['to'] === undefined ? {} : { to: dateFlag('to', options['to']) }),
      ...costFlags(options),
    });
    if (options['json'] === true) {
      printJson(io, comparison);
      return;
    }
    writeLine(
      io.stdout,
      `${comparison.rows.length} strategies on ${comparison.symbols.join(', ')} (${comparison.timeframe}, ${comparison.bars} bars), ranked by ${comparison.rankedBy}`,
    );
    writeLine(
      io.stdout,
      renderTable(
        [
          '#',
          'strategy',
          'mode',
          'total return',
          'ann. return',
          'Sharpe',
          'Sortino',
          'max DD',
          'trades',
          'note',
        ],
        comparison.rows.map((r) => [
          String(r.rank),
          r.strategy,
          r.mode,
          pct(r.metrics['totalReturn']),
          pct(r.metrics['annualizedReturn']),
          fixed(r.metrics['sharpeRatio']),
          fixed(r.metrics['sortinoRatio']),
          pct(r.metrics['maxDrawdown']),
          String(r.metrics['closedTrades'] ?? 0),
          r.error ?? '',
        ]),
      ),
    );
  });
}

export async function runStrategiesRecommend(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const risk = typeof options['risk'] === 'string' ? options['risk'] : 'medium';
  if (!(RISK_LEVELS as readonly string[]).includes(risk)) {
    throw new UsageError(`--risk ${JSON.stringify(risk)} must be one of ${RISK_LEVELS.join(', ')}`);
  }
  await withContext(io, options, async (context) => {
    const recommendation = await recommendStrategy(context.store(), {
      symbols: listFlag(options['symbols']),
      risk: risk as RiskLevel,
      ...(options['timeframe'] === undefined ? {} : { timeframe: timeframeFlag(options['timeframe']) }),
      ...(options['folds'] === undefined ? {} : { folds: integerFlag('folds', options['folds'], 1, 50) }),
      ...(options['foldBars'] === undefined
        ? {}
        : { foldBars: integerFlag('fold-bars', options['foldBars'], 5, 100_000) }),
      ...costFlags(options),
    });
    if (options['json'] === true) {
      printJson(io, recommendation);
      return;
    }
    writeLine(
      io.stdout,
      `recommended for ${recommendation.symbols.join(', ')} at risk ${recommendation.risk}: ${recommendation.recommended ?? 'none'}`,
    );
    for (const reason of recommendation.reasons) writeLine(io.stdout, `  - ${reason}`);
    writeLine(
      io.stdout,
      renderTable(
        ['strategy', 'risk', 'score', 'mean Sharpe', 'windows +', 'regime fit'],
        recommendation.candidates.map((c) => [
          c.strategy,
          c.riskLevel,
          fixed(c.score),
          fixed(c.meanSharpe),
          pct(c.positiveWindows),
          String(c.regimeFit),
        ]),
      ),
    );
    for (const e of recommendation.excluded) writeLine(io.stdout, `excluded ${e.strategy}: ${e.reason}`);
  });
}
