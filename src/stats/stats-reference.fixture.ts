/**
 * Loads the reference values in test/fixtures/stats (written by make-reference.py with statsmodels / scipy /
 * numpy / pandas; see that script for how). JSON has no literal for NaN or ±Infinity, so the script writes
 * them as strings; `decodeNumbers` turns them back into numbers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const fixtureDirectory = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/stats');

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };

function decodeNumbers(value: unknown): unknown {
  if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map(decodeNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decodeNumbers(inner)]));
  }
  return value;
}

/** Reads test/fixtures/stats/<name> with non-finite numbers restored. The caller states the shape. */
export function readStatsFixture<T>(name: string): T {
  return decodeNumbers(JSON.parse(readFileSync(join(fixtureDirectory, name), 'utf8'))) as T;
}

export interface StatsInputs {
  readonly series: Record<string, number[]>;
  readonly pairs: Record<string, { readonly y: number[]; readonly x: number[][] }>;
  readonly ols: Record<string, { readonly y: number[]; readonly x: number[][]; readonly intercept: boolean }>;
  readonly moments: Record<string, number[]>;
  readonly correlation: Record<string, number[][]>;
}

let inputs: StatsInputs | undefined;
export function statsInputs(): StatsInputs {
  inputs ??= readStatsFixture<StatsInputs>('inputs.json');
  return inputs;
}

/** |actual − expected| ≤ tolerance · max(1, |expected|); NaN matches NaN and infinities must be equal. */
export function expectClose(actual: number, expected: number, tolerance: number, what = ''): void {
  if (Number.isNaN(expected) || !Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  const error = Math.abs(actual - expected);
  const bound = tolerance * Math.max(1, Math.abs(expected));
  if (!(error <= bound)) {
    expect.fail(`${what}: ${actual} differs from the reference ${expected} by ${error} (bound ${bound})`);
  }
}

/** expectClose for each element. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance: number,
  what = '',
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expectClose(actual[i] as number, expected[i] as number, tolerance, `${what}[${i}]`);
}
