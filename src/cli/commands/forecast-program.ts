import { Option, type Command } from 'commander';
import type { RunAction } from './news-program.js';

const NEURAL = ['nhits', 'lstm', 'transformer'];

/** Options shared by the commands that train networks. */
function trainingOptions(command: Command): Command {
  return command
    .option('--max-steps <n>', 'gradient steps (default 1000, as neuralforecast)')
    .option('--batch-size <n>', 'windows per step (default 1024)')
    .option('--learning-rate <x>', 'Adam learning rate (default 0.001)')
    .addOption(
      new Option('--scaler <kind>', 'input scaling (default standard)').choices([
        'identity',
        'standard',
        'robust',
        'min-max',
        'revin',
      ]),
    )
    .option('--seed <n>', 'seed of the initial weights and batch sampling', '1')
    .option('--early-stop <checks>', 'validation checks without improvement before stopping (default: never)')
    .option('--validation-size <n>', 'trailing values for validation (default 2 × horizon)');
}

/** Window, horizon, exogenous columns and architecture hyperparameters. */
function shapeOptions(command: Command): Command {
  return command
    .option('--input-size <n>', 'input window length', '24')
    .option('--horizon <n>', 'steps forecast (1-720)', '12')
    .option('--exogenous <columns>', 'exogenous feature columns, e.g. volume,rsi')
    .option('--arch <params>', 'architecture hyperparameters: hidden=64,layers=1 or a JSON object');
}

/**
 * The `forecast` command tree (train, predict, evaluate, update, tune, models list|show|promote|archive|delete).
 * Joins program.ts through one call; a command's module loads only when it runs.
 */
export function addForecastCommands(program: Command, run: RunAction): void {
  const forecast = program
    .command('forecast')
    .description('neural forecasting: train, predict with intervals, evaluate against baselines, registry');

  trainingOptions(
    shapeOptions(
      forecast
        .command('train')
        .description('train a neural forecaster on a CSV column and register it')
        .addOption(new Option('--model <kind>', 'architecture').choices(NEURAL).makeOptionMandatory())
        .requiredOption('--input <file>', 'CSV with a header (optional date column first)')
        .requiredOption('--column <name>', 'target column'),
    ),
  )
    .option('--calibration-size <n>', 'trailing values held out to calibrate the intervals (conformal)')
    .option('--evaluate-origins <k>', 'also evaluate the configuration on k rolling origins')
    .option('--season-length <n>', 'season length of the MASE scale of that evaluation', '1')
    .option('--name <name>', 'registry name (default <column>-<model>)')
    .option('--promote', 'make it the production version of its name')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast.js')).runForecastTrain));

  forecast
    .command('predict')
    .description('forecast the next values of a CSV column: median and 80/95/99% intervals')
    .requiredOption('--model <ids>', 'model id or name; several (comma-separated) form an ensemble')
    .requiredOption('--input <file>', 'CSV holding the model columns')
    .option('--column <name>', 'target column (default: the one the model was trained on)')
    .addOption(new Option('--ensemble <method>', 'how an ensemble combines').choices(['median', 'mean']))
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast.js')).runForecastPredict));

  trainingOptions(
    shapeOptions(
      forecast
        .command('evaluate')
        .description(
          'rolling-origin evaluation next to the naive, seasonal naive, drift and moving-average baselines',
        )
        .requiredOption(
          '--model <list>',
          'nhits, lstm, transformer, naive, snaive, drift, moving-average (comma-separated)',
        )
        .requiredOption('--input <file>', 'CSV with a header')
        .requiredOption('--column <name>', 'target column'),
    ),
  )
    .option('--origins <k>', 'number of rolling origins', '5')
    .option('--step <n>', 'distance between origins (default: the horizon)')
    .option('--season-length <n>', 'season of the seasonal naive and the MASE scale', '1')
    .option('--calibration-size <n>', 'calibrate the neural intervals on this many trailing training values')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast.js')).runForecastEvaluate));

  trainingOptions(
    forecast
      .command('update')
      .description(
        'fine-tune a registered model on new bars into a new version (refused if validation gets worse)',
      )
      .requiredOption('--model <id>', 'model id or name')
      .requiredOption('--input <file>', 'CSV with the history and the new bars')
      .option('--column <name>', 'target column (default: the one the model was trained on)'),
  )
    .option('--calibration-size <n>', 'recalibrate on this many trailing values (default: as the parent)')
    .option('--promote', 'make the new version the production one')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast.js')).runForecastUpdate));

  trainingOptions(
    shapeOptions(
      forecast
        .command('tune')
        .description('hyperparameter search (random or TPE) on validation MAE; registers the best model')
        .addOption(new Option('--model <kind>', 'architecture').choices(NEURAL).makeOptionMandatory())
        .requiredOption('--input <file>', 'CSV with a header')
        .requiredOption('--column <name>', 'target column')
        .requiredOption(
          '--space <spec>',
          'e.g. inputSize=24:96:24,hidden=32|64|128,learningRate=0.0003|0.001',
        ),
    ),
  )
    .addOption(new Option('--method <method>', 'search method').choices(['random', 'tpe']).default('random'))
    .option('--trials <n>', 'trials to run', '10')
    .option('--name <name>', 'registry name of the best model (default <column>-<model>)')
    .option('--no-register', 'only report the trials')
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast.js')).runForecastTune));

  const models = forecast.command('models').description('the model registry');
  models
    .command('list')
    .description('registered models, by name then version')
    .option('--name <name>', 'only this name')
    .addOption(
      new Option('--stage <stage>', 'only this stage').choices(['candidate', 'production', 'archived']),
    )
    .option('--json', 'machine-readable output')
    .action(run(async () => (await import('./forecast-models.js')).runModelsList));
  for (const [name, description] of [
    [
      'show',
      'one model: parameters, metrics, history (a name: its production, else latest candidate, version)',
    ],
    ['promote', 'make a model the production version of its name (the previous one is archived)'],
    ['archive', 'retire a model (kept for audit; reached by its id only)'],
    ['delete', 'delete a model by id'],
  ] as const) {
    models
      .command(name)
      .description(description)
      .argument('<id>', 'model id (or name, except for delete)')
      .option('--json', 'machine-readable output')
      .action(run(async () => (await import('./forecast-models.js')).runModelsCommand(name)));
  }
}
