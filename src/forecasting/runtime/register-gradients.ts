import * as tf from '@tensorflow/tfjs-core';
import { BROADCAST_GRADIENTS } from './gradients/broadcast-gradients.js';
import { REDUCTION_GRADIENTS } from './gradients/reduction-gradients.js';
import { SHAPE_GRADIENTS } from './gradients/shape-gradients.js';
import { UNARY_GRADIENTS, ZERO_GRADIENTS } from './gradients/unary-gradients.js';

/** Every gradient rule of the port, by group (see gradients/broadcast-gradients.ts for why there is a port). */
export const GRADIENT_CONFIGS: readonly tf.GradConfig[] = [
  ...BROADCAST_GRADIENTS,
  ...UNARY_GRADIENTS,
  ...ZERO_GRADIENTS,
  ...SHAPE_GRADIENTS,
  ...REDUCTION_GRADIENTS,
];

/**
 * Registers the ported gradient rules for every kernel that has none yet, and returns the kernel names it
 * registered. A rule already present (tfjs's own, should `@tensorflow/tfjs` ever be loaded in the same
 * process) is kept: registering over it would make tfjs print an "Overriding the gradient" warning.
 * Idempotent: a second call registers nothing.
 */
export function registerGradients(): string[] {
  const registered: string[] = [];
  for (const config of GRADIENT_CONFIGS) {
    if (tf.getGradient(config.kernelName) != null) continue;
    tf.registerGradient(config);
    registered.push(config.kernelName);
  }
  return registered;
}
