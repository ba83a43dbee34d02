/**
 * Gradients of reductions, softmax and batched matrix products, ported from tfjs-core 4.22's src/gradients
 * (Apache-2.0); see broadcast-gradients.ts for why the runtime registers its own port. Max and min send the
 * gradient to every input equal to the extreme (ties share it), as tfjs-core does.
 */
import * as tf from '@tensorflow/tfjs-core';

const first = (saved: tf.Tensor[]): tf.Tensor => saved[0] as tf.Tensor;

/** dy of a reduction over `axes` of x, reshaped so that it broadcasts against x (the reduced axes kept as 1). */
function keepReducedAxes(dy: tf.Tensor, xShape: number[], axes: number[]): tf.Tensor {
  const shape = xShape.slice();
  for (const axis of axes) shape[axis] = 1;
  return tf.reshape(dy, shape);
}

function extremeGradient(dy: tf.Tensor, saved: tf.Tensor[], axis: number | number[]): tf.Tensor {
  const [x, y] = saved as [tf.Tensor, tf.Tensor];
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const extreme = keepReducedAxes(y, x.shape, axes);
  return tf.mul(keepReducedAxes(dy, x.shape, axes), tf.cast(tf.equal(x, extreme), dy.dtype));
}

export const REDUCTION_GRADIENTS: readonly tf.GradConfig[] = [
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const x = first(saved);
      const axes = tf.util.parseAxisParam((attrs as unknown as tf.SumAttrs).axis, x.shape);
      return {
        x: () => tf.mul(keepReducedAxes(dy as tf.Tensor, x.shape, axes), tf.ones(x.shape, 'float32')),
      };
    },
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const x = first(saved);
      const axes = tf.util.parseAxisParam((attrs as unknown as tf.MeanAttrs).axis, x.shape);
      const count = axes.reduce((product, axis) => product * (x.shape[axis] as number), 1);
      return {
        x: () =>
          tf.div(tf.mul(keepReducedAxes(dy as tf.Tensor, x.shape, axes), tf.ones(x.shape, 'float32')), count),
      };
    },
  },
  {
    kernelName: tf.Max,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => ({
      x: () => extremeGradient(dy as tf.Tensor, saved, (attrs as unknown as tf.MaxAttrs).reductionIndices),
    }),
  },
  {
    kernelName: tf.Min,
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => ({
      x: () => extremeGradient(dy as tf.Tensor, saved, (attrs as unknown as tf.MinAttrs).axis),
    }),
  },
  {
    kernelName: tf.Softmax,
    outputsToSave: [true],
    gradFunc: (dy, saved, attrs) => {
      const y = first(saved);
      const { dim } = attrs as unknown as tf.SoftmaxAttrs;
      const dyTimesY = tf.mul(dy as tf.Tensor, y);
      return { logits: () => tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y)) };
    },
  },
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const gradient = dy as tf.Tensor;
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      if (!transposeA && !transposeB) {
        return { a: () => tf.matMul(gradient, b, false, true), b: () => tf.matMul(a, gradient, true, false) };
      }
      if (!transposeA && transposeB) {
        return {
          a: () => tf.matMul(gradient, b, false, false),
          b: () => tf.matMul(gradient, a, true, false),
        };
      }
      if (transposeA && !transposeB) {
        return {
          a: () => tf.matMul(b, gradient, false, true),
          b: () => tf.matMul(a, gradient, false, false),
        };
      }
      return { a: () => tf.matMul(b, gradient, true, true), b: () => tf.matMul(gradient, a, true, true) };
    },
  },
];
