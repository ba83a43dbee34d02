import { formatUtcDate, formatUtcMonth, utcCivilDate, utcEpochMs } from './utc-date.js';

/**
 * Building blocks for the tearsheet's inline SVG charts: linear scales, "nice" axis ticks, min/max
 * downsampling and compact path strings. Pure functions; every number is rounded before it is printed so
 * the same input always yields the same bytes.
 */

/** Maps a domain linearly onto a range; a degenerate domain (min = max) maps to the middle of the range. */
export function linearScale(
  domainMin: number,
  domainMax: number,
  rangeMin: number,
  rangeMax: number,
): (value: number) => number {
  const span = domainMax - domainMin;
  if (!(span > 0)) {
    const middle = (rangeMin + rangeMax) / 2;
    return () => middle;
  }
  const factor = (rangeMax - rangeMin) / span;
  return (value) => rangeMin + (value - domainMin) * factor;
}

/** A coordinate printed with one decimal (a tenth of a CSS pixel is below what a screen shows). */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded); // never "-0"
}

/** Step of 1, 2, 2.5 or 5 × 10^k so that about `maxCount` ticks cover `span`. */
export function niceStep(span: number, maxCount: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, maxCount);
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  // raw < 10 × magnitude by construction, so 10 closes the list.
  const multiple = [1, 2, 2.5, 5].find((m) => m * magnitude >= raw) ?? 10;
  return multiple * magnitude;
}

/** Multiples of a nice step inside [min, max], at most about `maxCount` + 1 of them. */
export function niceTicks(min: number, max: number, maxCount: number): { ticks: number[]; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [], step: 1 };
  if (!(max > min)) return { ticks: [min], step: 1 };
  const step = niceStep(max - min, maxCount);
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) ticks.push(k * step);
  return { ticks, step };
}

export interface TimeTick {
  readonly ts: number;
  readonly label: string;
}

const DAY_MS = 86_400_000;

/**
 * Calendar-aligned ticks in UTC for [start, end]: 1 January of every 1/2/5/10… years when the span is two
 * years or more, the first of every 1/2/3/6 months from two months, midnight of every 1/2/7/14 days from
 * two days, and `maxCount` evenly spaced instants (labelled with the time) below that.
 */
export function timeTicks(start: number, end: number, maxCount: number): TimeTick[] {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return [];
  if (!(end > start)) return [{ ts: start, label: formatUtcDate(start) }];
  const span = end - start;
  const count = Math.max(1, maxCount);
  if (span >= 730 * DAY_MS) {
    const firstYear = utcCivilDate(start).year;
    const lastYear = utcCivilDate(end).year;
    const step = [1, 2, 5, 10, 20, 50, 100, 1000].find((s) => (lastYear - firstYear) / s <= count) ?? 1000;
    const ticks: TimeTick[] = [];
    for (let year = Math.ceil(firstYear / step) * step; year <= lastYear; year += step) {
      const ts = utcEpochMs(year, 1, 1);
      if (ts >= start && ts <= end) ticks.push({ ts, label: String(year) });
    }
    return ticks;
  }
  if (span >= 60 * DAY_MS) {
    const first = utcCivilDate(start);
    const last = utcCivilDate(end);
    const firstMonth = first.year * 12 + first.month - 1;
    const lastMonth = last.year * 12 + last.month - 1;
    const step = [1, 2, 3, 6, 12].find((s) => (lastMonth - firstMonth) / s <= count) ?? 12;
    const ticks: TimeTick[] = [];
    for (let month = Math.ceil(firstMonth / step) * step; month <= lastMonth; month += step) {
      const ts = utcEpochMs(Math.floor(month / 12), (month % 12) + 1, 1);
      if (ts >= start && ts <= end) ticks.push({ ts, label: formatUtcMonth(ts) });
    }
    return ticks;
  }
  if (span >= 2 * DAY_MS) {
    const step = ([1, 2, 7, 14, 30].find((s) => span / (s * DAY_MS) <= count) ?? 30) * DAY_MS;
    const ticks: TimeTick[] = [];
    for (let ts = Math.ceil(start / step) * step; ts <= end; ts += step) {
      ticks.push({ ts, label: formatUtcDate(ts) });
    }
    return ticks;
  }
  const ticks: TimeTick[] = [];
  for (let k = 0; k <= count; k++) {
    const ts = start + (span * k) / count;
    const minutes = Math.floor((ts % DAY_MS) / 60_000);
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    ticks.push({ ts, label: `${formatUtcDate(ts)} ${clock}` });
  }
  return ticks;
}

