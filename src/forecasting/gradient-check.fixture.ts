import * as tf from '@tensorflow/tfjs-core';
import { SeededRng } from '../core/rng.js';

/**
 * Test fixture: compares the analytic gradients tfjs computes (tf.variableGrads, i.e. every customGrad and
 * autograd rule on the path) with central finite differences
 *   ∂L/∂θ_i ≈ (L(θ + ε e_i) - L(θ - ε e_i)) / 2ε
 * on a seeded sample of each variable's entries. The tensors are float32, so ε must be large enough that the
 * difference of two losses is not lost to rounding (about 1e-2 .. 1e-3 on small nets with O(1) losses) and the
 * comparison is relative: an entry passes when |analytic - numeric| <= tolerance · max(|analytic|, |numeric|)
 * + absoluteTolerance. Losses with kinks (ReLU, max, pinball) must keep points away from the kinks by more
 * than ε, or the check reports a mismatch there (that is the check working, not failing).
 */
export interface GradientCheckOptions {
  /** Finite-difference step; 1e-2 by default. */
  readonly epsilon?: number;
  /** Relative tolerance; 0.03 (3%) by default. */
  readonly tolerance?: number;
  /** Absolute slack for entries whose gradient is near zero; 1e-3 by default. */
  readonly absoluteTolerance?: number;
  /** Entries checked per variable (seeded sample when the variable is larger); 24 by default. */
  readonly entriesPerVariable?: number;
  /** Seed of the entry sample; 1 by default. */
  readonly seed?: number;
}

export interface GradientMismatch {
  readonly variable: number;
  readonly index: number;
  readonly analytic: number;
  readonly numeric: number;
}

export interface GradientCheckResult {
  readonly passed: boolean;
  /** Entries compared, over all variables. */
  readonly checked: number;
  /** Largest |analytic - numeric| / max(|analytic|, |numeric|, absoluteTolerance / tolerance). */
  readonly maxRelativeError: number;
  readonly mismatches: readonly GradientMismatch[];
}

function lossValue(lossFunction: () => tf.Scalar): number {
  return tf.tidy(() => lossFunction().dataSync()[0] as number);
}

function sampleIndices(size: number, count: number, rng: SeededRng): number[] {
  if (size <= count) return Array.from({ length: size }, (_, index) => index);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.int(0, size - 1));
  return [...chosen].sort((a, b) => a - b);
}

export function checkGradients(
  lossFunction: () => tf.Scalar,
  variables: readonly tf.Variable[],
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const epsilon = options.epsilon ?? 1e-2;
  const tolerance = options.tolerance ?? 0.03;
  const absoluteTolerance = options.absoluteTolerance ?? 1e-3;
  const entries = options.entriesPerVariable ?? 24;
  const rng = new SeededRng(options.seed ?? 1);

  // tidy returns tensors (it would scan returned arrays element by element); their data is read after.
  const gradients = tf.tidy(() => {
    const { grads } = tf.variableGrads(lossFunction, [...variables]);
    return variables.map((variable) => grads[variable.name] ?? tf.zeros(variable.shape));
  });
  const analytic = gradients.map((gradient) => (gradient.dataSync() as Float32Array).slice());
  tf.dispose(gradients);

  const mismatches: GradientMismatch[] = [];
  let checked = 0;
  let maxRelativeError = 0;
  variables.forEach((variable, variableIndex) => {
    const original = (variable.dataSync() as Float32Array).slice();
    const perturbed = original.slice();
    const assign = (): void =>
      tf.tidy(() => variable.assign(tf.tensor(perturbed, variable.shape, 'float32')));
    for (const index of sampleIndices(variable.size, entries, rng)) {
      const base = original[index] as number;
      perturbed[index] = base + epsilon;
      assign();
      const plus = lossValue(lossFunction);
      perturbed[index] = base - epsilon;
      assign();
      const minus = lossValue(lossFunction);
      perturbed[index] = base;
      // The perturbation actually applied is the float32 difference, not 2ε.
      const step = Math.fround(base + epsilon) - Math.fround(base - epsilon);
      const numeric = (plus - minus) / step;
      const exact = analytic[variableIndex]![index] as number;
      const scale = Math.max(Math.abs(exact), Math.abs(numeric), absoluteTolerance / tolerance);
      const relativeError = Math.abs(exact - numeric) / scale;
      maxRelativeError = Math.max(maxRelativeError, relativeError);
      if (
        Math.abs(exact - numeric) >
        tolerance * Math.max(Math.abs(exact), Math.abs(numeric)) + absoluteTolerance
      ) {
        mismatches.push({ variable: variableIndex, index, analytic: exact, numeric });
      }
      checked++;
    }
    assign();
  });
  return { passed: mismatches.length === 0, checked, maxRelativeError, mismatches };
}
