import { describe, expect, it } from 'vitest';
import { SeededRng } from '../core/rng.js';
import { binomialCoefficient, probabilityOfBacktestOverfitting } from './pbo.js';

const noise = (rng: SeededRng, trials: number, rows: number, drift = 0): Float64Array[] =>
  Array.from({ length: trials }, (_, n) =>
    Float64Array.from({ length: rows }, () => (n === 0 ? drift : 0) + 0.01 * rng.normal()),
  );

/** Independent reference: every combination from the raw rows, with plain loops and sorting. */
function naiveLogits(returns: Float64Array[], blocks: number): number[] {
  const rows = returns[0]!.length;
  const size = (b: number): number => Math.floor(rows / blocks) + (b < rows % blocks ? 1 : 0);
  const starts: number[] = [];
  for (let b = 0, t = 0; b < blocks; t += size(b), b++) starts.push(t);
  const sharpe = (values: number[]): number => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    return mean / sd;
  };
  const subsets: number[][] = [];
  const recurse = (start: number, current: number[]): void => {
    if (current.length === blocks / 2) return void subsets.push([...current]);
    for (let b = start; b < blocks; b++) recurse(b + 1, [...current, b]);
  };
  recurse(0, []);
  return subsets.map((inSample) => {
    const pick = (column: Float64Array, wanted: boolean): number[] => {
      const out: number[] = [];
      for (let b = 0; b < blocks; b++)
        if (inSample.includes(b) === wanted)
          for (let t = starts[b]!; t < starts[b]! + size(b); t++) out.push(column[t]!);
      return out;
    };
    const is = returns.map((c) => sharpe(pick(c, true)));
    const oos = returns.map((c) => sharpe(pick(c, false)));
    const best = is.indexOf(Math.max(...is));
    const rank = [...oos].sort((a, b) => a - b).indexOf(oos[best]!) + 1; // no ties with continuous noise
    const w = rank / (returns.length + 1);
    return Math.log(w / (1 - w));
  });
}

