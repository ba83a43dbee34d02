import * as tf from '@tensorflow/tfjs-core';

/** √(2/π), the constant of the tanh approximation of GELU. */
const SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * GELU (Hendrycks & Gimpel 2016) in its tanh approximation, PyTorch's `gelu(approximate='tanh')` and the form
 * BERT and GPT-2 trained with:
 *   gelu(x) ≈ 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))) = x · σ(2√(2/π) (x + 0.044715 x³)),
 * the right-hand form by the identity 0.5 (1 + tanh u) = σ(2u). It is computed through σ because on the wasm
 * backend tf.tanh and tf.erf (for the exact GELU) are scalar loops, about 4x slower than the vectorised
 * sigmoid. The approximation differs from the exact x·Φ(x) by less than 5e-4 everywhere. Smooth, so finite-
 * difference gradient checks hold at every point (unlike ReLU at 0).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.square(x), x), 0.044715)), 2 * SQRT_TWO_OVER_PI);
  return tf.mul(x, tf.sigmoid(inner));
}
