import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Binary weights of a network: a small header, then every variable's values as float32 little-endian, in the
 * network's variable order (NeuralNetwork.variables).
 *   bytes 0..3  "NTW1" (format tag)
 *   uint32 LE   variable count V
 *   V times:    uint32 LE rank r, then r × uint32 LE dimensions
 *   then        the values of variable 0, 1, ... V-1 (row-major float32 LE)
 * The header lets a load refuse weights that do not fit the network it rebuilt, naming the first variable
 * whose shape differs, instead of silently misreading them.
 */
const TAG = [0x4e, 0x54, 0x57, 0x31]; // "NTW1"
/** On a little-endian host (every platform Node ships for) float32 arrays are copied byte for byte. */
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface StoredWeights {
  readonly shapes: number[][];
  readonly values: Float32Array[];
}

/** Serialises the variables' current values. */
export function serializeWeights(variables: readonly tf.Variable[]): Uint8Array {
  const headerWords = 1 + variables.reduce((sum, variable) => sum + 1 + variable.rank, 0);
  const valueCount = variables.reduce((sum, variable) => sum + variable.size, 0);
  const bytes = new Uint8Array(4 + 4 * headerWords + 4 * valueCount);
  bytes.set(TAG, 0);
  const view = new DataView(bytes.buffer);
  let offset = 4;
  const word = (value: number): void => {
    view.setUint32(offset, value, true);
    offset += 4;
  };
  word(variables.length);
  for (const variable of variables) {
    word(variable.rank);
    for (const extent of variable.shape) word(extent);
  }
  for (const variable of variables) {
    const values = variable.dataSync() as Float32Array;
    if (LITTLE_ENDIAN_HOST) {
      bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
      offset += values.byteLength;
    } else {
      for (const value of values) {
        view.setFloat32(offset, value, true);
        offset += 4;
      }
    }
  }
  return bytes;
}

/** Parses serialised weights, refusing truncated or foreign bytes. */
export function deserializeWeights(bytes: Uint8Array): StoredWeights {
  if (bytes.length < 8 || TAG.some((value, index) => bytes[index] !== value)) {
    throw new InvalidInputError('weights do not start with the "NTW1" tag: not a Neural Trader weights blob');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 4;
  const word = (): number => {
    if (offset + 4 > bytes.length)
      throw new InvalidInputError(`weights header is truncated at byte ${offset}`);
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };
  const count = word();
  const shapes: number[][] = [];
  for (let v = 0; v < count; v++) {
    const rank = word();
    shapes.push(Array.from({ length: rank }, word));
  }
  const sizes = shapes.map((shape) => shape.reduce((product, extent) => product * extent, 1));
  const expected = offset + 4 * sizes.reduce((sum, size) => sum + size, 0);
  if (bytes.length !== expected) {
    throw new InvalidInputError(`weights hold ${bytes.length} bytes, their header describes ${expected}`);
  }
  const values = sizes.map((size) => {
    if (LITTLE_ENDIAN_HOST) {
      const array = new Float32Array(bytes.slice(offset, offset + 4 * size).buffer);
      offset += 4 * size;
      return array;
    }
    const array = new Float32Array(size);
    for (let i = 0; i < size; i++, offset += 4) array[i] = view.getFloat32(offset, true);
    return array;
  });
  return { shapes, values };
}

/** Throws unless `stored` has exactly the expected shapes, naming the first difference. */
export function checkWeightShapes(stored: StoredWeights, expected: ReadonlyArray<readonly number[]>): void {
  if (stored.shapes.length !== expected.length) {
    throw new InvalidInputError(
      `weights hold ${stored.shapes.length} variables, the network has ${expected.length}`,
    );
  }
  stored.shapes.forEach((shape, index) => {
    const want = expected[index] as readonly number[];
    if (shape.length !== want.length || shape.some((extent, axis) => extent !== want[axis])) {
      throw new InvalidInputError(
        `weights variable ${index} has shape ${quote(shape)}, the network expects ${quote(want)}`,
      );
    }
  });
}

/** Loads serialised weights into the variables (same order), after checking every shape. */
export function loadWeights(variables: readonly tf.Variable[], bytes: Uint8Array): void {
  const stored = deserializeWeights(bytes);
  checkWeightShapes(
    stored,
    variables.map((variable) => variable.shape),
  );
  variables.forEach((variable, index) => {
    tf.tidy(() =>
      variable.assign(tf.tensor(stored.values[index] as Float32Array, variable.shape, 'float32')),
    );
  });
}
