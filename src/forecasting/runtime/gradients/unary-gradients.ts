/**
 * Gradients of the element-wise unary kernels, ported from tfjs-core 4.22's src/gradients (Apache-2.0); see
 * broadcast-gradients.ts for why the runtime registers its own port.
 */
import * as tf from '@tensorflow/tfjs-core';

const float = (x: tf.Tensor): tf.Tensor => tf.cast(x, 'float32');
const first = (saved: tf.Tensor[]): tf.Tensor => saved[0] as tf.Tensor;

/** A rule d/dx f = dy · g(saved), with x (or y, when `fromOutput`) the only saved tensor. */
function unary(
  kernelName: string,
  derivative: (dy: tf.Tensor, saved: tf.Tensor) => tf.Tensor,
  fromOutput = false,
) {
  const config: tf.GradConfig = {
    kernelName,
    gradFunc: (dy, saved) => ({ x: () => derivative(dy as tf.Tensor, first(saved)) }),
  };
  return fromOutput ? { ...config, outputsToSave: [true] } : { ...config, inputsToSave: ['x'] };
}

export const UNARY_GRADIENTS: readonly tf.GradConfig[] = [
  { kernelName: tf.Neg, gradFunc: (dy) => ({ x: () => tf.neg(dy as tf.Tensor) }) },
  { kernelName: tf.Identity, gradFunc: (dy) => ({ x: () => float(dy as tf.Tensor) }) },
  { kernelName: tf.Cast, gradFunc: (dy) => ({ x: () => (dy as tf.Tensor).clone() }) },
  unary(tf.Abs, (dy, x) => tf.mul(dy, tf.step(float(x), -1))),
  unary(tf.Square, (dy, x) => tf.mul(dy, tf.mul(float(x), 2))),
  unary(tf.Sqrt, (dy, x) => tf.div(dy, tf.mul(tf.sqrt(float(x)), 2))),
  unary(tf.Rsqrt, (dy, x) => tf.neg(tf.div(dy, tf.mul(tf.pow(x, 1.5), 2)))),
  unary(tf.Reciprocal, (dy, x) => tf.div(dy, tf.neg(tf.square(x)))),
  unary(tf.Exp, (dy, y) => tf.mul(dy, y), true),
  unary(tf.Log, (dy, x) => tf.div(dy, float(x))),
  unary(tf.Log1p, (dy, x) => tf.div(dy, tf.add(x, 1))),
  unary(tf.Tanh, (dy, y) => tf.mul(tf.sub(1, tf.square(y)), dy), true),
  unary(tf.Sigmoid, (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y))), true),
  unary(tf.Softplus, (dy, x) => tf.mul(dy, tf.sigmoid(x))),
  unary(tf.Relu, (dy, x) => tf.mul(dy, float(tf.step(x)))),
  unary(tf.Sin, (dy, x) => tf.mul(tf.cos(float(x)), dy)),
  unary(tf.Cos, (dy, x) => tf.mul(tf.neg(tf.sin(float(x))), dy)),
  unary(tf.Erf, (dy, x) => tf.mul(dy, tf.mul(tf.exp(tf.neg(tf.square(x))), 2 / Math.sqrt(Math.PI)))),
  {
    kernelName: tf.LeakyRelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const alpha = (attrs as { alpha: number }).alpha;
      return {
        x: () => tf.where(tf.greater(first(saved), 0), dy as tf.Tensor, tf.mul(dy as tf.Tensor, alpha)),
      };
    },
  },
  {
    kernelName: tf.ClipByValue,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { clipValueMin, clipValueMax } = attrs as { clipValueMin: number; clipValueMax: number };
      const x = first(saved);
      const inside = tf.logicalAnd(tf.greaterEqual(x, clipValueMin), tf.lessEqual(x, clipValueMax));
      return { x: () => tf.where(inside, dy as tf.Tensor, tf.zerosLike(dy as tf.Tensor)) };
    },
  },
  {
    kernelName: tf.Select,
    inputsToSave: ['condition'],
    gradFunc: (dy, saved) => {
      const condition = first(saved);
      const gradient = dy as tf.Tensor;
      return {
        condition: () => float(tf.zerosLike(condition)),
        t: () => tf.mul(gradient, tf.cast(condition, gradient.dtype)),
        e: () => tf.mul(gradient, tf.cast(tf.logicalNot(condition), gradient.dtype)),
      };
    },
  },
];

/**
 * Kernels whose output is piecewise constant or boolean (comparisons, logic, rounding): zero gradient, as in
 * tfjs-core. They sit on the tape when a mask is computed from a variable (tf.where(tf.greater(x, 0), ...)),
 * so backpropagation needs a rule for them even though it contributes nothing.
 */
const ZERO_GRADIENT_BINARY = [
  tf.Greater,
  tf.GreaterEqual,
  tf.Less,
  tf.LessEqual,
  tf.Equal,
  tf.NotEqual,
  tf.LogicalAnd,
  tf.LogicalOr,
] as const;
const ZERO_GRADIENT_UNARY = [tf.LogicalNot, tf.Step, tf.Sign, tf.Floor, tf.Ceil, tf.Round] as const;

export const ZERO_GRADIENTS: readonly tf.GradConfig[] = [
  ...ZERO_GRADIENT_BINARY.map((kernelName): tf.GradConfig => ({
    kernelName,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return { a: () => tf.zeros(a.shape, 'float32'), b: () => tf.zeros(b.shape, 'float32') };
    },
  })),
  ...ZERO_GRADIENT_UNARY.map((kernelName): tf.GradConfig => ({
    kernelName,
    inputsToSave: ['x'],
    gradFunc: (_dy, saved) => ({ x: () => tf.zeros(first(saved).shape, 'float32') }),
  })),
];
