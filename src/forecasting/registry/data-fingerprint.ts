import { createHash } from 'node:crypto';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { ForecastInput } from '../series-forecaster.types.js';

/**
 * The data fingerprint of a training set: `sha256:<hex>` over a header naming the columns (target first) and
 * the length, then every column's values as little-endian float64 bytes. Two models trained on the same
 * values of the same columns share it; one changed value, a different column or one more row changes it, so
 * the registry can tell which data a model saw and whether two models are comparable.
 */
export function dataFingerprint(input: ForecastInput, columns: readonly string[]): string {
  const series = [input.target, ...(input.exogenous ?? [])];
  if (columns.length !== series.length) {
    throw new InvalidInputError(
      `fingerprint needs one name per column: ${quote(columns)} for ${series.length} columns`,
    );
  }
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ columns, length: input.target.length }));
  const bytes = new Float64Array(input.target.length);
  const view = new DataView(bytes.buffer);
  for (const values of series) {
    if (values.length !== input.target.length) {
      throw new InvalidInputError(
        `fingerprint columns must be as long as the target (${input.target.length}), one has ${quote(values.length)}`,
      );
    }
    // Explicit little-endian so a big-endian host gives the same fingerprint.
    values.forEach((value, index) => view.setFloat64(index * 8, value, true));
    hash.update(new Uint8Array(bytes.buffer));
  }
  return `sha256:${hash.digest('hex')}`;
}
