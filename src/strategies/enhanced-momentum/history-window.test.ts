import { describe, expect, it } from 'vitest';
import { HistoryWindow } from './history-window.js';

describe('HistoryWindow', () => {
  it('views the latest values oldest first, across the internal compaction', () => {
    const window = new HistoryWindow(4);
    expect(Array.from(window.view())).toEqual([]);
    const all: number[] = [];
    for (let i = 1; i <= 30; i++) {
      window.push(i);
      all.push(i);
      expect(Array.from(window.view())).toEqual(all.slice(-4));
      expect(window.size).toBe(Math.min(i, 4));
    }
  });

  it('holds a single value with capacity 1 and refuses capacity 0', () => {
    const one = new HistoryWindow(1);
    one.push(3);
    one.push(5);
    expect(Array.from(one.view())).toEqual([5]);
    expect(() => new HistoryWindow(0)).toThrow('capacity "0"');
  });
});
