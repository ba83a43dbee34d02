import { describe, expect, it } from 'vitest';
import { copyWindow, viewWindow } from './series-window.js';

const INPUT = { target: Float64Array.of(1, 2, 3, 4), exogenous: [Float64Array.of(5, 6, 7, 8)] };

describe('series windows', () => {
  it('copies a window of the target and every exogenous column into fresh buffers', () => {
    const window = copyWindow(INPUT, 1, 3);
    expect(Array.from(window.target)).toEqual([2, 3]);
    expect(window.exogenous?.map((column) => Array.from(column))).toEqual([[6, 7]]);
    expect(window.target.buffer.byteLength).toBe(16);
    expect(window.exogenous?.[0]?.buffer.byteLength).toBe(16);
    expect(copyWindow({ target: INPUT.target }, 0, 2)).toEqual({ target: Float64Array.of(1, 2) });
  });

  it('views a window without copying', () => {
    const window = viewWindow(INPUT, 1, 3);
    expect(Array.from(window.target)).toEqual([2, 3]);
    expect(window.exogenous?.[0]?.buffer).toBe(INPUT.exogenous[0]?.buffer);
    expect(Array.from(window.exogenous?.[0] ?? [])).toEqual([6, 7]);
    expect(viewWindow({ target: INPUT.target }, 0, 1).exogenous).toBeUndefined();
  });
});
