import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import { SCALER_STATE_SCHEMA } from '../training/scalers.js';
import { MODEL_FORMAT_VERSION } from './code-version.js';
import { NEURAL_MODEL_KINDS } from './model-kinds.js';

/**
 * What the registry stores about a neural model besides its weights (the record's `params` JSON), validated
 * with zod whenever it is read back: a hand-edited or foreign record is refused naming the field, before any
 * network is built from it.
 */
const count = z.number().int().min(1);
const finite = z.number().refine(Number.isFinite, 'must be finite');

export const MODEL_PARAMS_SCHEMA = z
  .object({
    format: z.literal(MODEL_FORMAT_VERSION),
    kind: z.enum(NEURAL_MODEL_KINDS),
    shape: z
      .object({
        inputSize: count,
        horizon: count,
        channels: count,
        quantiles: z.array(z.number().gt(0).lt(1)).min(1),
      })
      .strict(),
    /** The network's resolved hyperparameters (NeuralNetwork.hyperparameters). */
    hyperparameters: z.record(z.string(), z.unknown()),
    scaler: SCALER_STATE_SCHEMA,
    /** The CSV columns the model reads: the target, then the exogenous features in channel order. */
    columns: z.object({ target: z.string().min(1), exogenous: z.array(z.string().min(1)) }).strict(),
    /** The seed the network's initial weights were drawn from (fine-tuned versions keep their parent's). */
    seed: z.number().int(),
    /** Training settings and outcome (steps, early stopping, windows); plain JSON for reports. */
    training: z.record(z.string(), z.unknown()),
    /**
     * Split-conformal adjustments (evaluation/conformal-forecaster.ts) when the model was calibrated: Q for
     * central interval i (innermost first) at step s is adjustments[s · intervals + i].
     */
    calibration: z
      .object({
        calibrationSize: count,
        scoreCount: count,
        adjustments: z.array(finite),
      })
      .strict()
      .nullable(),
    /** The registered version this one was fine-tuned from, if any. */
    parent: z.string().nullable(),
  })
  .strict();

export type ModelParams = z.output<typeof MODEL_PARAMS_SCHEMA>;

/** Parses stored params; every problem names its field and quotes the stored value. */
export function parseModelParams(raw: unknown): ModelParams {
  const parsed = MODEL_PARAMS_SCHEMA.safeParse(raw);
  if (parsed.success) {
    const params = parsed.data;
    const channels = 1 + params.columns.exogenous.length;
    if (channels !== params.shape.channels) {
      throw new InvalidInputError(
        `model params: ${channels} columns (${quote([params.columns.target, ...params.columns.exogenous])}) for ${params.shape.channels} channels`,
      );
    }
    if (params.scaler.kind !== 'revin' && params.scaler.channels.length !== params.shape.channels) {
      throw new InvalidInputError(
        `model params: the scaler holds ${params.scaler.channels.length} channels, the network ${params.shape.channels}`,
      );
    }
    return params;
  }
  const problems = parsed.error.issues.map((issue) => {
    let value: unknown = raw;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined;
    }
    return `model params ${issue.path.join('.') || '(root)'} ${quote(value)}: ${issue.message}`;
  });
  throw new InvalidInputError(problems.join('; '));
}
