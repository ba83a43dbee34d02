import type { SeededRng } from '../../core/rng.js';

/**
 * A day-by-day path of a Markov chain over `transitions.length` regimes. Day 0 is `initial` when given,
 * otherwise drawn from the stationary distribution; each next day draws one uniform u and takes the first
 * regime j whose cumulative row probability sum_{k<=j} P[i][k] exceeds u.
 */
export function simulateRegimes(
  rng: SeededRng,
  transitions: readonly (readonly number[])[],
  days: number,
  initial?: number,
): Uint8Array {
  const out = new Uint8Array(days);
  if (days === 0) return out;
  let state = initial ?? drawFrom(stationaryDistribution(transitions), rng.next());
  out[0] = state;
  for (let d = 1; d < days; d++) {
    state = drawFrom(transitions[state] as readonly number[], rng.next());
    out[d] = state;
  }
  return out;
}

/**
 * pi with pi P = pi and sum(pi) = 1. Solved directly (Gaussian elimination with partial pivoting on
 * P^T - I with one equation replaced by the normalisation), which is exact for a chain with one recurrent
 * class. A reducible chain has many stationary laws and a singular system; it falls back to power iteration
 * on the lazy chain (P + I) / 2 (same stationary laws, cannot oscillate) from uniform, which returns one.
 */
export function stationaryDistribution(transitions: readonly (readonly number[])[]): Float64Array {
  return solveStationary(transitions) ?? iterateStationary(transitions);
}

function solveStationary(transitions: readonly (readonly number[])[]): Float64Array | null {
  const r = transitions.length;
  // Row i of the system: sum_j (P[j][i] - [i = j]) pi_j = 0; the last row is sum_j pi_j = 1.
  const a = Array.from({ length: r }, (_, i) =>
    Float64Array.from({ length: r + 1 }, (_, j) => {
      if (i === r - 1) return 1;
      if (j === r) return 0;
      return (transitions[j]?.[i] as number) - (i === j ? 1 : 0);
    }),
  );
  for (let col = 0; col < r; col++) {
    let pivot = col;
    for (let row = col + 1; row < r; row++) {
      if (Math.abs(a[row]?.[col] as number) > Math.abs(a[pivot]?.[col] as number)) pivot = row;
    }
    if (Math.abs(a[pivot]?.[col] as number) < 1e-12) return null;
    const top = a[pivot] as (typeof a)[number];
    a[pivot] = a[col] as (typeof a)[number];
    a[col] = top;
    for (let row = 0; row < r; row++) {
      const current = a[row] as Float64Array;
      if (row === col || current[col] === 0) continue;
      const factor = (current[col] as number) / (top[col] as number);
      for (let j = col; j <= r; j++) current[j] = (current[j] as number) - factor * (top[j] as number);
    }
  }
  const pi = Float64Array.from({ length: r }, (_, i) =>
    Math.max(0, (a[i]?.[r] as number) / (a[i]?.[i] as number)),
  );
  const total = pi.reduce((sum, p) => sum + p, 0);
  return pi.map((p) => p / total);
}

function iterateStationary(transitions: readonly (readonly number[])[]): Float64Array {
  const r = transitions.length;
  let pi = new Float64Array(r).fill(1 / r);
  let next = new Float64Array(r);
  for (let iteration = 0; iteration < 100_000; iteration++) {
    next.fill(0);
    for (let i = 0; i < r; i++) {
      const row = transitions[i] as readonly number[];
      const mass = pi[i] as number;
      for (let j = 0; j < r; j++)
        next[j] = (next[j] as number) + 0.5 * mass * ((row[j] as number) + (i === j ? 1 : 0));
    }
    let change = 0;
    for (let j = 0; j < r; j++) change += Math.abs((next[j] as number) - (pi[j] as number));
    [pi, next] = [next, pi];
    if (change < 1e-14) break;
  }
  return pi;
}

function drawFrom(probabilities: ArrayLike<number>, u: number): number {
  let cumulative = 0;
  const last = probabilities.length - 1;
  for (let j = 0; j < last; j++) {
    cumulative += probabilities[j] as number;
    if (u < cumulative) return j;
  }
  return last;
}
