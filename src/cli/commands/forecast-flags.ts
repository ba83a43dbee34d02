import { resolve as resolvePath } from 'node:path';
import { parseParameterValue } from '../../optimize/parameter-space.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { integerFlag, listFlag } from './parse-flags.js';

/**
 * Flags of the `forecast` commands turned into request fields. Only the flags given are set: an absent flag
 * leaves the use case's default. Each parser throws a UsageError naming the flag and quoting its value.
 */
type Options = Record<string, unknown>;

export function int(options: Options, key: string, flag: string, min = 0): number | undefined {
  return options[key] === undefined ? undefined : integerFlag(flag, options[key], min);
}

/** A flag's text (commander hands strings; anything else is shown as JSON). */
const flagText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export function decimal(options: Options, key: string, flag: string): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || flagText(value).trim() === '') {
    throw new UsageError(`--${flag} ${JSON.stringify(value)} must be a number`);
  }
  return parsed;
}

/** `hidden=64,layers=1` (numbers, booleans, strings) or a JSON object such as `{"mlpUnits":[[64,64]]}`. */
export function archFlag(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const text = flagText(value).trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return parsed as Record<string, unknown>;
      }
    } catch {
      // reported below
    }
    throw new UsageError(`--arch ${JSON.stringify(text)} must be a JSON object or name=value pairs`);
  }
  return Object.fromEntries(
    listFlag(text).map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 1) throw new UsageError(`--arch entry ${JSON.stringify(pair)} must look like name=value`);
      return [pair.slice(0, equals).trim(), parseParameterValue(pair.slice(equals + 1))];
    }),
  );
}

/** The flags every training command shares, as request fields (absent flags stay absent). */
export interface TrainingFlags {
  readonly maxSteps?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly scaler?: 'identity' | 'standard' | 'robust' | 'min-max' | 'revin';
  readonly seed?: number;
  readonly earlyStopPatience?: number;
  readonly validationSize?: number;
  readonly calibrationSize?: number;
}

export interface ShapeFlags {
  readonly input: string;
  readonly column: string;
  readonly inputSize?: number;
  readonly horizon?: number;
  readonly exogenous?: string[];
  readonly hyperparameters?: Record<string, unknown>;
}

/** Only the flags given: an absent flag leaves the use case's default. */
function given<T>(fields: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

export function trainingFields(options: Options): TrainingFlags {
  const fields: Record<string, unknown> = {
    maxSteps: int(options, 'maxSteps', 'max-steps', 1),
    batchSize: int(options, 'batchSize', 'batch-size', 1),
    learningRate: decimal(options, 'learningRate', 'learning-rate'),
    scaler: options['scaler'],
    seed: int(options, 'seed', 'seed', -2147483648),
    earlyStopPatience: int(options, 'earlyStop', 'early-stop', 0),
    validationSize: int(options, 'validationSize', 'validation-size'),
    calibrationSize: int(options, 'calibrationSize', 'calibration-size'),
  };
  return given<TrainingFlags>(fields);
}

export function shapeFields(io: CliIo, options: Options): ShapeFlags {
  const fields: Record<string, unknown> = {
    input: resolvePath(io.cwd, String(options['input'])),
    column: options['column'],
    inputSize: int(options, 'inputSize', 'input-size', 1),
    horizon: int(options, 'horizon', 'horizon', 1),
    exogenous: options['exogenous'] === undefined ? undefined : listFlag(options['exogenous']),
    hyperparameters: archFlag(options['arch']),
  };
  return given<ShapeFlags>(fields);
}
