import { describe, expect, it } from 'vitest';
import { formatAxisNumber, formatDecimal, formatMoney, formatPercent, formatPrice } from './number-format.js';

describe('number formatting', () => {
  it('groups thousands and trims trailing zeros down to the minimum decimals', () => {
    expect(formatDecimal(1234567.891, 0, 2)).toBe('1,234,567.89');
    expect(formatDecimal(-1234.5, 2, 4)).toBe('-1,234.50');
    expect(formatDecimal(12, 0, 8)).toBe('12');
    expect(formatDecimal(0.125, 0, 8)).toBe('0.125');
    expect(formatDecimal(999, 0, 0)).toBe('999');
  });

  it('never prints a negative zero', () => {
    expect(formatDecimal(-0.001, 2, 2)).toBe('0.00');
    expect(formatDecimal(-0.0001, 0, 2)).toBe('0');
    expect(formatPercent(-0.00001, 2)).toBe('0.00%');
  });

  it('formats money, prices and percentages', () => {
    expect(formatMoney(-155228.714)).toBe('-155,228.71');
    expect(formatPrice(100.31223)).toBe('100.3122');
    expect(formatPrice(100.5)).toBe('100.50');
    expect(formatPrice(0.0000123456)).toBe('0.00001235');
    expect(formatPercent(0.1234, 1)).toBe('12.3%');
    expect(formatPercent(0.1234, 1, true)).toBe('+12.3%');
    expect(formatPercent(-0.1234, 1, true)).toBe('-12.3%');
    expect(formatPercent(0.00001, 1, true)).toBe('0.0%');
  });

  it('prints a dash for non-finite values', () => {
    expect(formatDecimal(Number.NaN, 0, 2)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY, 1)).toBe('—');
    expect(formatAxisNumber(Number.NaN, 1, 1)).toBe('—');
  });

  it('scales axis labels by the largest tick with the decimals the step needs', () => {
    expect(formatAxisNumber(1.2e6, 2e5, 1.6e6)).toBe('1.2M');
    expect(formatAxisNumber(1e6, 5e5, 1.5e6)).toBe('1.0M');
    expect(formatAxisNumber(2.5e9, 5e8, 3e9)).toBe('2.5B');
    expect(formatAxisNumber(25_000, 5_000, 40_000)).toBe('25k');
    expect(formatAxisNumber(7.5, 2.5, 10)).toBe('7.5');
    expect(formatAxisNumber(0.75, 0.25, 1)).toBe('0.75');
    expect(formatAxisNumber(125, 25, 150)).toBe('125');
    expect(formatAxisNumber(3, 0, 3)).toBe('3');
  });
});
