import { describe, expect, it } from 'vitest';
import { IntrabarPath } from './intrabar-path.js';

function points(path: IntrabarPath): number[] {
  return [0, 1, 2, 3].map((k) => path.point(k));
}

describe('IntrabarPath', () => {
  it('visits the extreme nearer to the open first', () => {
    const path = new IntrabarPath();
    path.reset(100, 101, 95, 97);
    expect(points(path)).toEqual([100, 101, 95, 97]);
    path.reset(100, 108, 99, 105);
    expect(points(path)).toEqual([100, 99, 108, 105]);
  });

  it('breaks a tie by the bar direction: low first for an up bar, high first for a down bar', () => {
    const path = new IntrabarPath();
    path.reset(100, 102, 98, 101);
    expect(points(path)).toEqual([100, 98, 102, 101]);
    path.reset(100, 102, 98, 99);
    expect(points(path)).toEqual([100, 102, 98, 99]);
  });

  it('interpolates linearly between the points', () => {
    const path = new IntrabarPath();
    path.reset(100, 104, 98, 102);
    // 100 → 98 → 104 → 102
    expect(path.priceAt(0.5)).toBe(99);
    expect(path.priceAt(1.5)).toBe(101);
    expect(path.priceAt(3)).toBe(102);
    expect(path.priceAt(2.5)).toBe(103);
  });

  it('finds the first touch of a level along the path', () => {
    const path = new IntrabarPath();
    path.reset(100, 104, 98, 102);
    expect(path.firstTouch(0, 3, 103, 'above')).toEqual({ time: 1 + 5 / 6, price: 103, atStart: false });
    expect(path.firstTouch(0, 3, 99, 'below')).toEqual({ time: 0.5, price: 99, atStart: false });
    expect(path.firstTouch(0, 3, 105, 'above')).toBeNull();
    expect(path.firstTouch(2, 3, 98.5, 'below')).toBeNull();
  });

  it('reports a gap: the condition already holds at the window start', () => {
    const path = new IntrabarPath();
    path.reset(100, 104, 98, 102);
    expect(path.firstTouch(0, 3, 101, 'below')).toEqual({ time: 0, price: 100, atStart: true });
    expect(path.firstTouch(3, 3, 101, 'above')).toEqual({ time: 3, price: 102, atStart: true });
    expect(path.firstTouch(3, 3, 103, 'above')).toBeNull();
  });

  it('stays at one price on a single-point path', () => {
    const path = new IntrabarPath();
    path.resetPoint(50);
    expect(points(path)).toEqual([50, 50, 50, 50]);
    expect(path.firstTouch(0, 3, 49, 'below')).toBeNull();
  });
});
