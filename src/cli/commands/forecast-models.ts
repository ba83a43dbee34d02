import { deleteModel, listModels, setModelStage, showModel } from '../../app/forecast/manage-models.js';
import type { ModelStage, ModelSummary } from '../../store/repositories.types.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import type { CommandRunner } from '../program.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';

const mae = (summary: ModelSummary): string => {
  const value = (summary.metrics as Record<string, unknown> | null)?.['validationMae'];
  return typeof value === 'number' ? value.toFixed(4) : 'n/a';
};

function printModels(io: CliIo, models: readonly ModelSummary[]): void {
  if (models.length === 0) {
    writeLine(io.stdout, 'no models registered; `neural-trader forecast train` registers one');
    return;
  }
  writeLine(
    io.stdout,
    renderTable(
      ['id', 'kind', 'stage', 'created', 'validation MAE', 'code version'],
      models.map((model) => [
        model.id,
        model.kind,
        model.stage,
        new Date(model.createdAt).toISOString(),
        mae(model),
        model.codeVersion ?? 'unknown',
      ]),
    ),
  );
}

export async function runModelsList(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  await withContext(io, options, async (context) => {
    const models = await listModels(context.store(), {
      ...(typeof options['name'] === 'string' ? { name: options['name'] } : {}),
      ...(typeof options['stage'] === 'string' ? { stage: options['stage'] as ModelStage } : {}),
    });
    if (options['json'] === true) printJson(io, models);
    else printModels(io, models);
  });
}

/** `forecast models show|promote|archive|delete <id>`. */
export function runModelsCommand(command: 'show' | 'promote' | 'archive' | 'delete'): CommandRunner {
  return async (io, args, options) => {
    const reference = String(args[0]);
    await withContext(io, options, async (context) => {
      const store = context.store();
      const json = options['json'] === true;
      if (command === 'show') {
        const model = await showModel(store, reference);
        if (json) return printJson(io, model);
        const { history, params, metrics, ...rest } = model;
        const loss = (history as { loss?: number[] } | null)?.loss ?? [];
        printModels(io, [{ ...rest, params, metrics }]);
        writeLine(
          io.stdout,
          `data fingerprint ${model.dataFingerprint ?? 'unknown'}; weights ${model.weightsBytes} bytes`,
        );
        writeLine(
          io.stdout,
          `training: ${loss.length} steps, loss ${loss[0]?.toFixed(4) ?? 'n/a'} → ${loss.at(-1)?.toFixed(4) ?? 'n/a'}`,
        );
        writeLine(io.stdout, `params: ${JSON.stringify(params)}`);
        writeLine(io.stdout, `metrics: ${JSON.stringify(metrics)}`);
        return;
      }
      if (command === 'delete') {
        const deleted = await deleteModel(store, reference);
        return json ? printJson(io, deleted) : writeLine(io.stdout, `deleted ${deleted.deleted}`);
      }
      const summary = await setModelStage(
        store,
        reference,
        command === 'promote' ? 'production' : 'archived',
      );
      if (json) printJson(io, summary);
      else writeLine(io.stdout, `${summary.id} is now ${summary.stage}`);
    });
  };
}
