import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

interface RiskJson {
  observations: number;
  signConvention: string;
  var: Record<string, Record<string, number>>;
  es: Record<string, Record<string, number>>;
  volatilityAnnualized: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: number;
  beta?: number;
  monteCarlo?: { paths: number; seed: number };
}

/** Closes of a `data show` CSV (date,open,high,low,close,volume). */
function closesOf(file: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[4]));
}

describe('neural-trader risk analyze', () => {
  let cwd: string;
  let spy: string;
  let qqq: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY,QQQ', '--days', '300'], { cwd });
    spy = join(cwd, 'spy.csv');
    qqq = join(cwd, 'qqq.csv');
    writeFileSync(spy, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
    writeFileSync(qqq, (await cli(['data', 'show', 'QQQ'], { cwd })).stdout);
  });

  it('prints VaR and ES nested by method and confidence with the documented JSON keys', async () => {
    const run = await cli(['risk', 'analyze', '--input', spy, '--json', '--paths', '2000'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as RiskJson;
    for (const key of ['var', 'es', 'volatilityAnnualized', 'sharpe', 'sortino', 'maxDrawdown']) {
      expect(report).toHaveProperty(key);
    }
    expect(report).not.toHaveProperty('beta');
    expect(Object.keys(report.var)).toEqual(['historical', 'gaussian', 'modified', 'montecarlo']);
    expect(Object.keys(report.es.modified ?? {})).toEqual(['0.95', '0.99']);
    expect(report.monteCarlo).toEqual({ paths: 2000, seed: 42 });
    // Historical VaR recomputed from the file's closes: R quantile type 7 of the simple returns at 5%.
    const closes = closesOf(spy);
    const returns = closes
      .slice(1)
      .map((p, i) => p / closes[i]! - 1)
      .sort((a, b) => a - b);
    const h = (returns.length - 1) * 0.05;
    const lo = Math.floor(h);
    const expected = returns[lo]! + (h - lo) * (returns[lo + 1]! - returns[lo]!);
    expect(report.observations).toBe(closes.length - 1);
    expect(Math.abs(report.var.historical!['0.95']! - expected)).toBeLessThan(1e-12);
    expect(report.var.historical!['0.99']!).toBeLessThan(report.var.historical!['0.95']!);
    expect(report.signConvention).toContain('losses are negative');
  });

  it('reports beta against a benchmark file and keeps the Monte Carlo figures fixed by the seed', async () => {
    const args = [
      'risk',
      'analyze',
      '--input',
      spy,
      '--benchmark',
      qqq,
      '--method',
      'gaussian,montecarlo',
      '--json',
    ];
    const first = JSON.parse((await cli([...args, '--seed', '7'], { cwd })).stdout) as RiskJson;
    const again = JSON.parse((await cli([...args, '--seed', '7'], { cwd })).stdout) as RiskJson;
    const other = JSON.parse((await cli([...args, '--seed', '8'], { cwd })).stdout) as RiskJson;
    expect(typeof first.beta).toBe('number');
    expect(Number.isFinite(first.beta)).toBe(true);
    expect(Object.keys(first.var)).toEqual(['gaussian', 'montecarlo']);
    expect(again.var.montecarlo).toEqual(first.var.montecarlo);
    expect(other.var.montecarlo!['0.95']).not.toBe(first.var.montecarlo!['0.95']);
  });

  it('prints a table of methods by confidence without --json', async () => {
    const run = await cli(
      ['risk', 'analyze', '--input', spy, '--confidence', '0.9,0.975', '--paths', '1000'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.find((line) => line.startsWith('method'))).toMatch(
      /VaR 90%\s+ES 90%\s+VaR 97.5%\s+ES 97.5%/,
    );
    for (const method of ['historical', 'gaussian', 'modified', 'montecarlo']) {
      expect(lines.some((line) => line.startsWith(method) && line.includes('%'))).toBe(true);
    }
    expect(run.stdout).toContain('Sharpe (annualized)');
    expect(run.stdout).toMatch(/max drawdown\s+\d+\.\d\d% over \d+ periods/);
  });

  it('rejects a bad confidence, method, path count or missing input with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--confidence', '1.5'], '--confidence "1.5" must be a number between 0.5 and 1 exclusive'],
      [
        ['--method', 'historical,kernel'],
        '--method "kernel" must be one of historical, gaussian, modified, montecarlo',
      ],
      [['--paths', '5'], '--paths "5" must be an integer between 100 and 10000000'],
      [['--risk-free', 'abc'], '--risk-free "abc" must be an annual rate > -1'],
      [['--column', 'adjclose'], 'column "adjclose" is not in the file'],
    ];
    for (const [flags, message] of cases) {
      const run = await cli(['risk', 'analyze', '--input', spy, ...flags], { cwd });
      expect(run.code, flags.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    const missing = await cli(['risk', 'analyze'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('give exactly one of --input FILE.csv or --portfolio current');
  });
});
