import { InvalidInputError, NeuralTraderError, NotFoundError, quote } from '../../core/errors.js';
import { decodeModel, type DecodedModel, type EncodedModel } from '../../forecasting/registry/model-codec.js';
import type { JsonValue, ModelRecord, ModelStage, Store } from '../../store/repositories.types.js';
import { productVersion } from './forecast-request.js';

/**
 * The registry on top of the store's ModelRepository: names, versions and ids, loading with compatibility
 * checks. A model's id is `<name>-v<version>`; a reference (`--model`) is an id, or a name, which means its
 * production version when one is promoted, else its latest candidate (archived versions are reached by id only).
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkModelName(name: string): string {
  if (!MODEL_NAME_PATTERN.test(name)) {
    throw new InvalidInputError(
      `model name ${quote(name)} must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit`,
    );
  }
  return name;
}

/** The record a reference names (see above); NOT_FOUND names the reference and how to list models. */
export async function resolveModelRecord(store: Store, reference: string): Promise<ModelRecord> {
  const byId = await store.models.get(reference);
  if (byId !== null) return byId;
  const production = await store.models.production(reference);
  if (production !== null) return production;
  const versions = await store.models.list({ name: reference });
  const candidate = versions.filter((version) => version.stage === 'candidate').at(-1);
  if (candidate !== undefined) return (await store.models.get(candidate.id)) as ModelRecord;
  if (versions.length > 0) {
    throw new NotFoundError(
      `model name ${quote(reference)} has only archived versions (${versions.map((version) => version.id).join(', ')}); give an id`,
    );
  }
  throw new NotFoundError(
    `no model has the id or name ${quote(reference)}; \`neural-trader forecast models list\` shows them`,
  );
}

export interface LoadedModel {
  readonly record: ModelRecord;
  readonly model: DecodedModel;
}

/** Resolves and rebuilds a registered model, refusing an incompatible one with the model's id in the message. */
export async function loadRegisteredModel(
  store: Store,
  reference: string,
  runningPackage = productVersion(),
): Promise<LoadedModel> {
  const record = await resolveModelRecord(store, reference);
  try {
    return { record, model: decodeModel(record, runningPackage, record.id) };
  } catch (error) {
    if (!(error instanceof NeuralTraderError)) throw error;
    throw new InvalidInputError(`model ${quote(record.id)} cannot be loaded: ${error.message}`, {
      cause: error,
    });
  }
}

export interface RegisterModelInput {
  readonly name: string;
  readonly encoded: EncodedModel;
  readonly metrics: Readonly<Record<string, JsonValue>>;
  readonly dataFingerprint: string;
  readonly createdAt: number;
  readonly stage?: ModelStage;
}

/** Stores a model as the next version of its name (1 for a new name) and returns the stored record. */
export async function registerModel(store: Store, input: RegisterModelInput): Promise<ModelRecord> {
  const name = checkModelName(input.name);
  const latest = await store.models.latest(name);
  const version = (latest?.version ?? 0) + 1;
  const record: ModelRecord = {
    id: `${name}-v${version}`,
    name,
    kind: input.encoded.kind,
    version,
    createdAt: input.createdAt,
    stage: input.stage ?? 'candidate',
    dataFingerprint: input.dataFingerprint,
    codeVersion: input.encoded.codeVersion,
    metrics: input.metrics,
    // Plain JSON by construction (zod-validated params, finite training history); the store re-checks it.
    params: input.encoded.params as unknown as JsonValue,
    history: input.encoded.history as unknown as JsonValue,
    blob: input.encoded.blob,
  };
  await store.models.save(record);
  return record;
}