export interface XYSeries {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Reduces a series to at most `maxPoints` points (≥ 4) keeping its shape: the first and last finite points
 * are kept, the points between are split into equal index buckets and each bucket contributes its minimum
 * and its maximum in their original order — so every peak and trough of the input survives (unlike
 * stride sampling). Non-finite y values are dropped. Returns the input unchanged when it is small enough.
 */
export function downsampleMinMax(series: XYSeries, maxPoints: number): XYSeries {
  const { x, y } = series;
  const n = y.length;
  const limit = Math.max(4, Math.floor(maxPoints));
  let finite = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(y[i])) finite++;
  if (finite <= limit) {
    if (finite === n) return series;
    return compact(series, finite);
  }
  let firstIndex = 0;
  while (!Number.isFinite(y[firstIndex])) firstIndex++;
  let lastIndex = n - 1;
  while (!Number.isFinite(y[lastIndex])) lastIndex--;
  const buckets = Math.floor((limit - 2) / 2);
  const innerStart = firstIndex + 1;
  const innerLength = lastIndex - innerStart; // indices innerStart … lastIndex - 1
  const outX = new Float64Array(limit);
  const outY = new Float64Array(limit);
  let out = 0;
  const push = (i: number): void => {
    outX[out] = x[i] as number;
    outY[out] = y[i] as number;
    out++;
  };
  push(firstIndex);
  for (let b = 0; b < buckets; b++) {
    const from = innerStart + Math.floor((b * innerLength) / buckets);
    const to = innerStart + Math.floor(((b + 1) * innerLength) / buckets);
    let minIndex = -1;
    let maxIndex = -1;
    for (let i = from; i < to; i++) {
      const value = y[i] as number;
      if (!Number.isFinite(value)) continue;
      if (minIndex < 0 || value < (y[minIndex] as number)) minIndex = i;
      if (maxIndex < 0 || value > (y[maxIndex] as number)) maxIndex = i;
    }
    if (minIndex < 0) continue;
    if (minIndex === maxIndex) push(minIndex);
    else if (minIndex < maxIndex) {
      push(minIndex);
      push(maxIndex);
    } else {
      push(maxIndex);
      push(minIndex);
    }
  }
  push(lastIndex);
  return { x: outX.slice(0, out), y: outY.slice(0, out) };
}

function compact(series: XYSeries, finite: number): XYSeries {
  const x = new Float64Array(finite);
  const y = new Float64Array(finite);
  let out = 0;
  for (let i = 0; i < series.y.length; i++) {
    const value = series.y[i] as number;
    if (!Number.isFinite(value)) continue;
    x[out] = series.x[i] as number;
    y[out] = value;
    out++;
  }
  return { x, y };
}

/**
 * SVG path data through the points (`M x,y x,y …`: after a moveto, further pairs are implicit linetos).
 * Points whose scaled coordinates repeat the previous one are skipped; non-finite points are skipped.
 */
export function linePath(
  series: XYSeries,
  xScale: (v: number) => number,
  yScale: (v: number) => number,
): string {
  const parts: string[] = [];
  let previous = '';
  for (let i = 0; i < series.y.length; i++) {
    const xv = series.x[i] as number;
    const yv = series.y[i] as number;
    if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue;
    const point = `${svgNumber(xScale(xv))},${svgNumber(yScale(yv))}`;
    if (point === previous) continue;
    parts.push(point);
    previous = point;
  }
  return parts.length === 0 ? '' : `M${parts.join(' ')}`;
}
