/**
 * Gradients of the kernels that move values without changing them (reshape, transpose, concat, slice, pad,
 * tile, stack, split, reverse), ported from tfjs-core 4.22's src/gradients (Apache-2.0); see
 * broadcast-gradients.ts for why the runtime registers its own port. Tile's rule is a reshape + sum over the
 * repeat axes (any rank) where tfjs-core slices and adds tile by tile (rank <= 4): the same values.
 */
import * as tf from '@tensorflow/tfjs-core';

const first = (saved: tf.Tensor[]): tf.Tensor => saved[0] as tf.Tensor;

/** Gradients of a kernel whose inputs are a list (concat, stack): keyed by input position. */
function byPosition(parts: tf.Tensor[]): Record<string, () => tf.Tensor> {
  return Object.fromEntries(parts.map((part, index) => [String(index), () => part]));
}

export const SHAPE_GRADIENTS: readonly tf.GradConfig[] = [
  {
    kernelName: tf.Reshape,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => tf.reshape(dy as tf.Tensor, first(saved).shape) }),
  },
  {
    kernelName: tf.ExpandDims,
    inputsToSave: ['input'],
    gradFunc: (dy, saved) => ({ input: () => tf.reshape(dy as tf.Tensor, first(saved).shape) }),
  },
  {
    kernelName: tf.Transpose,
    gradFunc: (dy, _saved, attrs) => {
      const { perm } = attrs as unknown as tf.TransposeAttrs;
      return { x: () => tf.transpose(dy as tf.Tensor, tf.backend_util.getUndoAxesPermutation(perm)) };
    },
  },
  {
    kernelName: tf.Concat,
    saveAllInputs: true,
    gradFunc: (dy, saved, attrs) => {
      const { axis } = attrs as unknown as tf.ConcatAttrs;
      const concatAxis = tf.util.parseAxisParam(axis, first(saved).shape)[0] as number;
      const parts = tf.split(
        dy as tf.Tensor,
        saved.map((tensor) => tensor.shape[concatAxis] as number),
        concatAxis,
      );
      return byPosition(parts);
    },
  },
  {
    kernelName: tf.Slice,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const x = first(saved);
      const { begin, size } = attrs as unknown as tf.SliceAttrs;
      const [starts, sizes] = tf.slice_util.parseSliceParams(x, begin, size) as [number[], number[]];
      const paddings = x.shape.map((extent, axis): [number, number] => {
        const start = starts[axis] as number;
        return [start, extent - start - (sizes[axis] as number)];
      });
      return { x: () => tf.pad(dy as tf.Tensor, paddings) };
    },
  },
  {
    kernelName: tf.PadV2,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { paddings } = attrs as unknown as tf.PadV2Attrs;
      return {
        x: () =>
          tf.slice(
            dy as tf.Tensor,
            paddings.map((pair) => pair[0]),
            first(saved).shape,
          ),
      };
    },
  },
  {
    kernelName: tf.Tile,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const x = first(saved);
      const { reps } = attrs as unknown as tf.TileAttrs;
      // dy has shape [r0·s0, r1·s1, ...]: view it as [r0, s0, r1, s1, ...] and sum the repeat axes 0, 2, 4 ...
      const split = x.shape.flatMap((extent, axis) => [reps[axis] as number, extent]);
      const repeatAxes = x.shape.map((_, axis) => 2 * axis);
      return { x: () => tf.sum(tf.reshape(dy as tf.Tensor, split), repeatAxes) };
    },
  },
  {
    kernelName: tf.Pack,
    saveAllInputs: true,
    gradFunc: (dy, _saved, attrs) => {
      const { axis } = attrs as unknown as tf.PackAttrs;
      return byPosition(tf.unstack(dy as tf.Tensor, axis));
    },
  },
  {
    kernelName: tf.Unpack,
    gradFunc: (dy, _saved, attrs) => {
      const { axis } = attrs as unknown as tf.UnpackAttrs;
      return { value: () => tf.stack(dy as tf.Tensor[], axis) };
    },
  },
  {
    kernelName: tf.SplitV,
    gradFunc: (dy, _saved, attrs) => {
      const { axis } = attrs as unknown as tf.SplitVAttrs;
      return { x: () => tf.concat(dy as tf.Tensor[], axis) };
    },
  },
  {
    kernelName: tf.Reverse,
    gradFunc: (dy, _saved, attrs) => {
      const { dims } = attrs as unknown as tf.ReverseAttrs;
      const gradient = dy as tf.Tensor;
      return { x: () => tf.reverse(gradient, tf.util.parseAxisParam(dims, gradient.shape)) };
    },
  },
];
