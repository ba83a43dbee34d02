import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './clock.js';

describe('SimulatedClock', () => {
  it('starts at the given time, 0 by default', () => {
    expect(new SimulatedClock().now()).toBe(0);
    expect(new SimulatedClock(1_700_000_000_000).now()).toBe(1_700_000_000_000);
  });

  it('refuses a start time that is not finite', () => {
    expect(() => new SimulatedClock(Number.NaN)).toThrow('clock start "NaN" must be a finite epoch ms');
    expect(() => new SimulatedClock(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('moves forward to a time and by a duration, and may stay put', () => {
    const clock = new SimulatedClock(1000);
    clock.advanceTo(1500);
    expect(clock.now()).toBe(1500);
    clock.advanceBy(250);
    expect(clock.now()).toBe(1750);
    clock.advanceTo(1750);
    clock.advanceBy(0);
    expect(clock.now()).toBe(1750);
  });

  it('refuses to go back and keeps its time', () => {
    const clock = new SimulatedClock(1000);
    expect(() => clock.advanceTo(999)).toThrow('clock cannot move back from 1000 to 999');
    expect(() => clock.advanceBy(-1)).toThrow(RangeError);
    expect(clock.now()).toBe(1000);
  });

  it('refuses NaN as a target time', () => {
    const clock = new SimulatedClock(1000);
    expect(() => clock.advanceTo(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(1000);
  });
});
