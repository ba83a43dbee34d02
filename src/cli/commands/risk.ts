import { resolve } from 'node:path';
import { analyzeCurrentPortfolio } from '../../app/analyze-current-portfolio.js';
import { analyzeRisk, type RiskAnalysis } from '../../app/analyze-risk.js';
import { confidenceKey } from '../../risk/metrics/confidence.js';
import { VAR_METHODS, type VarMethod } from '../../risk/metrics/var-methods.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';
import { integerFlag, listFlag } from './parse-flags.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberFlag(name: string, value: unknown, allowed: string, ok: (n: number) => boolean): number {
  const text = String(value).trim();
  const parsed = NUMBER.test(text) ? Number(text) : Number.NaN;
  if (!ok(parsed)) throw new UsageError(`--${name} "${text}" must be ${allowed}`);
  return parsed;
}

function confidencesFlag(value: unknown): number[] {
  const list = listFlag(value);
  if (list.length === 0) throw new UsageError('--confidence must list at least one level, e.g. 0.95,0.99');
  return list.map((item) =>
    numberFlag(
      'confidence',
      item,
      'a number between 0.5 and 1 exclusive, e.g. 0.95',
      (n) => n > 0.5 && n < 1,
    ),
  );
}

function methodsFlag(value: unknown): VarMethod[] {
  const list = listFlag(value);
  if (list.length === 0) throw new UsageError(`--method must list at least one of ${VAR_METHODS.join(', ')}`);
  return list.map((item) => {
    if (!(VAR_METHODS as readonly string[]).includes(item)) {
      throw new UsageError(`--method "${item}" must be one of ${VAR_METHODS.join(', ')}`);
    }
    return item as VarMethod;
  });
}

const percent = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : `${(value * 100).toFixed(2)}%`;
const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

