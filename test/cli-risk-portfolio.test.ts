import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { instrumentId, positionId } from '../src/core/ids.js';
import { emptyPosition } from '../src/model/position.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite-store.js';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader risk analyze --portfolio current', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY,KO', '--days', '300'], { cwd });
  });

  it('says so when nothing is held', async () => {
    const run = await cli(['risk', 'analyze', '--portfolio', 'current'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no open positions are stored');
    const both = await cli(['risk', 'analyze'], { cwd });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --input FILE.csv or --portfolio current');
  });

  it('weighs the stored positions at their last close and measures the book', async () => {
    const store = openSqliteStore({ path: join(cwd, '.neural-trader', 'neural-trader.db') });
    const hold = async (symbol: string, quantity: number): Promise<void> => {
      const id = instrumentId(symbol);
      const flat = emptyPosition({ id: positionId(`${symbol}-p`), instrumentId: id }, 0);
      await store.positions.save({
        ...flat,
        side: quantity > 0 ? 'long' : 'short',
        quantity,
        averagePrice: 100,
      });
    };
    await hold('SPY', 100);
    await hold('KO', -50);
    const spy = await store.bars.loadBars('SPY', '1d');
    const ko = await store.bars.loadBars('KO', '1d');
    await store.close();
    const run = await cli(
      ['risk', 'analyze', '--portfolio', 'current', '--method', 'historical,gaussian', '--json'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      positions: { symbol: string; marketValue: number; weight: number }[];
      observations: number;
      var: Record<string, Record<string, number>>;
      componentVar: unknown[];
    };
    // Market values at the last close; weights of the gross book (Σ |value| = 1).
    const spyValue = 100 * (spy.close[spy.length - 1] as number);
    const koValue = -50 * (ko.close[ko.length - 1] as number);
    const gross = Math.abs(spyValue) + Math.abs(koValue);
    expect(out.positions.map((p) => p.symbol)).toEqual(['KO', 'SPY']);
    expect(out.positions[0]?.weight).toBeCloseTo(koValue / gross, 12);
    expect(out.positions[1]?.weight).toBeCloseTo(spyValue / gross, 12);
    expect(out.observations).toBe(252);
    expect(out.var['historical']?.['0.95']).toBeLessThan(0);
    expect(out.var['gaussian']?.['0.99']).toBeLessThan(out.var['gaussian']?.['0.95'] as number);
    expect(out.componentVar).toHaveLength(2);
    const text = await cli(['risk', 'analyze', '--portfolio', 'current'], { cwd });
    expect(text.stdout).toContain('Risk of the current portfolio (2 positions, 252 daily returns');
  });
});
