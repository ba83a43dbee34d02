import type { MonthlyReturns } from './monthly-returns.js';
import { formatPercent } from './number-format.js';
import { svgNumber } from './svg-chart.js';

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const LABEL_WIDTH = 56;
const CELL_WIDTH = 76;
const CELL_HEIGHT = 24;
const GAP = 2;
const HEADER_HEIGHT = 22;
const YEAR_GAP = 8;

/** White → green for gains, white → red for losses; `intensity` in [0, 1]. */
export function heatColor(value: number, scale: number): string {
  if (!Number.isFinite(value)) return '#f1f1f1';
  const intensity = scale > 0 ? Math.min(1, Math.abs(value) / scale) : 0;
  const [r, g, b] = value >= 0 ? [26, 152, 80] : [215, 48, 39];
  const mix = (channel: number): string =>
    Math.round(255 + (channel - 255) * intensity)
      .toString(16)
      .padStart(2, '0');
  return `#${mix(r)}${mix(g)}${mix(b)}`;
}

function largestAbsolute(values: Float64Array): number {
  let largest = 0;
  for (const value of values) if (Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  return largest;
}

function cell(x: number, y: number, value: number, scale: number, className: string): string {
  const fill = heatColor(value, scale);
  const strong = Number.isFinite(value) && scale > 0 && Math.abs(value) / scale > 0.6;
  const text = Number.isFinite(value)
    ? `<text class="${strong ? 'cell-text strong' : 'cell-text'}" x="${svgNumber(x + CELL_WIDTH / 2)}" y="${svgNumber(y + CELL_HEIGHT / 2)}" dy="0.32em" text-anchor="middle">${formatPercent(value, 1, true)}</text>`
    : '';
  return `<rect class="${className}" x="${x}" y="${y}" width="${CELL_WIDTH}" height="${CELL_HEIGHT}" fill="${fill}"/>${text}`;
}

/**
 * The monthly returns heat map: one row per calendar year, one column per month plus the year's return.
 * Months are coloured on one scale (the largest absolute monthly return is full colour) and years on their
 * own (the largest absolute yearly or monthly return), so one big year does not wash out the months and a
 * small year does not shout. Months without data are grey and unlabelled.
 */
export function renderMonthlyHeatmap(table: MonthlyReturns): string {
  const width = LABEL_WIDTH + 12 * (CELL_WIDTH + GAP) + YEAR_GAP + CELL_WIDTH;
  const height = HEADER_HEIGHT + Math.max(1, table.years) * (CELL_HEIGHT + GAP);
  const parts: string[] = [
    `<svg class="chart heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="Monthly returns heat map">`,
  ];
  const yearColumnX = LABEL_WIDTH + 12 * (CELL_WIDTH + GAP) + YEAR_GAP;
  MONTH_NAMES.forEach((name, m) => {
    const x = LABEL_WIDTH + m * (CELL_WIDTH + GAP) + CELL_WIDTH / 2;
    parts.push(
      `<text class="head" x="${x}" y="${HEADER_HEIGHT / 2}" dy="0.32em" text-anchor="middle">${name}</text>`,
    );
  });
  parts.push(
    `<text class="head" x="${yearColumnX + CELL_WIDTH / 2}" y="${HEADER_HEIGHT / 2}" dy="0.32em" text-anchor="middle">Year</text>`,
  );
  if (table.years === 0) {
    parts.push(
      `<text class="empty" x="${width / 2}" y="${HEADER_HEIGHT + CELL_HEIGHT / 2}" dy="0.32em" text-anchor="middle">No data</text>`,
    );
  }
  const monthScale = largestAbsolute(table.monthly);
  // Never scale years finer than months: a flat year of -0.5% must not look like a disaster.
  const yearScale = Math.max(largestAbsolute(table.yearly), monthScale);
  for (let row = 0; row < table.years; row++) {
    const y = HEADER_HEIGHT + row * (CELL_HEIGHT + GAP);
    parts.push(
      `<text class="head" x="${LABEL_WIDTH - 8}" y="${y + CELL_HEIGHT / 2}" dy="0.32em" text-anchor="end">${table.firstYear + row}</text>`,
    );
    for (let m = 0; m < 12; m++) {
      const value = table.monthly[row * 12 + m] as number;
      parts.push(cell(LABEL_WIDTH + m * (CELL_WIDTH + GAP), y, value, monthScale, 'month-cell'));
    }
    parts.push(cell(yearColumnX, y, table.yearly[row] as number, yearScale, 'year-cell'));
  }
  parts.push('</svg>');
  return parts.join('');
}
