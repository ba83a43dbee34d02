import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Sinusoidal positional encoding (Vaswani et al. 2017, §3.5), [length, modelSize] row-major:
 *   PE(pos, 2k) = sin(pos / 10000^(2k / d)),   PE(pos, 2k + 1) = cos(pos / 10000^(2k / d)),
 * for positions pos = 0 .. length - 1 of the input window (0 = oldest) and d = modelSize. Fixed, not learned:
 * it adds no variables, and each dimension pair is a rotation whose phase moves linearly with the position,
 * so relative offsets are linear functions of the encoding. Computed in float64, stored as float32.
 */
export function sinusoidalPositionalEncoding(length: number, modelSize: number): Float32Array {
  for (const [field, value] of [
    ['length', length],
    ['modelSize', modelSize],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new InvalidInputError(`positional encoding ${field} ${quote(value)} must be an integer >= 1`);
    }
  }
  const encoding = new Float32Array(length * modelSize);
  for (let position = 0; position < length; position++) {
    for (let dimension = 0; dimension < modelSize; dimension++) {
      const pair = dimension - (dimension % 2); // 2k
      const angle = position / Math.pow(10000, pair / modelSize);
      encoding[position * modelSize + dimension] = dimension % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return encoding;
}