describe('probabilityOfBacktestOverfitting', () => {
  it('matches a hand-worked 4-row, 2-block case', () => {
    // Blocks: rows 0–1 and rows 2–3; combinations: IS = {0} (OOS {1}) and IS = {1} (OOS {0}).
    // A = [.01, .03 | .02, −.02]: block Sharpe 0.02/0.014142 = 1.414214 | 0/0.028284 = 0
    // B = [.00, .02 | .00, .02]:  block Sharpe 0.01/0.014142 = 0.707107 | 0.707107
    // IS {0}: best A (1.414); OOS A = 0 < B = 0.707 → rank 1 of 2, ω̄ = 1/3, λ = ln(1/2) = −0.693147
    // IS {1}: best B (0.707); OOS B = 0.707 < A = 1.414 → rank 1, λ = −0.693147.  PBO = 2/2 = 1.
    const a = Float64Array.from([0.01, 0.03, 0.02, -0.02]);
    const b = Float64Array.from([0, 0.02, 0, 0.02]);
    const two = probabilityOfBacktestOverfitting([a, b], { blocks: 2 });
    expect(two.combinations).toBe(2);
    expect(Array.from(two.chosenTrial)).toEqual([0, 1]);
    expect(two.logits[0]).toBeCloseTo(-Math.LN2, 12);
    expect(two.logits[1]).toBeCloseTo(-Math.LN2, 12);
    expect(two.pbo).toBe(1);
    expect(two.inSampleSharpe[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(two.outOfSampleSharpe[0]).toBeCloseTo(0, 12);
    // Degradation (IS, OOS Sharpe of the chosen): (1.414214, 0) and (0.707107, 0.707107) → slope
    // (0 − 0.707107) / (1.414214 − 0.707107) = −1.
    expect(two.degradationSlope).toBeCloseTo(-1, 10);
    expect(two.probabilityOfLoss).toBe(0);
    // Add C = [.01, .02 | .01, .02]: Sharpe 0.015/0.007071 = 2.121320 in both blocks, best IS and OOS in both
    // combinations → rank 3 of 3, ω̄ = 3/4, λ = ln 3 = 1.098612, PBO = 0.
    const c = Float64Array.from([0.01, 0.02, 0.01, 0.02]);
    const three = probabilityOfBacktestOverfitting([a, b, c], { blocks: 2 });
    expect(Array.from(three.logits)).toEqual([
      expect.closeTo(Math.log(3), 12),
      expect.closeTo(Math.log(3), 12),
    ]);
    expect(three.pbo).toBe(0);
    expect(three.degradationSlope).toBeNaN(); // the chosen IS Sharpe is the same in both combinations
  });

  it('agrees with a plain-loop implementation on uneven blocks', () => {
    const rng = new SeededRng(21);
    const returns = noise(rng, 7, 63, 0.001); // 63 rows in 6 blocks: sizes 11, 11, 11, 10, 10, 10
    const result = probabilityOfBacktestOverfitting(returns, { blocks: 6 });
    const reference = naiveLogits(returns, 6);
    expect(result.combinations).toBe(20);
    reference.forEach((logit, c) => expect(result.logits[c]).toBeCloseTo(logit, 10));
    expect(result.pbo).toBe(reference.filter((v) => v <= 0).length / 20);
  });

  it('is about one half when every trial is pure noise', () => {
    // Under the null the IS winner's OOS rank is uniform on 1…N, so P(λ ≤ 0) = P(rank ≤ (N+1)/2) = 1/2 for even N.
    // One data set's PBO varies a lot (its combinations share rows): over 200 seeds with these sizes its sd was
    // 0.20. The mean over 40 data sets has sd ≈ 0.20/√40 = 0.032; the tolerance 0.12 is ~3.8 of those sd.
    const rng = new SeededRng(1234);
    let total = 0;
    for (let dataset = 0; dataset < 40; dataset++)
      total += probabilityOfBacktestOverfitting(noise(rng, 20, 400), { blocks: 8 }).pbo;
    expect(Math.abs(total / 40 - 0.5)).toBeLessThan(0.12);
  });

  it('is about zero when one trial is genuinely better', () => {
    // Trial 0 earns 0.5 sd a period more: its Sharpe over 25 rows (S.E. ≈ 0.2) beats the others' in every block set.
    const result = probabilityOfBacktestOverfitting(noise(new SeededRng(3), 20, 400, 0.005), { blocks: 16 });
    expect(result.combinations).toBe(12870);
    expect(result.pbo).toBe(0);
    expect(result.probabilityOfLoss).toBe(0);
    expect(Array.from(new Set(result.chosenTrial))).toEqual([0]);
  });

  it('treats a flat block set as Sharpe 0 and a constant gain as +Infinity', () => {
    const flat = new Float64Array(8);
    const gain = new Float64Array(8).fill(0.01);
    const result = probabilityOfBacktestOverfitting([flat, gain], { blocks: 4 });
    expect(Array.from(new Set(result.inSampleSharpe))).toEqual([Infinity]);
    expect(result.pbo).toBe(0);
  });

  it('rejects bad input with clear messages', () => {
    const column = new Float64Array(32);
    expect(() => probabilityOfBacktestOverfitting([column])).toThrow(/at least 2 trials, got "1"/);
    expect(() => probabilityOfBacktestOverfitting([column, column], { blocks: 3 })).toThrow(
      /blocks "3" must be an even integer/,
    );
    expect(() => probabilityOfBacktestOverfitting([column, new Float64Array(31)])).toThrow(
      /trial 1 has "31" returns, expected 32/,
    );
    expect(() => probabilityOfBacktestOverfitting([column, column], { blocks: 40 })).toThrow(
      /needs at least 40 returns/,
    );
    expect(() =>
      probabilityOfBacktestOverfitting([new Float64Array(3), new Float64Array(3)], { blocks: 2 }),
    ).toThrow(/at least 4 returns/);
    const bad = new Float64Array(32);
    bad[5] = Number.NaN;
    expect(() => probabilityOfBacktestOverfitting([column, bad])).toThrow(
      /trial 1 return 5 "NaN" must be a finite number/,
    );
  });

  it('counts combinations', () => {
    expect(binomialCoefficient(16, 8)).toBe(12870);
    expect(binomialCoefficient(6, 3)).toBe(20);
  });
});
