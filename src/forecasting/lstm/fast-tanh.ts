import * as tf from '@tensorflow/tfjs-core';

/**
 * tanh(x) computed as 2σ(2x) - 1 (an identity), with the gradient 1 - tanh²(x) written by hand.
 *
 * Why: on the wasm backend `tf.tanh` is a scalar loop, about 4x slower than the vectorised `tf.sigmoid`
 * (measured on the project VM: 26 ms against 5.5 ms for 786K floats; 2σ(2x) - 1 with its three extra
 * elementwise ops takes ~7 ms). The LSTM applies tanh twice per cell step, where it dominated batch-256
 * inference. In float32 the identity is exact to within ~1e-7 (absolute; the loss of relative precision
 * near 0 is below what the models resolve). The gradient is taken from the output y: dy · (1 - y²), the same
 * rule tf.tanh uses, so backpropagation costs no more than with tf.tanh.
 */
export const fastTanh: (x: tf.Tensor) => tf.Tensor = tf.customGrad<tf.Tensor>((...inputs) => {
  const [x, save] = inputs as [tf.Tensor, tf.GradSaveFunc];
  const value = tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
  save([value]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [y] = saved as [tf.Tensor];
      return [tf.mul(dy, tf.sub(1, tf.square(y)))];
    },
  };
});
