import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';
import { POOLING_MODES } from '../layers/pooling.js';

/**
 * NHITS hyperparameters, named after neuralforecast's NHITS arguments (camelCase) with its defaults:
 * - `blocksPerStack` (n_blocks) [1, 1, 1]: three stacks of one block;
 * - `mlpUnits` (mlp_units) 3 × [512, 512]: the MLP of every block, in neuralforecast's layout: a first linear
 *   projection to mlpUnits[0][0] units without activation, then one Linear(a, b) + ReLU (+ dropout) per pair
 *   [a, b], then the linear output to θ. The default is thus 3 hidden 512 × 512 layers after the projection;
 *   each pair's input must equal the previous output;
 * - `poolingKernelSizes` (n_pool_kernel_size) [2, 2, 1] and `frequencyDownsample` (n_freq_downsample)
 *   [4, 2, 1], one entry per stack;
 * - `poolingMode` (pooling_mode) `max` (MaxPool1d) or `mean` (AvgPool1d);
 * - `dropout` (dropout_prob_theta) 0, applied after each hidden activation while training only.
 * Linear interpolation (interpolation_mode='linear') and ReLU are fixed: neuralforecast's defaults.
 */
const positiveInteger = z.number().int().min(1);

export const NHITS_HYPERPARAMETERS_SCHEMA = z
  .object({
    blocksPerStack: z.array(positiveInteger.max(16)).min(1).max(16).default([1, 1, 1]),
    mlpUnits: z
      .array(z.tuple([positiveInteger.max(8192), positiveInteger.max(8192)]))
      .min(1)
      .max(16)
      .default([
        [512, 512],
        [512, 512],
        [512, 512],
      ]),
    poolingKernelSizes: z.array(positiveInteger.max(1024)).min(1).default([2, 2, 1]),
    frequencyDownsample: z.array(positiveInteger.max(1024)).min(1).default([4, 2, 1]),
    poolingMode: z.enum(POOLING_MODES).default('max'),
    dropout: z.number().min(0).lt(1).default(0),
  })
  .strict();

export type NhitsHyperparameters = z.output<typeof NHITS_HYPERPARAMETERS_SCHEMA>;
export type NhitsHyperparametersInput = z.input<typeof NHITS_HYPERPARAMETERS_SCHEMA>;

/** Parses and cross-checks hyperparameters; every problem names its field and quotes the value given. */
export function parseNhitsHyperparameters(input: unknown): NhitsHyperparameters {
  const parsed = NHITS_HYPERPARAMETERS_SCHEMA.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      let value: unknown = input;
      for (const key of issue.path) {
        value =
          value !== null && typeof value === 'object'
            ? (value as Record<PropertyKey, unknown>)[key]
            : undefined;
      }
      const field = issue.path.length === 0 ? 's' : ` ${issue.path.join('.')}`;
      return `nhits hyperparameter${field} ${quote(value)}: ${issue.message}`;
    });
    throw new InvalidInputError(problems.join('; '));
  }
  const hyperparameters = parsed.data;
  const stacks = hyperparameters.blocksPerStack.length;
  for (const field of ['poolingKernelSizes', 'frequencyDownsample'] as const) {
    if (hyperparameters[field].length !== stacks) {
      throw new InvalidInputError(
        `nhits hyperparameter ${field} ${quote(hyperparameters[field])} must have one entry per stack (${stacks}, as blocksPerStack)`,
      );
    }
  }
  hyperparameters.mlpUnits.forEach((pair, index) => {
    const previous = index === 0 ? pair[0] : (hyperparameters.mlpUnits[index - 1] as [number, number])[1];
    if (pair[0] !== previous) {
      throw new InvalidInputError(
        `nhits hyperparameter mlpUnits.${index} ${quote(pair)} must take ${previous} inputs (the previous layer's output)`,
      );
    }
  });
  return hyperparameters;
}

/** Checks the network shape: input size >= 1, horizon 1..720 (the issue's range), channels >= 1, quantiles. */
export function validateNhitsShape(shape: NeuralNetworkShape): void {
  const counts: Array<[string, number, number]> = [
    ['inputSize', shape.inputSize, 100_000],
    ['horizon', shape.horizon, 720],
    ['channels', shape.channels, 1_000],
  ];
  for (const [field, value, maximum] of counts) {
    if (!(Number.isInteger(value) && value >= 1 && value <= maximum)) {
      throw new InvalidInputError(
        `nhits shape ${field} ${quote(value)} must be an integer in [1, ${maximum}]`,
      );
    }
  }
  const levels = shape.quantiles;
  if (levels.length === 0)
    throw new InvalidInputError(`nhits shape quantiles ${quote(levels)} must not be empty`);
  levels.forEach((level, index) => {
    const previous = index === 0 ? 0 : (levels[index - 1] as number);
    if (!(level > previous && level < 1)) {
      throw new InvalidInputError(
        `nhits shape quantiles ${quote(levels)}: level ${quote(level)} must be in (0, 1) and above the previous one`,
      );
    }
  });
}

/**
 * Forecast knots of a block: ceil(h / r) for downsampling ratio r, the dimension of θ^f in Challu et al.
 * (2023). neuralforecast sizes it max(floor(h / r), 1); the two agree whenever r divides h (the defaults with
 * h = 12, 24, 48 ...) and whenever h < r.
 */
export function forecastKnots(horizon: number, downsample: number): number {
  return Math.max(1, Math.ceil(horizon / downsample));
}
