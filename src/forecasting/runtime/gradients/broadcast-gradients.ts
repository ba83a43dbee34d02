/**
 * Gradients of the broadcasting binary kernels, ported from tfjs-core 4.22's src/gradients (Apache-2.0).
 * tfjs-core ships these only as ES modules with extension-less imports (dist/gradients/*.js), which Node cannot
 * load, and its Node bundle (dist/tf-core.node.js) registers none; the `@tensorflow/tfjs` union package is
 * what normally registers them. So the runtime registers this port (runtime/register-gradients.ts), each rule
 * checked against finite differences in gradients.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';

const { assertAndGetBroadcastShape, getReductionAxes } = tf.backend_util;

/** Sums a broadcast gradient back over the axes `shape` was broadcast along, then restores `shape`. */
export function unbroadcast(gradient: tf.Tensor, shape: number[], outShape: number[]): tf.Tensor {
  const axes = getReductionAxes(shape, outShape);
  return tf.reshape(axes.length > 0 ? tf.sum(gradient, axes) : gradient, shape);
}

function savedPair(saved: tf.Tensor[]): [tf.Tensor, tf.Tensor, number[]] {
  const [a, b] = saved as [tf.Tensor, tf.Tensor];
  return [a, b, assertAndGetBroadcastShape(a.shape, b.shape)];
}

const float = (x: tf.Tensor): tf.Tensor => tf.cast(x, 'float32');

export const BROADCAST_GRADIENTS: readonly tf.GradConfig[] = [
  {
    kernelName: tf.Add,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(dy as tf.Tensor, a.shape, out),
        b: () => unbroadcast(dy as tf.Tensor, b.shape, out),
      };
    },
  },
  {
    kernelName: tf.Sub,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(dy as tf.Tensor, a.shape, out),
        b: () => tf.neg(unbroadcast(dy as tf.Tensor, b.shape, out)),
      };
    },
  },
  {
    kernelName: tf.Multiply,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(tf.mul(dy as tf.Tensor, float(b)), a.shape, out),
        b: () => unbroadcast(tf.mul(dy as tf.Tensor, float(a)), b.shape, out),
      };
    },
  },
  {
    kernelName: tf.RealDiv,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(tf.div(dy as tf.Tensor, float(b)), a.shape, out),
        b: () =>
          tf.neg(tf.div(unbroadcast(tf.mul(dy as tf.Tensor, float(a)), b.shape, out), float(tf.square(b)))),
      };
    },
  },
  {
    kernelName: tf.Maximum,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(tf.mul(dy as tf.Tensor, float(tf.greaterEqual(a, b))), a.shape, out),
        b: () => unbroadcast(tf.mul(dy as tf.Tensor, float(tf.less(a, b))), b.shape, out),
      };
    },
  },
  {
    kernelName: tf.Minimum,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      return {
        a: () => unbroadcast(tf.mul(dy as tf.Tensor, float(tf.lessEqual(a, b))), a.shape, out),
        b: () => unbroadcast(tf.mul(dy as tf.Tensor, float(tf.greater(a, b))), b.shape, out),
      };
    },
  },
  {
    kernelName: tf.SquaredDifference,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b, out] = savedPair(saved);
      const twice = (x: tf.Tensor, y: tf.Tensor): tf.Tensor =>
        tf.mul(dy as tf.Tensor, tf.mul(2, tf.sub(x, y)));
      return {
        a: () => unbroadcast(twice(a, b), a.shape, out),
        b: () => unbroadcast(twice(b, a), b.shape, out),
      };
    },
  },
  {
    kernelName: tf.Pow,
    inputsToSave: ['a', 'b'],
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [base, exponent, out] = savedPair(saved);
      const y = saved[2] as tf.Tensor;
      return {
        a: () => {
          const power = float(exponent);
          return unbroadcast(
            tf.mul(dy as tf.Tensor, tf.mul(power, tf.pow(base, tf.sub(power, 1)))),
            base.shape,
            out,
          );
        },
        b: () => {
          const logBase = tf.where(tf.greater(base, 0), tf.log(base), tf.zerosLike(base));
          return unbroadcast(tf.mul(dy as tf.Tensor, tf.mul(y, logBase)), exponent.shape, out);
        },
      };
    },
  },
  {
    kernelName: tf.AddN,
    saveAllInputs: true,
    gradFunc: (dy, saved) => {
      const gradients: Record<string, () => tf.Tensor> = {};
      saved.forEach((_, index) => {
        gradients[index] = () => (dy as tf.Tensor).clone();
      });
      return gradients;
    },
  },
];
