import { resolve as resolvePath } from 'node:path';
import {
  evaluateForecastModels,
  type EvaluateForecastRequest,
  type ForecastEvaluation,
} from '../../app/forecast/evaluate-forecast-models.js';
import { predictForecast, type ForecastPrediction } from '../../app/forecast/predict-forecast.js';
import { trainForecastModel, type TrainForecastRequest } from '../../app/forecast/train-forecast-model.js';
import {
  tuneForecastModel,
  type TuneForecastReport,
  type TuneForecastRequest,
} from '../../app/forecast/tune-forecast-model.js';
import { updateForecastModel } from '../../app/forecast/update-forecast-model.js';
import type { TrainingProgress } from '../../forecasting/training/train-network.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { createProgress } from '../progress.js';
import { renderTable } from '../table.js';
import { printJson, withContext } from './context.js';
import { shapeFields, trainingFields } from './forecast-flags.js';
import { integerFlag, listFlag } from './parse-flags.js';

/**
 * `forecast` commands: flags become the use cases' requests (src/app/forecast), which validate every field with
 * zod; enumerated flags (model, method) are passed as given and refused there with their value quoted.
 */
type Options = Record<string, unknown>;

const fixed = (value: number | null | undefined, digits = 3): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** A training progress bar on a terminal (never with --json): step, loss, latest validation loss. */
function trainingProgress(
  io: CliIo,
  json: boolean,
): { onProgress: (p: TrainingProgress) => void; finish: () => void } {
  const bar = createProgress(io, 'training', !json);
  return {
    onProgress: (p) => bar.update(p.step, p.maxSteps, `loss ${fixed(p.loss, 4)} val ${fixed(p.valLoss, 4)}`),
    finish: () => bar.finish(),
  };
}

export async function runForecastTrain(io: CliIo, _args: readonly string[], options: Options): Promise<void> {
  const json = options['json'] === true;
  const request: TrainForecastRequest = {
    model: options['model'] as TrainForecastRequest['model'],
    ...shapeFields(io, options),
    ...trainingFields(options),
    ...(options['evaluateOrigins'] === undefined
      ? {}
      : { evaluateOrigins: integerFlag('evaluate-origins', options['evaluateOrigins'], 0) }),
    seasonLength: integerFlag('season-length', options['seasonLength'] ?? '1', 1),
    ...(typeof options['name'] === 'string' ? { name: options['name'] } : {}),
    promote: options['promote'] === true,
  };
  await withContext(io, options, async (context) => {
    const progress = trainingProgress(io, json);
    const summary = await trainForecastModel(context.store(), request, {
      onProgress: progress.onProgress,
    });
    progress.finish();
    if (json) return printJson(io, summary);
    writeLine(
      io.stdout,
      `registered ${summary.id} (${summary.kind}, ${summary.stage}): ${summary.steps} steps${summary.stoppedEarly ? ' (stopped early)' : ''} in ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.parameters} parameters`,
    );
    writeLine(
      io.stdout,
      `validation MAE ${fixed(summary.validationMae, 4)} over ${summary.validationWindows} windows; final training loss ${fixed(summary.finalLoss, 4)}${summary.calibrated ? '; intervals conformally calibrated' : ''}`,
    );
    if (summary.rollingOrigin !== null) {
      const mean = summary.rollingOrigin.mean;
      writeLine(
        io.stdout,
        `rolling origins (${summary.rollingOrigin.origins}): MAE ${fixed(mean.mae)} MASE ${fixed(mean.mase)} coverage 80% ${fixed(mean.coverage['80'], 2)}`,
      );
    }
  });
}

function printPrediction(io: CliIo, prediction: ForecastPrediction): void {
  writeLine(
    io.stdout,
    `${prediction.models.join(' + ')}${prediction.combination === 'single' ? '' : ` (${prediction.combination})`}: ${prediction.horizon} steps after ${prediction.lastLabel ?? `row ${prediction.rows}`} of ${prediction.column}${prediction.calibrated ? ' (calibrated intervals)' : ''}`,
  );
  const interval = (step: ForecastPrediction['steps'][number], level: string): string => {
    const bounds = step.intervals[level];
    return bounds === undefined ? '' : `[${fixed(bounds.lower, 4)}, ${fixed(bounds.upper, 4)}]`;
  };
  writeLine(
    io.stdout,
    renderTable(
      ['step', 'median', '80%', '95%', '99%'],
      prediction.steps.map((step) => [
        step.step,
        fixed(step.median, 4),
        interval(step, '80'),
        interval(step, '95'),
        interval(step, '99'),
      ]),
    ),
  );
}

