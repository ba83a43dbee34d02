import { describe, expect, it } from 'vitest';
import { SystemClock } from './system-clock.js';

describe('SystemClock', () => {
  it('reads the wall clock in epoch ms', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
  });

  it('follows its source forward', () => {
    let wall = 1_000;
    const clock = new SystemClock(() => wall);
    expect(clock.now()).toBe(1_000);
    wall = 1_250;
    expect(clock.now()).toBe(1_250);
  });

  it('holds its last reading when the wall clock steps back, until it catches up', () => {
    let wall = 5_000;
    const clock = new SystemClock(() => wall);
    expect(clock.now()).toBe(5_000);
    wall = 4_000;
    expect(clock.now()).toBe(5_000);
    wall = 5_001;
    expect(clock.now()).toBe(5_001);
  });
});
