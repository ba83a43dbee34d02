import { describe, expect, it } from 'vitest';
import { sinusoidalPositionalEncoding } from './positional-encoding.js';

describe('sinusoidalPositionalEncoding', () => {
  it('follows PE(pos, 2k) = sin(pos / 10000^(2k/d)), PE(pos, 2k+1) = cos(...), hand-worked for d = 4', () => {
    const encoding = sinusoidalPositionalEncoding(3, 4);
    // d = 4: pair 0 has frequency 1, pair 1 has 1 / 10000^(2/4) = 0.01.
    const expected = [
      [0, 1, 0, 1],
      [Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)],
      [Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)],
    ].flat();
    expect(encoding.length).toBe(12);
    expected.forEach((value, index) => expect(encoding[index]).toBeCloseTo(value, 6));
  });

  it('handles an odd model size (the last dimension is a lone sine) and stays within [-1, 1]', () => {
    const encoding = sinusoidalPositionalEncoding(50, 5);
    expect(encoding[1 * 5 + 4]).toBeCloseTo(Math.sin(1 / Math.pow(10000, 4 / 5)), 6);
    expect(encoding.every((value) => value >= -1 && value <= 1)).toBe(true);
  });

  it('refuses a non-positive length or model size', () => {
    expect(() => sinusoidalPositionalEncoding(0, 4)).toThrow(
      'positional encoding length "0" must be an integer >= 1',
    );
    expect(() => sinusoidalPositionalEncoding(3, 2.5)).toThrow('positional encoding modelSize "2.5"');
  });
});