export async function runForecastPredict(
  io: CliIo,
  _args: readonly string[],
  options: Options,
): Promise<void> {
  await withContext(io, options, async (context) => {
    const prediction = await predictForecast(context.store(), {
      models: listFlag(options['model']),
      input: resolvePath(io.cwd, String(options['input'])),
      ...(typeof options['column'] === 'string' ? { column: options['column'] } : {}),
      ...(options['ensemble'] === undefined ? {} : { ensemble: options['ensemble'] as 'mean' }),
    });
    if (options['json'] === true) printJson(io, prediction);
    else printPrediction(io, prediction);
  });
}

function printEvaluation(io: CliIo, report: ForecastEvaluation): void {
  writeLine(
    io.stdout,
    `${report.column}: ${report.origins.length} origins, horizon ${report.horizon}, input ${report.inputSize}, MASE season ${report.seasonLength} (means over origins)`,
  );
  writeLine(
    io.stdout,
    renderTable(
      ['model', 'MAE', 'RMSE', 'sMAPE %', 'MASE', 'CRPS', 'cover 80%', 'cover 95%', 'cover 99%'],
      report.models.map(({ model, mean }) => [
        model,
        fixed(mean.mae),
        fixed(mean.rmse),
        fixed(mean.smape, 2),
        fixed(mean.mase),
        fixed(mean.crps),
        fixed(mean.coverage['80'], 2),
        fixed(mean.coverage['95'], 2),
        fixed(mean.coverage['99'], 2),
      ]),
    ),
  );
}

export async function runForecastEvaluate(
  io: CliIo,
  _args: readonly string[],
  options: Options,
): Promise<void> {
  const report = await evaluateForecastModels({
    models: listFlag(options['model']) as EvaluateForecastRequest['models'],
    ...shapeFields(io, options),
    ...trainingFields(options),
    origins: integerFlag('origins', options['origins'] ?? '5', 1),
    ...(options['step'] === undefined ? {} : { step: integerFlag('step', options['step'], 1) }),
    seasonLength: integerFlag('season-length', options['seasonLength'] ?? '1', 1),
  });
  if (options['json'] === true) printJson(io, report);
  else printEvaluation(io, report);
}

export async function runForecastUpdate(
  io: CliIo,
  _args: readonly string[],
  options: Options,
): Promise<void> {
  const json = options['json'] === true;
  await withContext(io, options, async (context) => {
    const progress = trainingProgress(io, json);
    const summary = await updateForecastModel(
      context.store(),
      {
        model: String(options['model']),
        input: resolvePath(io.cwd, String(options['input'])),
        ...(typeof options['column'] === 'string' ? { column: options['column'] } : {}),
        ...trainingFields(options),
        promote: options['promote'] === true,
      },
      { onProgress: progress.onProgress },
    );
    progress.finish();
    if (json) return printJson(io, summary);
    writeLine(
      io.stdout,
      `registered ${summary.id} (${summary.stage}) fine-tuned from ${summary.parent}: validation MAE ${fixed(summary.validationMae, 4)} (was ${fixed(summary.previousValidationMae, 4)}) over ${summary.validationWindows} windows`,
    );
  });
}

function printTune(io: CliIo, report: TuneForecastReport): void {
  writeLine(
    io.stdout,
    `${report.method} search: ${report.trials.length} trials, validation MAE on the last ${report.validationSize} values`,
  );
  writeLine(
    io.stdout,
    renderTable(
      ['trial', 'parameters', 'validation MAE', 'seconds', 'note'],
      report.trials.slice(0, 20).map((trial) => [
        trial.index,
        Object.entries(trial.params)
          .map(([key, value]) => `${key}=${String(value)}`)
          .join(' '),
        fixed(trial.validationMae, 4),
        fixed(trial.durationMs / 1000, 1),
        trial.error ?? '',
      ]),
    ),
  );
  if (report.registered !== null) writeLine(io.stdout, `registered the best as ${report.registered.id}`);
}

export async function runForecastTune(io: CliIo, _args: readonly string[], options: Options): Promise<void> {
  const json = options['json'] === true;
  await withContext(io, options, async (context) => {
    const bar = createProgress(io, 'tuning', !json);
    const report = await tuneForecastModel(
      context.store(),
      {
        model: options['model'] as TuneForecastRequest['model'],
        ...shapeFields(io, options),
        ...trainingFields(options),
        space: String(options['space']),
        method: options['method'] as TuneForecastRequest['method'],
        trials: integerFlag('trials', options['trials'] ?? '10', 1),
        register: options['register'] !== false,
        ...(typeof options['name'] === 'string' ? { name: options['name'] } : {}),
      },
      { onTrial: (trial, done, total) => bar.update(done, total, `MAE ${fixed(trial.validationMae, 4)}`) },
    );
    bar.finish();
    if (json) printJson(io, report);
    else printTune(io, report);
  });
}
