import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../../core/rng.js';
import { checkGradients } from '../../gradient-check.fixture.js';
import { GRADIENT_CONFIGS, registerGradients } from '../register-gradients.js';
import { initTensorRuntime } from '../tensor-runtime.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const rng = new SeededRng(42);
/** Values in ±[0.3, 1.3]: away from 0, where abs, relu, step and the like have kinks. */
function values(size: number): number[] {
  return Array.from({ length: size }, () => (rng.next() < 0.5 ? -1 : 1) * (0.3 + rng.next()));
}
function variable(shape: number[], init?: 'positive' | number[]): tf.Variable {
  const size = shape.reduce((product, extent) => product * extent, 1);
  if (Array.isArray(init)) return tf.variable(tf.tensor(init, shape));
  const data = values(size).map((value) => (init === 'positive' ? Math.abs(value) + 0.2 : value));
  return tf.variable(tf.tensor(data, shape));
}
/** A fixed random weighting, so that every output element contributes a distinct coefficient to the loss. */
function weighted(output: tf.Tensor): tf.Scalar {
  const weights = tf.tensor(
    Array.from({ length: output.size }, (_, index) => Math.sin(index + 1)),
    output.shape,
  );
  return tf.sum(tf.mul(output, weights));
}

type Case = readonly [
  kernels: string,
  shapes: number[][],
  loss: (v: tf.Variable[]) => tf.Tensor,
  init?: 'positive' | number[][],
];
/** Distinct values 0.1 apart (a permutation of -0.55 .. 0.55), so no max or min sits within ε of a tie. */
const separated = [3, -2, 5, 0, -5, 1, 4, -1, -4, 2, -3, -6].map((k) => k / 10 + 0.05);
const cases: Case[] = [
  ['Add/Sub/Multiply (broadcast)', [[2, 3], [3]], ([a, b]) => tf.mul(tf.add(a!, b!), tf.sub(a!, b!))],
  [
    'RealDiv (broadcast)',
    [
      [2, 3],
      [2, 1],
    ],
    ([a, b]) => tf.div(a!, b!),
  ],
  ['Maximum/Minimum', [[6], [6]], ([a, b]) => tf.add(tf.maximum(a!, b!), tf.mul(2, tf.minimum(a!, b!)))],
  ['SquaredDifference', [[2, 2], [2]], ([a, b]) => tf.squaredDifference(a!, b!)],
  ['Pow', [[4], [4]], ([a, b]) => tf.pow(a!, b!), 'positive'],
  ['AddN', [[3], [3], [3]], ([a, b, c]) => tf.addN([a!, tf.mul(b!, b!), c!])],
  ['Neg/Abs/Square', [[5]], ([a]) => tf.add(tf.neg(tf.abs(a!)), tf.square(a!))],
  [
    'Sqrt/Rsqrt/Reciprocal/Log/Log1p',
    [[4]],
    ([a]) => tf.addN([tf.sqrt(a!), tf.rsqrt(a!), tf.reciprocal(a!), tf.log(a!), tf.log1p(a!)]),
    'positive',
  ],
  [
    'Exp/Tanh/Sigmoid/Softplus',
    [[5]],
    ([a]) => tf.addN([tf.exp(a!), tf.tanh(a!), tf.sigmoid(a!), tf.softplus(a!)]),
  ],
  ['Relu/LeakyRelu', [[6]], ([a]) => tf.add(tf.relu(a!), tf.leakyRelu(a!, 0.2))],
  ['Sin/Cos/Erf', [[5]], ([a]) => tf.addN([tf.sin(a!), tf.cos(a!), tf.erf(a!)])],
  ['Cast/Identity', [[3]], ([a]) => tf.mul(tf.cast(a!, 'float32'), tf.clone(a!))],
  ['ClipByValue', [[6]], ([a]) => tf.clipByValue(a!, -1, 1)],
  ['Select', [[6], [6]], ([a, b]) => tf.where(tf.greater(a!, 0), a!, tf.mul(b!, 3))],
  [
    'comparisons, logic and rounding (zero)',
    [[6], [6]],
    ([a, b]) =>
      tf.addN([
        tf.mul(
          a!,
          tf.cast(
            tf.logicalOr(
              tf.logicalAnd(tf.greaterEqual(a!, b!), tf.lessEqual(a!, 2)),
              tf.logicalNot(tf.notEqual(a!, b!)),
            ),
            'float32',
          ),
        ),
        tf.mul(b!, tf.cast(tf.logicalOr(tf.less(a!, b!), tf.equal(a!, b!)), 'float32')),
        tf.floor(a!),
        tf.ceil(b!),
        tf.round(a!),
        tf.sign(b!),
        tf.step(a!),
      ]),
    // away from every jump: integers, half-integers, 0, 2 and a = b
    [
      [0.2, -0.3, 0.7, -0.8, 1.2, -1.3],
      [0.35, -0.15, 0.65, -0.65, 1.35, -1.15],
    ],
  ],
  [
    'Reshape/ExpandDims/Transpose',
    [[2, 3, 4]],
    ([a]) => tf.transpose(tf.expandDims(tf.reshape(a!, [6, 4]), 1), [2, 1, 0]),
  ],
  [
    'Concat/Slice',
    [
      [2, 3],
      [2, 2],
    ],
    ([a, b]) => tf.slice(tf.concat([a!, b!], 1), [0, 1], [2, 3]),
  ],
  [
    'PadV2',
    [[2, 3]],
    ([a]) =>
      tf.pad(
        a!,
        [
          [1, 0],
          [0, 2],
        ],
        -5,
      ),
  ],
  ['Tile', [[2, 3]], ([a]) => tf.tile(a!, [2, 3])],
  [
    'Pack/Unpack',
    [
      [2, 3],
      [2, 3],
    ],
    ([a, b]) => tf.stack([...tf.unstack(a!, 1), tf.reshape(tf.slice(b!, [0, 0], [2, 1]), [2])], 0),
  ],
  ['SplitV', [[4, 3]], ([a]) => tf.mul(tf.split(a!, [1, 3], 0)[1]!, 2)],
  ['BroadcastTo (runs the Tile kernel)', [[1, 3]], ([a]) => tf.broadcastTo(a!, [4, 3])],
  ['Reverse', [[3, 2]], ([a]) => tf.mul(tf.reverse(a!, 0), a!)],
  ['Sum/Mean', [[3, 4]], ([a]) => tf.add(tf.square(tf.sum(a!, 1, true)), tf.mean(tf.square(a!), 0))],
  ['Max/Min', [[3, 4]], ([a]) => tf.add(tf.max(a!, 1, true), tf.min(a!, 0)), [separated]],
  [
    'Softmax (and logSoftmax, a tfjs custom gradient)',
    [[2, 4]],
    ([a]) => tf.add(tf.softmax(a!), tf.logSoftmax(a!)),
  ],
  [
    'BatchMatMul ab',
    [
      [2, 3],
      [3, 2],
    ],
    ([a, b]) => tf.matMul(a!, b!),
  ],
  [
    'BatchMatMul aTb',
    [
      [3, 2],
      [3, 2],
    ],
    ([a, b]) => tf.matMul(a!, b!, true, false),
  ],
  [
    'BatchMatMul abT',
    [
      [2, 3],
      [2, 3],
    ],
    ([a, b]) => tf.matMul(a!, b!, false, true),
  ],
  [
    'BatchMatMul aTbT (batched)',
    [
      [2, 3, 2],
      [2, 2, 3],
    ],
    ([a, b]) => tf.matMul(a!, b!, true, true),
  ],
];

describe('registered gradient rules', () => {
  it('register once: a second call registers nothing', () => {
    expect(registerGradients()).toEqual([]);
    for (const config of GRADIENT_CONFIGS) expect(tf.getGradient(config.kernelName)).toBeDefined();
  });

  for (const [name, shapes, loss, init] of cases) {
    it(`${name} agree with finite differences`, () => {
      const variables = shapes.map((shape, index) =>
        variable(shape, Array.isArray(init) ? init[index] : init),
      );
      const result = checkGradients(() => weighted(loss(variables)), variables, { epsilon: 1e-2 });
      expect(result.mismatches).toEqual([]);
      expect(result.checked).toBe(
        shapes.reduce(
          (sum, shape) =>
            sum +
            Math.min(
              24,
              shape.reduce((p, e) => p * e, 1),
            ),
          0,
        ),
      );
      tf.dispose(variables);
    });
  }
});
