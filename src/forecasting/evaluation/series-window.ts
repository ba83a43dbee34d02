import type { ForecastInput } from '../series-forecaster.types.js';

/**
 * Values [start, end) of the target and of every exogenous column, as copies: a model handed a copy cannot
 * reach values outside the window through the typed array's shared buffer (a subarray would let it read the
 * future via `.buffer`), which is what the rolling-origin evaluation promises.
 */
export function copyWindow(input: ForecastInput, start: number, end: number): ForecastInput {
  const target = input.target.slice(start, end);
  if (input.exogenous === undefined) return { target };
  return { target, exogenous: input.exogenous.map((column) => column.slice(start, end)) };
}

/** The same window as views over the input (no copy) for trusted internal loops such as calibration. */
export function viewWindow(input: ForecastInput, start: number, end: number): ForecastInput {
  const target = input.target.subarray(start, end);
  if (input.exogenous === undefined) return { target };
  return { target, exogenous: input.exogenous.map((column) => column.subarray(start, end)) };
}
