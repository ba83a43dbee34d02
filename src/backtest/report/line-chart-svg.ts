import { escapeHtml } from './escape-html.js';
import { formatAxisNumber } from './number-format.js';
import { downsampleMinMax, linearScale, linePath, niceTicks, svgNumber, timeTicks } from './svg-chart.js';

/** At most this many points are drawn per series; more would add bytes, not detail, at ~1100 px wide. */
export const MAX_POINTS_PER_SERIES = 2000;

export interface LineSeriesSpec {
  /** Shown in the legend (escaped). */
  readonly name: string;
  /** Epoch ms, ascending. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** CSS class of the line (ours, not caller text): colours live in the stylesheet. */
  readonly className: string;
  /** Fill between the line and y = 0 with class `area-<className>` (used for the underwater chart). */
  readonly area?: boolean;
}

export interface ChartMarker {
  readonly x: number;
  readonly y: number;
  /** `buy` draws ▲ with its apex at the price, `sell` draws ▼. */
  readonly side: 'buy' | 'sell';
  /** Tooltip (escaped), shown natively by the browser on hover: no script needed. */
  readonly title: string;
}

export interface LineChartSpec {
  /** Accessible name of the chart (escaped). */
  readonly label: string;
  readonly width: number;
  readonly height: number;
  readonly series: readonly LineSeriesSpec[];
  readonly markers?: readonly ChartMarker[];
  readonly yFormat: 'number' | 'percent';
  /** Keep 0 inside the y axis. */
  readonly includeZero?: boolean;
  /** Fix the top of the y axis (the underwater chart tops out at 0). */
  readonly yMax?: number;
  readonly legend?: boolean;
}

const MARGIN = { left: 64, right: 16, top: 14, bottom: 26 } as const;
const LEGEND_HEIGHT = 20;
const MARKER_HALF_WIDTH = 5;
const MARKER_HEIGHT = 9;

/**
 * A time-series line chart as an inline SVG string: y grid with labels, calendar ticks on x, one path per
 * series (downsampled to MAX_POINTS_PER_SERIES by min/max buckets), optional trade markers and legend.
 */
export function renderLineChart(spec: LineChartSpec): string {
  const series = spec.series.map((s) => ({ spec: s, points: downsampleMinMax(s, MAX_POINTS_PER_SERIES) }));
  const markers = spec.markers ?? [];
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (const { points } of series) {
    for (let i = 0; i < points.y.length; i++) {
      const xv = points.x[i] as number;
      const yv = points.y[i] as number;
      if (!Number.isFinite(xv) || !Number.isFinite(yv)) continue;
      xMin = Math.min(xMin, xv);
      xMax = Math.max(xMax, xv);
      yMin = Math.min(yMin, yv);
      yMax = Math.max(yMax, yv);
    }
  }
  for (const marker of markers) {
    yMin = Math.min(yMin, marker.y);
    yMax = Math.max(yMax, marker.y);
  }
  const top = MARGIN.top + (spec.legend === true ? LEGEND_HEIGHT : 0);
  const bottom = spec.height - MARGIN.bottom;
  const left = MARGIN.left;
  const right = spec.width - MARGIN.right;
  const open = `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${spec.width} ${spec.height}" role="img" aria-label="${escapeHtml(spec.label)}">`;
  if (!(xMax >= xMin) || !(yMax >= yMin)) {
    return `${open}<text class="empty" x="${spec.width / 2}" y="${spec.height / 2}" text-anchor="middle">No data</text></svg>`;
  }
  if (spec.includeZero === true) {
    yMin = Math.min(yMin, 0);
    yMax = Math.max(yMax, 0);
  }
  const span = yMax - yMin;
  const pad = span > 0 ? span * 0.04 : Math.max(Math.abs(yMax) * 0.05, 1e-9);
  yMin -= pad;
  yMax = spec.yMax ?? yMax + pad;
  const xScale = linearScale(xMin, xMax, left, right);
  const yScale = linearScale(yMin, yMax, bottom, top);
  const parts: string[] = [open];

  const { ticks, step } = niceTicks(yMin, yMax, 5);
  const largest = Math.max(Math.abs(yMin), Math.abs(yMax));
  parts.push('<g class="axis">');
  for (const tick of ticks) {
    const y = svgNumber(yScale(tick));
    const label =
      spec.yFormat === 'percent'
        ? `${formatAxisNumber(tick * 100, step * 100, 0)}%`
        : formatAxisNumber(tick, step, largest);
    parts.push(
      `<line class="grid" x1="${left}" x2="${right}" y1="${y}" y2="${y}"/>`,
      `<text x="${left - 6}" y="${y}" dy="0.32em" text-anchor="end">${label}</text>`,
    );
  }
  for (const tick of timeTicks(xMin, xMax, 8)) {
    const position = xScale(tick.ts);
    const x = svgNumber(position);
    // A label centred on a tick near the right edge would be cut off by the viewBox.
    const anchor = position > right - 6 * tick.label.length ? 'end' : 'middle';
    parts.push(
      `<line class="tick" x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 4}"/>`,
      `<text x="${x}" y="${bottom + 16}" text-anchor="${anchor}">${tick.label}</text>`,
    );
  }
  parts.push(`<line class="baseline" x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`, '</g>');

  for (const { spec: s, points } of series) {
    const d = linePath(points, xScale, yScale);
    if (d === '') continue;
    if (s.area === true) {
      const zero = svgNumber(yScale(0));
      const firstX = svgNumber(xScale(points.x[0] as number));
      const lastX = svgNumber(xScale(points.x[points.x.length - 1] as number));
      parts.push(`<path class="area-${s.className}" d="${d} ${lastX},${zero} ${firstX},${zero}Z"/>`);
    }
    parts.push(`<path class="line ${s.className}" d="${d}"/>`);
  }

  for (const marker of markers) {
    const x = svgNumber(xScale(marker.x));
    const y = svgNumber(yScale(marker.y));
    const dy = marker.side === 'buy' ? MARKER_HEIGHT : -MARKER_HEIGHT;
    parts.push(
      `<path class="marker-${marker.side}" d="M${x},${y}l${-MARKER_HALF_WIDTH},${dy}h${2 * MARKER_HALF_WIDTH}z"><title>${escapeHtml(marker.title)}</title></path>`,
    );
  }

  if (spec.legend === true) {
    let x = left;
    for (const { spec: s } of series) {
      const name = escapeHtml(s.name);
      parts.push(
        `<g class="legend"><rect class="swatch ${s.className}" x="${x}" y="${MARGIN.top - 2}" width="14" height="4"/>`,
        `<text x="${x + 20}" y="${MARGIN.top}" dy="0.32em">${name}</text></g>`,
      );
      x += 40 + 7 * s.name.length; // approximate text width: no font metrics without a browser
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
