import { NotFoundError, quote } from '../../core/errors.js';
import {
  MODEL_STAGES,
  type JsonValue,
  type ModelStage,
  type ModelSummary,
  type Store,
} from '../../store/repositories.types.js';
import { parseRequest } from './forecast-request.js';
import { resolveModelRecord } from './model-registry.js';
import { z } from 'zod';

/** `forecast models list|show|promote|archive|delete`: the registry's catalogue. */

const listRequestSchema = z
  .object({ name: z.string().min(1).optional(), stage: z.enum(MODEL_STAGES).optional() })
  .strict();
export type ListModelsRequest = z.input<typeof listRequestSchema>;

export async function listModels(store: Store, request: ListModelsRequest = {}): Promise<ModelSummary[]> {
  const filter = parseRequest('models list', listRequestSchema, request);
  return store.models.list({
    ...(filter.name === undefined ? {} : { name: filter.name }),
    ...(filter.stage === undefined ? {} : { stage: filter.stage }),
  });
}

export interface ModelDetails extends ModelSummary {
  readonly weightsBytes: number;
  readonly history: JsonValue;
}

/** One model by id or name (its production version, else its latest), with its history, without the weights. */
export async function showModel(store: Store, reference: string): Promise<ModelDetails> {
  const { blob, ...record } = await resolveModelRecord(store, reference);
  return { ...record, weightsBytes: blob.byteLength };
}

/**
 * Moves a model (by id or name) to a stage. Promoting archives the name's previous production model in the
 * same transaction, so a name never has two production models.
 */
export async function setModelStage(
  store: Store,
  reference: string,
  stage: ModelStage,
): Promise<ModelSummary> {
  const { stage: wanted } = parseRequest('models stage', z.object({ stage: z.enum(MODEL_STAGES) }), {
    stage,
  });
  const record = await resolveModelRecord(store, reference);
  return store.models.setStage(record.id, wanted);
}

export function promoteModel(store: Store, reference: string): Promise<ModelSummary> {
  return setModelStage(store, reference, 'production');
}

/** Deletes one model by its exact id (never by name: a name holds several versions). */
export async function deleteModel(store: Store, id: string): Promise<{ readonly deleted: string }> {
  if (!(await store.models.delete(id))) {
    throw new NotFoundError(
      `no model has the id ${quote(id)}; \`neural-trader forecast models list\` shows them`,
    );
  }
  return { deleted: id };
}
