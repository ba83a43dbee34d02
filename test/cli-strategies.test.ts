import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader strategies', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = tempDir();
    await cli(['data', 'generate', '--symbols', 'SPY,KO,PEP', '--days', '400'], { cwd });
  });

  it('lists the strategies and describes one with its parameter schema', async () => {
    const list = JSON.parse((await cli(['strategies', 'list', '--json'], { cwd })).stdout) as {
      name: string;
    }[];
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(['sma-cross', 'mirror']));
    const info = JSON.parse((await cli(['strategies', 'info', 'sma-cross', '--json'], { cwd })).stdout) as {
      riskLevel: string;
      parameters: { properties: Record<string, { default?: unknown }> };
    };
    expect(info.riskLevel).toBe('medium');
    expect(info.parameters.properties['slow']?.default).toBe(30);
    const text = await cli(['strategies', 'info', 'sma-cross'], { cwd });
    expect(text.stdout).toMatch(/fast\s+integer\s+10/);
    const unknown = await cli(['strategies', 'info', 'nope'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown strategy "nope"');
  });

  it('compares strategies on the same data: a per-symbol run equals the separate backtests summed', async () => {
    const out = JSON.parse(
      (
        await cli(
          ['strategies', 'compare', '--strategies', 'sma-cross,mirror', '--symbols', 'SPY,KO', '--json'],
          { cwd },
        )
      ).stdout,
    ) as {
      rankedBy: string;
      rows: { rank: number; strategy: string; mode: string; netPnl: number | null; error: string | null }[];
    };
    expect(out.rankedBy).toBe('sharpeRatio');
    const [first, second] = out.rows;
    expect(first).toMatchObject({ rank: 1, strategy: 'sma-cross', mode: 'per-symbol', error: null });
    // mirror cannot run without a disclosed-trade stream: reported, ranked last, never invented.
    expect(second?.strategy).toBe('mirror');
    expect(second?.error).toMatch(/disclos/i);
    // Independent check: the two single-symbol backtests with half the capital each.
    const pnl = async (symbol: string): Promise<number> =>
      (
        JSON.parse(
          (
            await cli(
              ['backtest', '--strategy', 'sma-cross', '--symbols', symbol, '--cash', '500000', '--json'],
              { cwd },
            )
          ).stdout,
        ) as { netPnl: number }
      ).netPnl;
    expect(first?.netPnl).toBeCloseTo((await pnl('SPY')) + (await pnl('KO')), 6);
    const text = await cli(
      ['strategies', 'compare', '--strategies', 'sma-cross', '--symbols', 'SPY', '--rank-by', 'maxDrawdown'],
      {
        cwd,
      },
    );
    expect(text.stdout).toContain('ranked by maxDrawdown');
    const bad = await cli(
      ['strategies', 'compare', '--strategies', 'sma-cross', '--symbols', 'SPY', '--rank-by', 'luck'],
      { cwd },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rank-by "luck"');
  });

  it('recommends from measured facts and says why, excluding strategies above the risk level', async () => {
    const run = await cli(['strategies', 'recommend', '--symbols', 'KO,PEP', '--risk', 'medium', '--json'], {
      cwd,
    });
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      recommended: string | null;
      reasons: string[];
      regime: { symbols: { adx: number; halfLife: number }[]; bestPair: { pValue: number } | null };
      candidates: {
        strategy: string;
        windowSharpes: number[];
        meanSharpe: number;
        regimeFit: number;
        score: number;
      }[];
      excluded: { strategy: string; reason: string }[];
    };
    // The winner is the best score; each score is the mean window Sharpe plus a quarter of the regime fit.
    expect(out.recommended).toBe(out.candidates[0]?.strategy);
    for (const c of out.candidates) {
      expect(c.score).toBeCloseTo(c.meanSharpe + 0.25 * c.regimeFit, 12);
      expect(c.meanSharpe).toBeCloseTo(c.windowSharpes.reduce((a, b) => a + b, 0) / 4, 12);
    }
    expect(out.candidates.map((c) => c.strategy)).toContain('sma-cross');
    // The user's risk level filters strategies; it must not become a pre-trade limit that stops them trading.
    expect(out.candidates.some((c) => c.windowSharpes.some((s) => s !== 0))).toBe(true);
    expect(out.reasons[0]).toMatch(/mean Sharpe -?\d+\.\d\d over the last 4 windows of 63 bars/);
    expect(out.reasons[1]).toMatch(/ADX/);
    expect(out.regime.symbols).toHaveLength(2);
    expect(out.regime.bestPair?.pValue).toBeGreaterThanOrEqual(0);
    expect(out.candidates[0]?.windowSharpes).toHaveLength(4);
    expect(out.excluded).toContainEqual({ strategy: 'mirror', reason: 'risk level high is above medium' });
    const aggressive = JSON.parse(
      (
        await cli(['strategies', 'recommend', '--symbols', 'KO,PEP', '--risk', 'aggressive', '--json'], {
          cwd,
        })
      ).stdout,
    ) as { excluded: { strategy: string; reason: string }[] };
    expect(aggressive.excluded.find((e) => e.strategy === 'mirror')?.reason).toMatch(/disclos/i);
    const text = await cli(['strategies', 'recommend', '--symbols', 'KO,PEP'], { cwd });
    expect(text.stdout).toContain(`recommended for KO, PEP at risk medium: ${out.recommended}`);
  });
});
