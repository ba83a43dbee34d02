import { describe, expect, it } from 'vitest';
import { meanReversionConfigSchema } from './config.js';
import { EntrySignal } from './entry-signal.js';

const signal = (params: Record<string, unknown>) =>
  new EntrySignal(meanReversionConfigSchema.parse({ symbol: 'SPY', period: 5, ...params }));

const run = (entry: EntrySignal, closes: readonly number[]) => closes.map((close) => entry.update(close));

describe('mean-reversion entry signals', () => {
  it('z-score: +1 at z <= −entryZ, −1 at z >= entryZ, 0 while warming up', () => {
    const entry = signal({ signal: 'z-score', entryZ: 1.5 });
    // Windows (period 5): 100 100 100 100 90 -> mean 98, σ = √(4·4 + 64)/√5 = 4, z = −2: +1.
    // then 100 100 100 90 110 -> mean 100, σ = √(200/5) = 6.32, z = 1.58: −1.
    expect(run(entry, [100, 100, 100, 100, 90, 110])).toEqual([0, 0, 0, 0, 1, -1]);
    expect(entry.mean).toBe(100);
    expect(entry.isReady).toBe(true);
  });

  it('z-score: stays 0 inside the band', () => {
    const entry = signal({ signal: 'z-score', entryZ: 2.5 });
    // The same windows: |z| = 2 and 1.58 are below 2.5.
    expect(run(entry, [100, 100, 100, 100, 90, 110])).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('bollinger breach: +1 below the lower band, −1 above the upper band', () => {
    const entry = signal({ signal: 'bollinger', deviations: 1.5 });
    // Lower band 98 − 1.5 × 4 = 92 > 90: breach below; upper 100 + 1.5 × 6.32 = 109.5 < 110: breach above.
    expect(run(entry, [100, 100, 100, 100, 90, 110])).toEqual([0, 0, 0, 0, 1, -1]);
  });

  it('bollinger re-entry: +1 on the first close back inside the lower band while still below the mean', () => {
    const entry = signal({ signal: 'bollinger', deviations: 1.5, bollingerEntry: 'reentry' });
    // 90 breaches (lower 92). Next window 100 100 100 90 95: mean 97, σ = √((9+9+9+49+4)/5) = 4,
    // lower 97 − 6 = 91 <= 95 < 97: back inside below the mean: +1. Then 96 (no breach before it): 0.
    expect(run(entry, [100, 100, 100, 100, 90, 95, 96])).toEqual([0, 0, 0, 0, 0, 1, 0]);
  });

  it('bollinger re-entry: −1 on the first close back inside the upper band while still above the mean', () => {
    const entry = signal({ signal: 'bollinger', deviations: 1.5, bollingerEntry: 'reentry' });
    // Window 100 100 100 100 110: mean 102, σ = 4, upper 102 + 1.5·4 = 108 < 110: a breach. Next 100 100 100 110 105:
    // mean 103, σ = √((9+9+9+49+4)/5) = 4, upper 109 >= 105 > 103: −1.
    expect(run(entry, [100, 100, 100, 100, 110, 105])).toEqual([0, 0, 0, 0, 0, -1]);
  });

  it("rsi2: Connors' rule on Wilder's RSI(2)", () => {
    const entry = signal({ signal: 'rsi2', rsiEntry: 10, period: 3 });
    // Changes +2 −2: seed averages up 1, down 1 (RSI 50). 94: up .5·1 = .5, down .5·1 + .5·6 = 3.5,
    // RSI 12.5 (not < 10). 90: up .25, down 1.75 + 2 = 3.75, RSI 6.25 < 10: +1. 96: up .125 + 3 = 3.125,
    // down 1.875, RSI 62.5: 0.
    expect(run(entry, [100, 102, 100, 94, 90, 96])).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('rsi2: −1 when RSI is above 100 − rsiEntry', () => {
    const entry = signal({ signal: 'rsi2', rsiEntry: 10, period: 3 });
    // Changes −2 +2 (seed 1, 1), +6 (up 3.5, down .5: RSI 87.5), +4 (up 3.75, down .25: RSI 93.75 > 90).
    expect(run(entry, [100, 98, 100, 106, 110])).toEqual([0, 0, 0, 0, -1]);
  });
});
