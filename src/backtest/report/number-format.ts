/**
 * Locale-independent number formatting for the tearsheet (`toLocaleString` depends on the ICU data and
 * locale of the machine, so a report would not be byte-identical across machines). Non-finite values print
 * as an em dash.
 */

const DASH = '—';

/** Inserts `,` every three digits of the integer part of an already fixed-point string. */
function group(fixed: string): string {
  const negative = fixed.startsWith('-');
  const body = negative ? fixed.slice(1) : fixed;
  const dot = body.indexOf('.');
  const integer = dot < 0 ? body : body.slice(0, dot);
  const fraction = dot < 0 ? '' : body.slice(dot);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}

/** Fixed-point with grouping, between `minDecimals` and `maxDecimals` decimals (trailing zeros trimmed). */
export function formatDecimal(value: number, minDecimals: number, maxDecimals: number): string {
  if (!Number.isFinite(value)) return DASH;
  let fixed = value.toFixed(maxDecimals);
  if (maxDecimals > minDecimals) {
    const dot = fixed.indexOf('.');
    let end = fixed.length;
    while (end > dot + 1 + minDecimals && fixed[end - 1] === '0') end--;
    if (end === dot + 1) end = dot; // no decimals left: drop the point
    fixed = fixed.slice(0, end);
  }
  if (/^-0(\.0*)?$/.test(fixed)) fixed = fixed.slice(1); // "-0.00" after rounding reads as a loss
  return group(fixed);
}

/** Money or P&L: two decimals with grouping. */
export function formatMoney(value: number): string {
  return formatDecimal(value, 2, 2);
}

/** A price: 2-4 decimals at or above 1, up to 8 below 1 (FX, crypto fractions). */
export function formatPrice(value: number): string {
  return Math.abs(value) >= 1 ? formatDecimal(value, 2, 4) : formatDecimal(value, 2, 8);
}

/** A fraction as a percentage with `decimals` decimals; `signed` prints a `+` on positive values. */
export function formatPercent(fraction: number, decimals: number, signed = false): string {
  if (!Number.isFinite(fraction)) return DASH;
  const text = formatDecimal(fraction * 100, decimals, decimals);
  return `${signed && !text.startsWith('-') && text !== formatDecimal(0, decimals, decimals) ? '+' : ''}${text}%`;
}

/**
 * An axis label: values scaled to k / M / B by the largest tick, with just enough decimals to tell ticks
 * `step` apart.
 */
export function formatAxisNumber(value: number, step: number, largest: number): string {
  if (!Number.isFinite(value)) return DASH;
  const magnitude = Math.abs(largest);
  const [unit, suffix] =
    magnitude >= 1e9 ? [1e9, 'B'] : magnitude >= 1e6 ? [1e6, 'M'] : magnitude >= 1e4 ? [1e3, 'k'] : [1, ''];
  const scaledStep = step / unit;
  // As many decimals as the step needs to be written exactly (2.5 → 1, 0.25 → 2), at most 6.
  let decimals = 0;
  while (
    decimals < 6 &&
    Math.abs(Math.round(scaledStep * 10 ** decimals) - scaledStep * 10 ** decimals) > 1e-6
  ) {
    decimals++;
  }
  return `${formatDecimal(value / unit, decimals, decimals)}${suffix}`;
}
