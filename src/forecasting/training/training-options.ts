import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SCALER_KINDS } from './scalers.js';

/**
 * Training settings, named and defaulted after neuralforecast's (max_steps 1000, learning_rate 1e-3,
 * num_lr_decays 3, val_check_steps 100, windows_batch_size 1024, early_stop_patience_steps -1 = off), except
 * the scaler: `standard` here where neuralforecast defaults to `identity` (prices and volumes are far from unit
 * scale). Validated with zod at the edge; every problem names the field and quotes the value.
 */
export const TRAINING_OPTIONS_SCHEMA = z
  .object({
    maxSteps: z.number().int().min(1).max(1_000_000).default(1000),
    /** Windows per gradient step (neuralforecast's windows_batch_size). */
    batchSize: z.number().int().min(1).max(65_536).default(1024),
    learningRate: z.number().positive().max(10).default(1e-3),
    /** Times the learning rate halves over training (StepLR, γ = 0.5). */
    learningRateDecays: z.number().int().min(0).max(100).default(3),
    scaler: z.enum(SCALER_KINDS).default('standard'),
    /** Trailing values held out for validation (0: none; otherwise >= horizon). */
    validationSize: z.number().int().min(0).default(0),
    /** Steps between validation checks. */
    validationCheckSteps: z.number().int().min(1).default(100),
    /** Validation checks without improvement before stopping; -1 never stops early. */
    earlyStopPatience: z.number().int().min(-1).default(-1),
    /** Validation windows evaluated per check at most (the latest ones), to bound its cost. */
    maxValidationWindows: z.number().int().min(1).default(4096),
    seed: z
      .number()
      .int()
      .min(-(2 ** 31))
      .max(2 ** 31 - 1)
      .default(1),
    /** Steps between progress reports. */
    progressEvery: z.number().int().min(1).default(10),
    /**
     * Worker threads computing each step's gradients data-parallel (parallel/parallel-trainer.ts); 1 trains
     * on the calling thread. At most batchSize (each worker needs a window).
     */
    workers: z.number().int().min(1).max(64).default(1),
  })
  .strict();

export type TrainingSettings = z.output<typeof TRAINING_OPTIONS_SCHEMA>;
export type TrainingSettingsInput = z.input<typeof TRAINING_OPTIONS_SCHEMA>;

export function parseTrainingSettings(input: unknown): TrainingSettings {
  const parsed = TRAINING_OPTIONS_SCHEMA.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const value =
      input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
    return `training option ${key || '(root)'} ${quote(value)}: ${issue.message}`;
  });
  throw new InvalidInputError(problems.join('; '));
}
