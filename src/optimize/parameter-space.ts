import { InvalidInputError, quote } from '../core/errors.js';
import type { ParameterDimension, ParameterSpace, ParameterValue, TrialParams } from './optimize.types.js';

/**
 * Parameter spaces from the CLI spec `fast=5:50:5,slow=50:300:10,mode=a|b,fractional=true|false`.
 * - `name=min:max:step` is a range: the grid holds min, min + step, … up to max (max itself only when it lies on
 *   the step). It is integer when min, max and step are all integers.
 * - `name=a|b|c` lists choices; a single value (`name=7`) is a choice of one (a fixed parameter).
 * - Each value is a boolean (`true` / `false`), a number (decimal or exponent notation) or else a string.
 * Grid order (used by grid search and by trial indices): the first dimension varies slowest, as nested loops
 * written in the spec's order (itertools.product).
 */

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A CLI value: boolean, number when it reads as one, else the trimmed string. */
export function parseParameterValue(text: string): ParameterValue {
  const value = text.trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (NUMBER_PATTERN.test(value)) return Number(value);
  return value;
}

function parseRange(name: string, body: string, part: string): ParameterDimension {
  const pieces = body.split(':');
  if (pieces.length !== 3)
    throw new InvalidInputError(`parameter ${quote(part)}: range ${quote(body)} must be min:max:step`);
  const [min, max, step] = pieces.map((piece, i) => {
    const text = piece.trim();
    const label = ['min', 'max', 'step'][i] as string;
    if (!NUMBER_PATTERN.test(text))
      throw new InvalidInputError(`parameter ${quote(part)}: ${label} ${quote(text)} must be a number`);
    return Number(text);
  }) as [number, number, number];
  if (!(step > 0)) throw new InvalidInputError(`parameter ${quote(part)}: step ${quote(step)} must be > 0`);
  if (min > max)
    throw new InvalidInputError(`parameter ${quote(part)}: min ${quote(min)} must be <= max ${quote(max)}`);
  const integer = Number.isInteger(min) && Number.isInteger(max) && Number.isInteger(step);
  return { kind: 'range', name, min, max, step, integer };
}

function parseChoices(name: string, body: string, part: string): ParameterDimension {
  const values = body.split('|').map((piece) => {
    if (piece.trim() === '')
      throw new InvalidInputError(`parameter ${quote(part)}: empty choice in ${quote(body)}`);
    return parseParameterValue(piece);
  });
  const seen = new Set<ParameterValue>();
  for (const value of values) {
    if (seen.has(value))
      throw new InvalidInputError(`parameter ${quote(part)}: choice ${quote(value)} is repeated`);
    seen.add(value);
  }
  return { kind: 'choice', name, values };
}

/** Parses the CLI spec; errors name the part and the value at fault. */
export function parseParameterSpace(spec: string): ParameterSpace {
  if (spec.trim() === '')
    throw new InvalidInputError(`parameter spec ${quote(spec)} must name at least one parameter`);
  const names = new Set<string>();
  return spec.split(',').map((rawPart) => {
    const part = rawPart.trim();
    const equals = part.indexOf('=');
    if (equals < 0)
      throw new InvalidInputError(`parameter ${quote(part)} must be name=min:max:step or name=a|b`);
    const name = part.slice(0, equals).trim();
    const body = part.slice(equals + 1).trim();
    if (!NAME_PATTERN.test(name))
      throw new InvalidInputError(
        `parameter ${quote(part)}: name ${quote(name)} must be letters, digits, _ . -`,
      );
    if (names.has(name)) throw new InvalidInputError(`parameter ${quote(name)} is given twice`);
    names.add(name);
    if (body === '') throw new InvalidInputError(`parameter ${quote(part)}: value must not be empty`);
    return body.includes(':') && !body.includes('|')
      ? parseRange(name, body, part)
      : parseChoices(name, body, part);
  });
}

/** Grid points of a range: floor((max − min) / step) + 1, with a relative tolerance for decimal steps. */
function rangeCount(dimension: Extract<ParameterDimension, { kind: 'range' }>): number {
  return Math.floor((dimension.max - dimension.min) / dimension.step + 1e-9) + 1;
}

/** Number of grid values of one dimension. */
export function dimensionSize(dimension: ParameterDimension): number {
  return dimension.kind === 'range' ? rangeCount(dimension) : dimension.values.length;
}

/**
 * The k-th grid value of a dimension (0-based). Range values are min + k·step rounded to 12 significant digits
 * so decimal steps give the numbers users typed (0.1 + 2·0.1 → 0.3, not 0.30000000000000004); integer ranges
 * stay exact. Every search method builds values through here, so equal points are equal numbers.
 */
export function dimensionValue(dimension: ParameterDimension, k: number): ParameterValue {
  if (dimension.kind === 'choice') return dimension.values[k] as ParameterValue;
  const value = dimension.min + k * dimension.step;
  return dimension.integer ? value : Number(value.toPrecision(12));
}

/**
 * Grid index of a value of a dimension (nearest step for ranges, clamped; position for choices), or -1 when a
 * choice value is not in the list or a range value is not a finite number.
 */
export function dimensionIndex(dimension: ParameterDimension, value: ParameterValue | undefined): number {
  if (dimension.kind === 'choice') return value === undefined ? -1 : dimension.values.indexOf(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return -1;
  const k = Math.round((value - dimension.min) / dimension.step);
  return Math.min(Math.max(k, 0), rangeCount(dimension) - 1);
}

/** Number of grid combinations (the product of the dimensions' sizes); throws above 2^53. */
export function spaceSize(space: ParameterSpace): number {
  let size = 1;
  for (const dimension of space) size *= dimensionSize(dimension);
  if (size > Number.MAX_SAFE_INTEGER)
    throw new InvalidInputError(`parameter space has ${quote(size)} grid combinations, more than 2^53`);
  return size;
}

/** The params at per-dimension grid indices. */
export function paramsAt(space: ParameterSpace, indices: ArrayLike<number>): TrialParams {
  const params: Record<string, ParameterValue> = {};
  for (let d = 0; d < space.length; d++) {
    const dimension = space[d] as ParameterDimension;
    params[dimension.name] = dimensionValue(dimension, indices[d] as number);
  }
  return params;
}

/** Decodes a grid combination number (0 ≤ index < spaceSize) into per-dimension indices, last dimension fastest. */
export function gridIndices(
  space: ParameterSpace,
  index: number,
  out: Int32Array = new Int32Array(space.length),
): Int32Array {
  let rest = index;
  for (let d = space.length - 1; d >= 0; d--) {
    const size = dimensionSize(space[d] as ParameterDimension);
    out[d] = rest % size;
    rest = Math.floor(rest / size);
  }
  return out;
}

/** A canonical key of a point (its values in dimension order), for de-duplication and look-ups. */
export function paramsKey(space: ParameterSpace, params: TrialParams): string {
  return JSON.stringify(space.map((dimension) => params[dimension.name] ?? null));
}
