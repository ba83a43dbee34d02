import { z } from 'zod';
import { SCALER_KINDS } from '../../forecasting/training/scalers.js';
import type { TrainingOptions } from '../../forecasting/training/train-network.js';

/**
 * Request fields shared by the use cases that train networks (train, evaluate, update, tune). Absent training
 * settings fall back to trainNetwork's defaults, which are neuralforecast's (1000 steps, batches of 1024
 * windows, learning rate 1e-3, three halvings); the scaler defaults to `standard`.
 */
const int32 = z.int().min(-2147483648).max(2147483647);

export const TRAINING_FIELDS = {
  maxSteps: z.int().min(1).max(1_000_000).optional(),
  batchSize: z.int().min(1).max(65_536).optional(),
  learningRate: z.number().positive().max(10).optional(),
  learningRateDecays: z.int().min(0).max(100).optional(),
  scaler: z.enum(SCALER_KINDS).optional(),
  /** Seed of the initial weights and of batch sampling. */
  seed: int32.default(1),
  /** Validation checks without improvement before stopping (-1: never stop early). */
  earlyStopPatience: z.int().min(-1).optional(),
  validationCheckSteps: z.int().min(1).optional(),
} as const;

export const SHAPE_FIELDS = {
  inputSize: z.int().min(1).max(100_000).default(24),
  horizon: z.int().min(1).max(720).default(12),
  /** Exogenous feature columns (returns, volume, indicators, sentiment) read with the target. */
  exogenous: z.array(z.string().min(1)).default([]),
  /** Architecture hyperparameters (each architecture's schema checks them), e.g. { hidden: 64 }. */
  hyperparameters: z.record(z.string(), z.unknown()).default({}),
} as const;

export interface TrainingFields {
  readonly maxSteps?: number | undefined;
  readonly batchSize?: number | undefined;
  readonly learningRate?: number | undefined;
  readonly learningRateDecays?: number | undefined;
  readonly scaler?: (typeof SCALER_KINDS)[number] | undefined;
  readonly seed: number;
  readonly earlyStopPatience?: number | undefined;
  readonly validationCheckSteps?: number | undefined;
}

/** trainNetwork's options from the request's fields (absent ones keep trainNetwork's defaults). */
export function trainingOptions(
  fields: TrainingFields,
  validationSize: number,
  onProgress?: TrainingOptions['onProgress'],
): TrainingOptions {
  const options: Record<string, unknown> = { seed: fields.seed, validationSize };
  for (const key of [
    'maxSteps',
    'batchSize',
    'learningRate',
    'learningRateDecays',
    'scaler',
    'earlyStopPatience',
    'validationCheckSteps',
  ] as const) {
    if (fields[key] !== undefined) options[key] = fields[key];
  }
  if (onProgress !== undefined) options['onProgress'] = onProgress;
  return options;
}