function printAnalysis(io: CliIo, report: RiskAnalysis): void {
  const span = report.input.first === null ? '' : `, ${report.input.first} to ${report.input.last ?? ''}`;
  writeLine(
    io.stdout,
    `Risk of ${report.input.column} in ${report.input.file}: ${report.observations} returns${span}`,
  );
  writeLine(
    io.stdout,
    'VaR and ES per period, as returns (losses negative, as PerformanceAnalytics reports them)',
  );
  writeLine(io.stdout);
  const level = (c: number): string => `${Number((c * 100).toPrecision(12))}%`; // 0.57 → "57%", not 56.99…
  const headers = ['method', ...report.confidences.flatMap((c) => [`VaR ${level(c)}`, `ES ${level(c)}`])];
  const rows = report.methods.map((method) => [
    method,
    ...report.confidences.flatMap((c) => [
      percent(report.var[method]?.[confidenceKey(c)]),
      percent(report.es[method]?.[confidenceKey(c)]),
    ]),
  ]);
  writeLine(io.stdout, renderTable(headers, rows));
  writeLine(io.stdout);
  const duration = report.maxDrawdownDuration;
  const when =
    duration.peak === null
      ? ''
      : ` (peak ${duration.peak}, trough ${duration.trough ?? ''}, ${duration.recovery === null ? 'not recovered' : `recovered ${duration.recovery}`})`;
  const lines: [string, string][] = [
    ['volatility per period', percent(report.volatility)],
    ['volatility annualized', percent(report.volatilityAnnualized)],
    ['Sharpe (annualized)', ratio(report.sharpe)],
    ['Sortino (annualized)', ratio(report.sortino)],
    ['max drawdown', `${percent(report.maxDrawdown)} over ${duration.periods} periods${when}`],
  ];
  if (report.beta !== undefined)
    lines.push([`beta vs ${report.benchmark?.file ?? 'benchmark'}`, ratio(report.beta)]);
  if (report.monteCarlo !== undefined) {
    lines.push(['Monte Carlo', `${report.monteCarlo.paths} paths, seed ${report.monteCarlo.seed}`]);
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  for (const [label, value] of lines) writeLine(io.stdout, `${label.padEnd(width)}  ${value}`);
}

/** `neural-trader risk analyze --input FILE.csv ...`: VaR/ES by method and confidence, volatility, ratios. */
export function runRiskAnalyze(
  io: CliIo,
  args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  if ((options['input'] === undefined) === (options['portfolio'] === undefined)) {
    throw new UsageError('give exactly one of --input FILE.csv or --portfolio current');
  }
  if (options['portfolio'] !== undefined) return runCurrentPortfolio(io, args, options);
  const optional = (name: string): string | undefined =>
    typeof options[name] === 'string' ? resolve(io.cwd, options[name]) : undefined;
  const benchmark = optional('benchmark');
  const report = analyzeRisk({
    input: resolve(io.cwd, String(options['input'])),
    ...(typeof options['column'] === 'string' ? { column: options['column'] } : {}),
    ...(benchmark === undefined ? {} : { benchmark }),
    ...(typeof options['benchmarkColumn'] === 'string'
      ? { benchmarkColumn: options['benchmarkColumn'] }
      : {}),
    confidences: confidencesFlag(options['confidence']),
    methods: methodsFlag(options['method']),
    mcPaths: integerFlag('paths', options['paths'], 100, 10_000_000),
    seed: integerFlag('seed', options['seed'], -2147483648, 2147483647),
    periodsPerYear: numberFlag(
      'periods-per-year',
      options['periodsPerYear'],
      'a number > 0, e.g. 252',
      (n) => n > 0,
    ),
    riskFreeRate: numberFlag(
      'risk-free',
      options['riskFree'],
      'an annual rate > -1, e.g. 0.04',
      (n) => n > -1,
    ),
  });
  if (options['json'] === true) printJson(io, report);
  else printAnalysis(io, report);
  return Promise.resolve();
}

async function runCurrentPortfolio(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  if (options['portfolio'] !== 'current') {
    throw new UsageError(`--portfolio ${JSON.stringify(options['portfolio'])} must be "current"`);
  }
  await withContext(io, options, async (context) => {
    const report = await analyzeCurrentPortfolio(context.store(), {
      confidences: confidencesFlag(options['confidence']),
      methods: methodsFlag(options['method']),
      mcPaths: integerFlag('paths', options['paths'], 100, 10_000_000),
      seed: integerFlag('seed', options['seed'], -2147483648, 2147483647),
      riskFreeRate: numberFlag(
        'risk-free',
        options['riskFree'],
        'an annual rate > -1, e.g. 0.04',
        (n) => n > -1,
      ),
      ...(options['equity'] === undefined
        ? {}
        : { equity: numberFlag('equity', options['equity'], 'a number > 0', (n) => n > 0) }),
    });
    if (options['json'] === true) {
      printJson(io, report);
      return;
    }
    writeLine(
      io.stdout,
      `Risk of the current portfolio (${report.positions.length} positions, ${report.observations} daily returns to ${report.asOf.slice(0, 10)})`,
    );
    writeLine(
      io.stdout,
      renderTable(
        ['symbol', 'quantity', 'price', 'market value', 'weight'],
        report.positions.map((p) => [
          p.symbol,
          String(p.quantity),
          p.price.toFixed(2),
          p.marketValue.toFixed(2),
          percent(p.weight),
        ]),
      ),
    );
    for (const [method, byConfidence] of Object.entries(report.var)) {
      const cells = Object.entries(byConfidence).map(([c, v]) => `${c}: ${percent(v)}`);
      writeLine(io.stdout, `VaR ${method}  ${cells.join('  ')}`);
    }
    writeLine(
      io.stdout,
      `annualized volatility ${percent(report.volatilityAnnualized)} · Sharpe ${ratio(report.sharpe)} · max drawdown ${percent(report.maxDrawdown)}`,
    );
  });
}
