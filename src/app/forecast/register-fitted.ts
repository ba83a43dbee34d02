import type { FittedNeuralModel } from '../../forecasting/registry/fit-neural-model.js';
import { dataFingerprint } from '../../forecasting/registry/data-fingerprint.js';
import { encodeModel } from '../../forecasting/registry/model-codec.js';
import type { JsonValue, ModelStage, Store } from '../../store/repositories.types.js';
import { productVersion, type ForecastSeries } from './forecast-request.js';
import { registerModel } from './model-registry.js';

export interface RegisterFittedInput {
  readonly fitted: FittedNeuralModel;
  readonly series: ForecastSeries;
  readonly kind: string;
  readonly seed: number;
  /** Registry name; `<column>-<kind>` by default. */
  readonly name?: string | undefined;
  /** Training settings and outcome to record in the params. */
  readonly training: Readonly<Record<string, unknown>>;
  /** Metrics besides the validation and training figures recorded here. */
  readonly metrics?: Readonly<Record<string, JsonValue>>;
  readonly parent?: string;
  readonly promote?: boolean;
  readonly now: () => number;
}

export interface RegisteredSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly kind: string;
  readonly stage: ModelStage;
  readonly validationMae: number | null;
  readonly calibrated: boolean;
  readonly dataFingerprint: string;
  readonly codeVersion: string;
}

/** Default registry name: `<column>-<model>` with characters a name may not hold replaced by '-'. */
export function defaultModelName(column: string, kind: string): string {
  const base = `${column}-${kind}`.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return base.slice(0, 64) || kind;
}

/**
 * Registers a trained model as the next version of its name: weights, shape, hyperparameters, scaler,
 * calibration, history and code version (encodeModel), the data fingerprint of the series it learnt from, and
 * metrics: validation MAE and windows, best validation loss, final training loss, plus `metrics`.
 */
export async function registerFitted(store: Store, input: RegisterFittedInput): Promise<RegisteredSummary> {
  const { fitted, series } = input;
  const training = fitted.training;
  const encoded = encodeModel({
    forecaster: fitted.forecaster,
    ...(fitted.conformal === undefined ? {} : { conformal: fitted.conformal }),
    columns: { target: series.columns.target, exogenous: [...series.columns.exogenous] },
    seed: input.seed,
    training: {
      ...input.training,
      steps: training.steps,
      stoppedEarly: training.stoppedEarly,
      bestStep: training.bestStep,
      trainingWindows: training.trainingWindows,
      validationWindows: training.validationWindows,
    },
    ...(input.parent === undefined ? {} : { parent: input.parent }),
    packageVersion: productVersion(),
  });
  const fingerprint = dataFingerprint(series.input, [series.columns.target, ...series.columns.exogenous]);
  const record = await registerModel(store, {
    name: input.name ?? defaultModelName(series.columns.target, input.kind),
    encoded,
    metrics: {
      validationMae: fitted.validation?.mae ?? null,
      validationWindows: fitted.validation?.windows ?? 0,
      validationLoss: training.bestValidationLoss,
      finalLoss: training.history.loss.at(-1) ?? null,
      ...input.metrics,
    },
    dataFingerprint: fingerprint,
    createdAt: input.now(),
  });
  const stage =
    input.promote === true ? (await store.models.setStage(record.id, 'production')).stage : record.stage;
  return {
    id: record.id,
    name: record.name,
    version: record.version,
    kind: record.kind,
    stage,
    validationMae: fitted.validation?.mae ?? null,
    calibrated: fitted.conformal !== undefined,
    dataFingerprint: fingerprint,
    codeVersion: encoded.codeVersion,
  };
}
