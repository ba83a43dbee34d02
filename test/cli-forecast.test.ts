import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCycleCsv } from '../src/app/forecast/cycle-series.fixture.js';
import { cli, tempDir, type CliRun } from './helpers/run-cli-in-process.js';

/** A tiny NHITS and short training: each command trains in well under a second. */
const TINY =
  '--arch {"hidden":16,"mlpLayers":1,"blocksPerStack":[1,1],"poolingKernelSizes":[2,1],"frequencyDownsample":[2,1]}';
const FAST = '--input-size 24 --horizon 6 --max-steps 30 --batch-size 32 --learning-rate 0.003';

interface Summary {
  id: string;
  stage: string;
  steps: number;
}

describe('neural-trader forecast', () => {
  let cwd: string;
  /** Runs the CLI with space-separated arguments (no argument here contains a space). */
  const run = (line: string): Promise<CliRun> => cli(line.split(' '), { cwd });
  beforeAll(() => {
    cwd = tempDir('nt-forecast-');
    // A noisy 12-step cycle (date, close, volume), and the same series continued with 60 new bars.
    writeCycleCsv(cwd, 240, 3);
    writeCycleCsv(cwd, 300, 3, 100, 'longer.csv');
  });

  it('trains and registers a model, then predicts the median and intervals by id, by name and as an ensemble', async () => {
    const train = await run(
      `forecast train --model nhits --input cycle.csv --column close ${FAST} ${TINY} --json`,
    );
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(JSON.parse(train.stdout) as Summary).toMatchObject({
      id: 'close-nhits-v1',
      stage: 'candidate',
      steps: 30,
    });
    const absolute = [
      'forecast',
      'train',
      '--model',
      'nhits',
      '--input',
      join(cwd, 'cycle.csv'),
      '--column',
      'close',
    ];
    const text = await cli([...absolute, ...FAST.split(' '), ...TINY.split(' '), '--promote'], { cwd });
    expect(text.stdout).toMatch(
      /^registered close-nhits-v2 \(nhits, production\): 30 steps in [\d.]+ s, \d+ parameters/,
    );
    expect(text.stdout).toMatch(/validation MAE [\d.]+ over 7 windows/);

    const predicted = await run('forecast predict --model close-nhits-v1 --input cycle.csv --json');
    expect(predicted.code).toBe(0);
    const prediction = JSON.parse(predicted.stdout) as {
      models: string[];
      steps: { median: number; intervals: Record<string, { lower: number; upper: number }> }[];
    };
    expect(prediction.models).toEqual(['close-nhits-v1']);
    expect(prediction.steps).toHaveLength(6);
    for (const { median, intervals } of prediction.steps) {
      expect(intervals['99']!.lower).toBeLessThanOrEqual(intervals['80']!.lower);
      expect(intervals['80']!.lower).toBeLessThanOrEqual(median);
      expect(median).toBeLessThanOrEqual(intervals['80']!.upper);
    }
    const byName = await run('forecast predict --model close-nhits --input cycle.csv');
    expect(byName.stdout).toMatch(/^close-nhits-v2: 6 steps after 2024-01-10T23:00:00.000Z of close/);
    expect(byName.stdout).toMatch(/step\s+median\s+80%\s+95%\s+99%/);
    const ensemble = await run(
      'forecast predict --model close-nhits-v1,close-nhits-v2 --ensemble mean --input cycle.csv',
    );
    expect(ensemble.stdout).toMatch(/^close-nhits-v1 \+ close-nhits-v2 \(mean\)/);
  });

  it('lists, shows, promotes, archives and deletes models', async () => {
    const list = await run('forecast models list');
    expect(list.stdout).toMatch(/close-nhits-v1\s+nhits\s+candidate/);
    expect(list.stdout).toMatch(/close-nhits-v2\s+nhits\s+production/);
    const shown = await run('forecast models show close-nhits-v1');
    expect(shown.stdout).toMatch(/training: 30 steps, loss [\d.]+ → [\d.]+/);
    expect(shown.stdout).toMatch(/data fingerprint sha256:[0-9a-f]{64}/);
    expect((await run('forecast models promote close-nhits-v1')).stdout).toBe(
      'close-nhits-v1 is now production\n',
    );
    const stages = JSON.parse((await run('forecast models list --json')).stdout) as Summary[];
    expect(stages.map((model) => [model.id, model.stage])).toEqual([
      ['close-nhits-v1', 'production'],
      ['close-nhits-v2', 'archived'],
    ]);
    const archived = await run('forecast models archive close-nhits-v1 --json');
    expect((JSON.parse(archived.stdout) as Summary).stage).toBe('archived');
    const onlyArchived = await run('forecast models show close-nhits');
    expect(onlyArchived.stderr).toMatch(
      /model name "close-nhits" has only archived versions \(close-nhits-v1, close-nhits-v2\)/,
    );
    await run('forecast models promote close-nhits-v1');
    const missing = await run('forecast models delete close-nhits');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: no model has the id "close-nhits"/);
  });

  it('fine-tunes on new bars into a new version, and refuses an update that validates worse', async () => {
    const update = await run(
      'forecast update --model close-nhits-v1 --input longer.csv --max-steps 40 --learning-rate 0.003 --batch-size 32',
    );
    expect(update.stderr).toBe('');
    expect(update.stdout).toMatch(
      /^registered close-nhits-v3 \(candidate\) fine-tuned from close-nhits-v1: validation MAE [\d.]+ \(was [\d.]+\)/,
    );
    const worse = await run(
      'forecast update --model close-nhits-v3 --input longer.csv --max-steps 20 --learning-rate 1 --batch-size 32',
    );
    expect(worse.code).toBe(2);
    expect(worse.stderr).toMatch(
      /^error: update of "close-nhits-v3" rejected: the fine-tuned model's validation MAE \S+ is worse than the current version's \S+ on the same 7 windows/,
    );
  });

  it('evaluates neural models next to the baselines on rolling origins', async () => {
    const json = await run(
      `forecast evaluate --model nhits,snaive --input cycle.csv --column close --origins 2 --season-length 12 ${FAST} ${TINY} --json`,
    );
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { models: { model: string; origins: unknown[] }[] };
    expect(report.models.map((model) => model.model)).toEqual([
      'naive',
      'seasonal-naive',
      'drift',
      'moving-average',
      'nhits',
    ]);
    expect(report.models.every((model) => model.origins.length === 2)).toBe(true);
    const text = await run(
      'forecast evaluate --model snaive --input cycle.csv --column close --horizon 6 --origins 2 --season-length 12',
    );
    expect(text.stdout).toMatch(/^close: 2 origins, horizon 6, input 24, MASE season 12/);
    expect(text.stdout).toMatch(/seasonal-naive\s+[\d.]+/);
  });

  it('tunes hyperparameters and registers the best trial', async () => {
    const tune = await run(
      `forecast tune --model nhits --input cycle.csv --column close --space hidden=8|16 --trials 2 --name tuned --arch mlpLayers=1 ${FAST}`,
    );
    expect(tune.stderr).toBe('');
    expect(tune.stdout).toMatch(/^random search: 2 trials, validation MAE on the last 12 values/);
    expect(tune.stdout).toMatch(/registered the best as tuned-v1/);
    expect((await run('forecast models delete tuned-v1')).stdout).toBe('deleted tuned-v1\n');
  });

  it('refuses bad flags and unknown models with one clear line and exit code 2', async () => {
    expect((await run('forecast train --model arima --input cycle.csv --column close')).code).toBe(2);
    const horizon = await run('forecast train --model nhits --input cycle.csv --column close --horizon x');
    expect(horizon.code).toBe(2);
    expect(horizon.stderr).toBe('error: --horizon "x" must be an integer between 1 and 9007199254740991\n');
    const arch = await run('forecast evaluate --model nhits --input cycle.csv --column close --arch hidden');
    expect(arch.stderr).toBe('error: --arch entry "hidden" must look like name=value\n');
    const column = await run('forecast predict --model close-nhits-v1 --input cycle.csv --column open');
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/column "open" is not in the file/);
  });
});
