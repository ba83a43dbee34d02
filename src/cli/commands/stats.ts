import { resolve } from 'node:path';
import {
  adfTest,
  cointegrationTest,
  correlationTest,
  readNumericTableFile,
  type TestReport,
} from '../../app/run-statistics.js';
import type { AdfRegression, AutolagMethod } from '../../stats/adf.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { printJson } from './context.js';
import { integerFlag } from './parse-flags.js';

function lagChoice(options: Record<string, unknown>): { lags?: number; autolag?: AutolagMethod } {
  if (options['lags'] !== undefined && options['autolag'] !== undefined) {
    throw new UsageError('--lags and --autolag cannot be combined: choose a fixed lag or a criterion');
  }
  if (options['lags'] !== undefined) return { lags: integerFlag('lags', options['lags'], 0, 1000) };
  return options['autolag'] === undefined ? {} : { autolag: options['autolag'] as AutolagMethod };
}

function printTest(io: CliIo, title: string, report: TestReport): void {
  writeLine(io.stdout, title);
  writeLine(io.stdout, `  statistic  ${report.statistic.toFixed(6)}`);
  writeLine(io.stdout, `  p-value    ${report.pValue.toFixed(6)}`);
  const cv = report.criticalValues;
  writeLine(
    io.stdout,
    `  critical   1%: ${cv['1%'].toFixed(4)}  5%: ${cv['5%'].toFixed(4)}  10%: ${cv['10%'].toFixed(4)}`,
  );
  writeLine(
    io.stdout,
    `  lags       ${report.lags ?? 'n/a'} (${report.lagSelection})   nobs ${report.nobs ?? 'n/a'}`,
  );
}

export function runStatsAdf(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const table = readNumericTableFile(resolve(io.cwd, String(options['input'])));
  const report = adfTest(table, {
    column: String(options['column']),
    log: options['log'] === true,
    regression: options['regression'] as AdfRegression,
    ...lagChoice(options),
  });
  if (options['json'] === true) printJson(io, report);
  else
    printTest(
      io,
      `Augmented Dickey-Fuller test of ${report.column} (regression ${report.regression})`,
      report,
    );
  return Promise.resolve();
}

export function runStatsCoint(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const table = readNumericTableFile(resolve(io.cwd, String(options['input'])));
  const report = cointegrationTest(table, {
    y: String(options['y']),
    x: String(options['x']),
    log: options['log'] === true,
    ...lagChoice(options),
  });
  if (options['json'] === true) printJson(io, report);
  else {
    printTest(io, `Engle-Granger cointegration test of ${report.y} on ${report.x}`, report);
    writeLine(
      io.stdout,
      `  hedge      ${report.y} = ${report.intercept.toFixed(6)} + ${report.hedgeRatio.toFixed(6)} × ${report.x}`,
    );
  }
  return Promise.resolve();
}

export function runStatsCorr(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const table = readNumericTableFile(resolve(io.cwd, String(options['input'])));
  const returns = options['returns'] === true ? (options['log'] === true ? 'log' : 'simple') : undefined;
  const report = correlationTest(table, returns === undefined ? {} : { returns });
  if (options['json'] === true) printJson(io, report);
  else
    writeLine(
      io.stdout,
      renderTable(
        ['', ...report.names],
        report.matrix.map((row, i) => [report.names[i] ?? '', ...row]),
      ),
    );
  return Promise.resolve();
}
