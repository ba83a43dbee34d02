import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

interface AdfCase {
  series: string;
  regression: string;
  maxlag: number | null;
  autolag: string | null;
  statistic: number;
  pValue: number;
  usedLag: number;
  nobs: number;
  criticalValues: Record<'1%' | '5%' | '10%', number>;
}
interface CointCase extends Omit<AdfCase, 'series' | 'regression' | 'usedLag' | 'nobs'> {
  pair: string;
  trend: string;
  usedLag: number | null;
  nobs: number | null;
  params: number[];
}

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(join('test', 'fixtures', 'stats', name), 'utf8')) as T;
const inputs = fixture<{
  series: Record<string, number[]>;
  pairs: Record<string, { y: number[]; x: number[][] }>;
}>('inputs.json');
const adfCases = fixture<{ cases: AdfCase[] }>('adf.json').cases;
const cointCases = fixture<{ cases: CointCase[] }>('coint.json').cases;

function close(actual: number, expected: number, tolerance = 1e-8): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('neural-trader indicators', () => {
  let cwd: string;
  let file: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '120'], { cwd });
    file = join(cwd, 'spy.csv');
    writeFileSync(file, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
  });

  it('prints the date column and one column per output with the specified names', async () => {
    const run = await cli(
      [
        'indicators',
        '--input',
        file,
        '--indicators',
        'sma:20,ema:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14,stoch:14:3',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 7)).toEqual([
      'date',
      'sma_20',
      'ema_20',
      'rsi_14',
      'macd_12_26_9',
      'macd_signal_12_26_9',
      'macd_hist_12_26_9',
    ]);
    for (const name of [
      'bbands_upper_20_2',
      'bbands_middle_20_2',
      'bbands_lower_20_2',
      'atr_14',
      'stoch_k_14_3',
      'stoch_d_14_3',
    ]) {
      expect(header).toContain(name);
    }
    expect(lines).toHaveLength(121);
    const rows = lines.slice(1).map((line) => line.split(','));
    const closes = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[4]));
    expect(rows[18]?.[1]).toBe(''); // SMA(20) warms up for 19 bars
    const expectedSma = closes.slice(0, 20).reduce((a, b) => a + b, 0) / 20;
    close(Number(rows[19]?.[1]), expectedSma, 1e-12);
    expect(rows[0]?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives JSON rows with nulls during warm-up', async () => {
    const run = await cli(['indicators', '--input', file, '--indicators', 'rsi:14', '--format', 'json'], {
      cwd,
    });
    const out = JSON.parse(run.stdout) as { columns: string[]; rows: Record<string, number | null>[] };
    expect(out.columns).toEqual(['date', 'rsi_14']);
    expect(out.rows[13]?.['rsi_14']).toBeNull();
    expect(out.rows[14]?.['rsi_14']).toBeGreaterThan(0);
  });

  it('names an unknown indicator, a bad parameter, a missing column and too few rows', async () => {
    const unknown = await cli(['indicators', '--input', file, '--indicators', 'sma:20,foo:3'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown indicator "foo"');
    const bad = await cli(['indicators', '--input', file, '--indicators', 'rsi:-1'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rsi period "-1"');
    const noHigh = join(cwd, 'close-only.csv');
    writeFileSync(noHigh, 'date,close\n2024-01-02,1\n');
    const missing = await cli(['indicators', '--input', noHigh, '--indicators', 'atr:14'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/open|high|low/);
    const short = join(cwd, 'short.csv');
    writeFileSync(short, readFileSync(file, 'utf8').split('\n').slice(0, 6).join('\n'));
    const few = await cli(['indicators', '--input', short, '--indicators', 'sma:20'], { cwd });
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('indicator "sma:20" needs more rows');
  });
});

describe('neural-trader stats', () => {
  const cwd = tempDir();
  function seriesFile(name: string): string {
    const values = inputs.series[name] ?? [];
    const path = join(cwd, `${name}.csv`);
    writeFileSync(path, ['day,value', ...values.map((v, i) => `${i},${v}`)].join('\n'));
    return path;
  }
  function pairFile(name: string): string {
    const pair = inputs.pairs[name] ?? { y: [], x: [[]] };
    const x = pair.x[0] ?? [];
    const path = join(cwd, `${name}.csv`);
    writeFileSync(
      path,
      [
        'date,Y,X',
        ...pair.y.map((y, i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')},${y},${x[i]}`),
      ].join('\n'),
    );
    return path;
  }

  it.each([
    ['price_like_600', 'c', 4, null],
    ['random_walk_500', 'ct', null, 'AIC'],
    ['stationary_ar1_300', 'n', null, 'BIC'],
  ] as const)(
    'adf on %s (regression %s) equals statsmodels adfuller',
    async (series, regression, maxlag, autolag) => {
      const expected = adfCases.find(
        (c) =>
          c.series === series && c.regression === regression && c.maxlag === maxlag && c.autolag === autolag,
      );
      if (expected === undefined) throw new Error('fixture case missing');
      const args = [
        'stats',
        'adf',
        '--input',
        seriesFile(series),
        '--column',
        'value',
        '--regression',
        regression,
        '--json',
      ];
      if (maxlag !== null) args.push('--lags', String(maxlag));
      if (autolag !== null) args.push('--autolag', autolag.toLowerCase());
      const run = await cli(args, { cwd });
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout) as AdfCase & { lags: number };
      close(out.statistic, expected.statistic);
      close(out.pValue, expected.pValue);
      expect(out.lags).toBe(expected.usedLag);
      expect(out.nobs).toBe(expected.nobs);
      for (const level of ['1%', '5%', '10%'] as const)
        close(out.criticalValues[level], expected.criticalValues[level]);
    },
  );

  it.each([
    ['cointegrated_500', null, 'aic'],
    ['independent_walks_500', 2, null],
  ] as const)('coint on %s equals statsmodels coint', async (pair, maxlag, autolag) => {
    const expected = cointCases.find(
      (c) => c.pair === pair && c.trend === 'c' && c.maxlag === maxlag && c.autolag === autolag,
    );
    if (expected === undefined) throw new Error('fixture case missing');
    const args = ['stats', 'coint', '--input', pairFile(pair), '--y', 'Y', '--x', 'X', '--json'];
    if (maxlag !== null) args.push('--lags', String(maxlag));
    const run = await cli(args, { cwd });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as CointCase & { lags: number; hedgeRatio: number; intercept: number };
    close(out.statistic, expected.statistic);
    close(out.pValue, expected.pValue);
    expect(out.lags).toBe(expected.usedLag);
    expect(out.nobs).toBe(expected.nobs);
    close(out.hedgeRatio, expected.params[0] as number);
    close(out.intercept, expected.params[1] as number);
  });

  it('prints a correlation matrix of levels or returns', async () => {
    const path = pairFile('cointegrated_500');
    const run = await cli(['stats', 'corr', '--input', path, '--returns', '--json'], { cwd });
    const out = JSON.parse(run.stdout) as { names: string[]; matrix: number[][] };
    expect(out.names).toEqual(['Y', 'X']);
    expect(out.matrix[0]?.[0]).toBeCloseTo(1, 12);
    expect(out.matrix[0]?.[1]).toBe(out.matrix[1]?.[0]);
    const text = await cli(['stats', 'corr', '--input', path], { cwd });
    expect(text.stdout).toContain('Y');
  });

  it('names a missing column, refuses --lags with --autolag, and logs of non-positive values', async () => {
    const path = pairFile('cointegrated_500');
    const missing = await cli(['stats', 'adf', '--input', path, '--column', 'Z'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('column "Z" is not in the file');
    const both = await cli(
      ['stats', 'adf', '--input', path, '--column', 'Y', '--lags', '2', '--autolag', 'aic'],
      { cwd },
    );
    expect(both.code).toBe(2);
    const negative = join(cwd, 'neg.csv');
    writeFileSync(negative, 'v\n1\n-2\n3\n');
    const log = await cli(['stats', 'adf', '--input', negative, '--column', 'v', '--log'], { cwd });
    expect(log.code).toBe(2);
    expect(log.stderr).toContain('must be > 0');
    const text = await cli(['stats', 'coint', '--input', path, '--y', 'Y', '--x', 'X'], { cwd });
    expect(text.stdout).toContain('Engle-Granger');
  });
});
