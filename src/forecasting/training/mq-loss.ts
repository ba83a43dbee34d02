import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Multi-quantile loss (neuralforecast's MQLoss): the pinball (quantile) loss averaged over the batch, the
 * horizon steps and the quantile levels,
 *   MQL = mean_{b,t,q} ρ_q(y_{b,t} - ŷ_{b,t,q}),   ρ_q(u) = max(q·u, (q - 1)·u),
 * which is minimised when ŷ_q is the q-quantile of y's distribution, so one network learns the median and
 * every interval bound together. forecast [batch, horizon, Q], target [batch, horizon].
 */
export function multiQuantileLoss(
  forecast: tf.Tensor,
  target: tf.Tensor,
  quantiles: readonly number[],
): tf.Scalar {
  const [batch, horizon, levels] = forecast.shape;
  if (forecast.rank !== 3 || levels !== quantiles.length) {
    throw new InvalidInputError(
      `MQLoss forecast shape ${quote(forecast.shape)} must be [batch, horizon, ${quantiles.length}]`,
    );
  }
  if (target.rank !== 2 || target.shape[0] !== batch || target.shape[1] !== horizon) {
    throw new InvalidInputError(`MQLoss target shape ${quote(target.shape)} must be [${batch}, ${horizon}]`);
  }
  return tf.tidy(() => {
    const error = tf.sub(tf.reshape(target, [batch, horizon as number, 1]), forecast);
    const upper = tf.tensor3d([...quantiles], [1, 1, levels]);
    const lower = tf.tensor3d(
      quantiles.map((level) => level - 1),
      [1, 1, levels],
    );
    return tf.mean(tf.maximum(tf.mul(upper, error), tf.mul(lower, error)));
  });
}
