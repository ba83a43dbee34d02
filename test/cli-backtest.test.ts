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
    await store.close();
    expect(stored.map((r) => r.id)).toContain(out.runId);
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
