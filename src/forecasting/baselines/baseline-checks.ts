import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Argument checks shared by the baselines, the conformal wrapper and the evaluation code. They throw
 * InvalidInputError with the offending value quoted, because every value here can come from a CLI flag, a
 * request or a file.
 */

/** `value` as a whole number >= `minimum`, or an error naming it: `horizon "0" must be a whole number >= 1`. */
export function requireWholeNumber(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum)
    throw new InvalidInputError(`${name} ${quote(value)} must be a whole number >= ${minimum}`);
  return value;
}

/**
 * Quantile levels as the forecasting contract wants them: at least one, each in (0, 1), strictly ascending,
 * and 0.5 (the median, the point forecast) among them. Returns a frozen copy so a caller's later change to its
 * array cannot reach a fitted model.
 */
export function validateQuantileLevels(quantiles: readonly number[]): readonly number[] {
  if (quantiles.length === 0) throw new InvalidInputError('quantile levels must hold at least one level');
  quantiles.forEach((level, index) => {
    if (!(level > 0 && level < 1))
      throw new InvalidInputError(`quantile level ${quote(level)} at index ${index} must be in (0, 1)`);
    if (index > 0 && !(level > (quantiles[index - 1] as number)))
      throw new InvalidInputError(
        `quantile levels must ascend: ${quote(level)} at index ${index} follows ${quote(quantiles[index - 1])}`,
      );
  });
  if (!quantiles.includes(0.5))
    throw new InvalidInputError(`quantile levels ${quote(quantiles)} must include 0.5 (the median)`);
  return Object.freeze([...quantiles]);
}

/**
 * Checks that `values` holds at least `minimum` numbers, all finite; `what` names the series and the model in
 * the message (`training series for seasonal-naive`).
 */
export function requireFiniteSeries(what: string, values: Float64Array, minimum: number): void {
  if (values.length < minimum)
    throw new InvalidInputError(`${what} of ${quote(values.length)} values must hold at least ${minimum}`);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value))
      throw new InvalidInputError(`${what} value ${quote(value)} at index ${i} must be a finite number`);
  }
}
