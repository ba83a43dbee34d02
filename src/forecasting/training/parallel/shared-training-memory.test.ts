import { describe, expect, it } from 'vitest';
import {
  allocateTrainingMemory,
  gradientSlot,
  partitionVariables,
  shareBoundaries,
  sharedChannels,
} from './shared-training-memory.js';

describe('allocateTrainingMemory', () => {
  it('copies the channels and the initial weights into shared buffers sized for the workers', () => {
    const target = Float64Array.of(1, 2, 3);
    const feature = Float64Array.of(-1, -2, -3);
    const memory = allocateTrainingMemory([target, feature], Float32Array.of(0.5, 1.5, 2.5, 3.5), 2);
    expect(memory.series).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(new Float64Array(memory.series))).toEqual([1, 2, 3, -1, -2, -3]);
    expect(sharedChannels(memory).map((channel) => Array.from(channel))).toEqual([
      [1, 2, 3],
      [-1, -2, -3],
    ]);
    expect(Array.from(new Float32Array(memory.weights))).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(memory.gradients.byteLength).toBe(2 * 4 * 4);
    expect(memory.losses.byteLength).toBe(2 * 8);
    target[0] = 99; // the shared copy is a copy
    expect(sharedChannels(memory)[0]?.[0]).toBe(1);
  });

  it('gives each worker its own gradient slot over the same buffer', () => {
    const memory = allocateTrainingMemory([Float64Array.of(1)], new Float32Array(3), 3);
    gradientSlot(memory, 1).fill(7);
    expect(Array.from(new Float32Array(memory.gradients))).toEqual([0, 0, 0, 7, 7, 7, 0, 0, 0]);
  });

  it('refuses a bad worker count and channels of different lengths', () => {
    expect(() => allocateTrainingMemory([Float64Array.of(1)], new Float32Array(1), 0)).toThrow(
      'workers "0" must be an integer >= 1',
    );
    expect(() =>
      allocateTrainingMemory([Float64Array.of(1, 2), Float64Array.of(1)], new Float32Array(1), 1),
    ).toThrow('every channel must hold 2 values like the target');
  });
});

describe('shareBoundaries', () => {
  it('splits a batch into contiguous shares that differ by at most one window', () => {
    expect(shareBoundaries(1024, 2)).toEqual([0, 512, 1024]);
    expect(shareBoundaries(5, 2)).toEqual([0, 2, 5]);
    expect(shareBoundaries(10, 3)).toEqual([0, 3, 6, 10]);
    expect(shareBoundaries(7, 1)).toEqual([0, 7]);
  });

  it('refuses a batch smaller than the worker count', () => {
    expect(() => shareBoundaries(1, 2)).toThrow(
      'batch of "1" windows cannot give each of 2 workers at least one window',
    );
  });
});

describe('partitionVariables', () => {
  it('hands the largest variables out first, each to the least-loaded worker (ties: lower index)', () => {
    // Order by size: 1 (300) -> w0, 3 (300) -> w1, 2 (20) -> w0 (tie 300/300), 0 (10) -> w1 (310 < 320),
    // 4 (5) -> w1 (310 < 320).
    expect(partitionVariables([10, 300, 20, 300, 5], 2)).toEqual([1, 0, 0, 1, 1]);
    expect(partitionVariables([4, 4, 4], 3)).toEqual([0, 1, 2]);
    expect(partitionVariables([4, 4, 4], 1)).toEqual([0, 0, 0]);
  });

  it('balances the default NHITS layout to within one large kernel', () => {
    // Per block: projection pooled x 512 (+512), three 512 x 512 (+512), output 512 x θ (+θ), where the
    // pooled input is 12, 12, 24 and θ = 24 + 7 quantiles x (3, 6, 12 knots) = 45, 66, 108.
    const block = (pooled: number, theta: number): number[] => [
      ...[pooled * 512, 512],
      ...[512 * 512, 512, 512 * 512, 512, 512 * 512, 512],
      ...[512 * theta, theta],
    ];
    const sizes = [...block(12, 45), ...block(12, 66), ...block(24, 108)];
    const owners = partitionVariables(sizes, 2);
    const loads = [0, 1].map((w) => sizes.reduce((sum, size, v) => sum + (owners[v] === w ? size : 0), 0));
    expect(Math.abs((loads[0] as number) - (loads[1] as number))).toBeLessThan(512 * 512);
  });
});
