import { describe, expect, it } from 'vitest';
import { heatColor, renderMonthlyHeatmap } from './monthly-heatmap-svg.js';
import type { MonthlyReturns } from './monthly-returns.js';

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('heatColor', () => {
  it('runs from white to full green or red with the magnitude', () => {
    expect(heatColor(0, 0.1)).toBe('#ffffff');
    expect(heatColor(0.1, 0.1)).toBe('#1a9850');
    expect(heatColor(-0.2, 0.1)).toBe('#d73027'); // clamped at full colour
    expect(heatColor(0.05, 0.1)).toBe('#8dcca8');
    expect(heatColor(Number.NaN, 0.1)).toBe('#f1f1f1');
    expect(heatColor(0.05, 0)).toBe('#ffffff');
  });
});

describe('renderMonthlyHeatmap', () => {
  it('draws a row of 12 months plus the year for every year, with values printed', () => {
    const monthly = new Float64Array(24).fill(Number.NaN);
    monthly[11] = 0.1;
    monthly[12] = -0.05;
    monthly[13] = 0;
    const table: MonthlyReturns = { firstYear: 2019, years: 2, monthly, yearly: Float64Array.of(0.1, -0.05) };
    const svg = renderMonthlyHeatmap(table);
    expect(count(svg, 'class="month-cell"')).toBe(24);
    expect(count(svg, 'class="year-cell"')).toBe(2);
    expect(svg).toContain('>2019</text>');
    expect(svg).toContain('>2020</text>');
    expect(svg).toContain('>+10.0%</text>');
    expect(svg).toContain('>-5.0%</text>');
    expect(svg).toContain('>0.0%</text>');
    expect(svg).toContain('fill="#1a9850"'); // the largest month is full green
    expect(count(svg, 'fill="#f1f1f1"')).toBe(21); // months without data are grey
    expect(count(svg, 'class="cell-text')).toBe(5);
    expect(svg).toContain('>Jan</text>');
    expect(svg).toContain('>Year</text>');
  });

  it('does not colour a small year at full strength when its months moved more', () => {
    const monthly = new Float64Array(12).fill(Number.NaN);
    monthly[0] = 0.1;
    monthly[1] = -0.1;
    const svg = renderMonthlyHeatmap({ firstYear: 2015, years: 1, monthly, yearly: Float64Array.of(-0.01) });
    expect(svg).toContain(
      `class="year-cell" x="1000" y="22" width="76" height="24" fill="${heatColor(-0.01, 0.1)}"`,
    );
    expect(heatColor(-0.01, 0.1)).toBe('#fbeae9');
  });

  it('says "No data" for an empty table', () => {
    const svg = renderMonthlyHeatmap({
      firstYear: 0,
      years: 0,
      monthly: new Float64Array(0),
      yearly: new Float64Array(0),
    });
    expect(svg).toContain('>No data</text>');
    expect(svg).not.toContain('month-cell');
  });
});
