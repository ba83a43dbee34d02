import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader backtest', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY', '--days', '300'], { cwd });
  });

  it('runs sma-cross on stored bars, prints the metrics JSON, stores the run and writes a tearsheet', async () => {
    const report = join(cwd, 'report.html');
    const run = await cli(
      [
        'backtest',
        '--strategy',
        'sma-cross',
        '--symbols',
        'SPY',
        '--params',
        'fast=5,slow=20',
        '--quantity',
        '10',
        '--commission-per-order',
        '1',
        '--report',
        report,
        '--json',
      ],
      { cwd },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      runId: string;
      fills: number;
      netPnl: number;
      finalEquity: number;
      tradesHash: string;
      metrics: Record<string, unknown>;
      trades: unknown[];
    };
    expect(out.fills).toBeGreaterThan(2);
    expect(out.finalEquity).toBeCloseTo(1_000_000 + out.netPnl, 6);
    expect(out.metrics['fees']).toBe(out.fills);
    expect(out.tradesHash).toMatch(/^[0-9a-f]{64}$/);
    expect(out.trades.length).toBeGreaterThan(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('sma-cross on SPY');
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const stored = await store.runs.list({ kind: 'backtest' });
    const columns = await store.runs.columns(out.runId as never);
    await store.close();
    expect(stored.map((r) => r.id)).toContain(out.runId);
    // The equity curve is kept with the run: one value per bar, ending at the final equity.
    expect(columns['equity']?.length).toBe(300);
    expect(columns['equity']?.[299]).toBe(out.finalEquity);
  });

  it('gives the same trades hash for the same data and settings, from a file too', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--params',
      'fast=5,slow=20',
      '--quantity',
      '10',
      '--json',
    ];
    const a = JSON.parse((await cli([...args, '--symbols', 'SPY'], { cwd })).stdout) as {
      tradesHash: string;
      netPnl: number;
    };
    const file = join(cwd, 'spy.csv');
    writeFileSync(file, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
    const b = JSON.parse((await cli([...args, '--data', file, '--symbol', 'SPY'], { cwd })).stdout) as {
      tradesHash: string;
      netPnl: number;
    };
    expect(b.tradesHash).toBe(a.tradesHash);
    expect(b.netPnl).toBe(a.netPnl);
    const text = await cli([...args.filter((x) => x !== '--json'), '--symbols', 'SPY', '--fill', 'close'], {
      cwd,
    });
    expect(text.stdout).toContain('net P&L');
    expect(text.stdout).toContain('look-ahead-prone');
  });

  it('reports beta and alpha against a benchmark, stored or from a file, the same either way', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--symbols',
      'SPY',
      '--percent-equity',
      '95',
      '--json',
    ];
    type Out = { metrics: Record<string, number | null> };
    const stored = JSON.parse((await cli([...args, '--benchmark', 'SPY'], { cwd })).stdout) as Out;
    const file = join(cwd, 'benchmark.csv');
    writeFileSync(file, (await cli(['data', 'show', 'SPY'], { cwd })).stdout);
    const fromFile = JSON.parse((await cli([...args, '--benchmark', file], { cwd })).stdout) as Out;
    // Long SPY at 95% of equity part of the time, flat otherwise: beta against SPY itself is between 0 and 1.
    const beta = stored.metrics['beta'] as number;
    expect(beta).toBeGreaterThan(0.2);
    expect(beta).toBeLessThan(1);
    expect(fromFile.metrics['beta']).toBe(beta);
    expect(fromFile.metrics['annualizedAlpha']).toBe(stored.metrics['annualizedAlpha']);
    const without = JSON.parse((await cli(args, { cwd })).stdout) as Out;
    expect(without.metrics['beta']).toBeNull();
    const text = await cli([...args.filter((x) => x !== '--json'), '--benchmark', 'SPY'], { cwd });
    expect(text.stdout).toMatch(/beta\s+0\.\d\d/);
    const missing = await cli([...args, '--benchmark', 'QQQ'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no 1d bars are stored for "QQQ"');
  });

  it('applies a risk preset: orders above its limits are denied, counted and written to the audit log', async () => {
    const args = [
      'backtest',
      '--strategy',
      'sma-cross',
      '--symbols',
      'SPY',
      '--percent-equity',
      '95',
      '--json',
    ];
    const free = JSON.parse((await cli(args, { cwd })).stdout) as { deniedOrders: number; fills: number };
    expect(free.deniedOrders).toBe(0);
    const run = await cli([...args, '--risk-preset', 'low'], { cwd });
    expect(run.code).toBe(0);
    const limited = JSON.parse(run.stdout) as { deniedOrders: number; fills: number; warnings: string[] };
    // The low preset caps one position well below 95% of equity, so every entry is denied.
    expect(limited.deniedOrders).toBeGreaterThan(0);
    expect(limited.fills).toBe(0);
    expect(limited.warnings.join(' ')).toContain('denied by the risk limits');
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const audit = await store.riskAudit.list({ kind: 'denial' });
    await store.close();
    expect(audit.length).toBeGreaterThanOrEqual(limited.deniedOrders);
    const bad = await cli([...args, '--risk-preset', 'reckless'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--risk-preset "reckless"');
  });

  it('names what is wrong: strategy, parameter, data source, missing bars, flags', async () => {
    const cases: [string[], string][] = [
      [['--strategy', 'nope', '--symbols', 'SPY'], 'unknown strategy "nope"'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--params', 'fast=30,slow=10'],
        'fast must be shorter than slow',
      ],
      [['--strategy', 'sma-cross'], 'exactly one of --data FILE or --symbols'],
      [['--strategy', 'sma-cross', '--symbols', 'QQQ'], 'no 1d bars are stored for "QQQ"'],
      [['--strategy', 'sma-cross', '--symbols', 'SPY', '--cash', '-5'], '--cash "-5"'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--quantity', '1', '--percent-equity', '5'],
        'cannot be combined',
      ],
      [['--strategy', 'sma-cross', '--symbols', 'SPY', '--params', 'fast'], 'must look like name=value'],
      [
        ['--strategy', 'sma-cross', '--symbols', 'SPY', '--from', '2030-01-01'],
        'no bars in the requested range',
      ],
      [['--strategy', 'sma-cross', '--data', 'missing.csv'], 'missing.csv'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['backtest', ...args], { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(join(cwd, 'missing.csv'))).toBe(false);
  });
});
