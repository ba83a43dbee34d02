import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * Scalers: each channel (the target, then every exogenous feature) is mapped x' = (x - center) / scale before
 * the network sees it, and forecasts are mapped back ŷ = ŷ'·scale + center with the target's pair.
 * - `identity`: center 0, scale 1;
 * - `standard`: mean and population standard deviation of the training series (sklearn StandardScaler);
 * - `robust`: median and interquartile range Q3 - Q1 (sklearn RobustScaler; quantiles by linear
 *   interpolation, numpy's default), insensitive to outliers;
 * - `min-max`: min and max - min, onto [0, 1] (sklearn MinMaxScaler);
 * - `revin`: instance normalisation in the style of RevIN (Kim et al., ICLR 2022) without its learnable affine
 *   part: every window is standardised by the mean and standard deviation of its own input window, and its
 *   forecast is de-normalised with them. Nothing is fitted; level shifts between training and forecasting
 *   cost nothing.
 * A scale that is zero or negligible (a constant channel: scale <= 1e-9·max(1, |center|)) is replaced by 1,
 * as sklearn does for zero variance, so constant inputs map to 0 instead of dividing by zero.
 */
export const SCALER_KINDS = ['identity', 'standard', 'robust', 'min-max', 'revin'] as const;
export type ScalerKind = (typeof SCALER_KINDS)[number];

export interface ChannelScale {
  readonly center: number;
  readonly scale: number;
}

/** What a fitted scaler needs to transform new data: per channel for the global kinds, none for revin. */
export interface ScalerState {
  readonly kind: ScalerKind;
  readonly channels: readonly ChannelScale[];
}

const finite = z.number().refine(Number.isFinite, 'must be finite');
export const SCALER_STATE_SCHEMA = z
  .object({
    kind: z.enum(SCALER_KINDS),
    channels: z.array(
      z.object({ center: finite, scale: finite.refine((value) => value > 0, 'must be > 0') }),
    ),
  })
  .strict();

function guardedScale(center: number, scale: number): number {
  return scale > 1e-9 * Math.max(1, Math.abs(center)) ? scale : 1;
}

/** Linear-interpolation quantile of sorted values (numpy's default method 7). */
function sortedQuantile(sorted: Float64Array, level: number): number {
  const position = (sorted.length - 1) * level;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return (
    (sorted[lower] as number) + (position - lower) * ((sorted[upper] as number) - (sorted[lower] as number))
  );
}

/** Mean and population standard deviation of values[start .. start + length) (two-pass, stable). */
export function meanAndDeviation(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): ChannelScale {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += values[i] as number;
  const mean = sum / length;
  let squares = 0;
  for (let i = start; i < start + length; i++) {
    const deviation = (values[i] as number) - mean;
    squares += deviation * deviation;
  }
  return { center: mean, scale: guardedScale(mean, Math.sqrt(squares / length)) };
}

function fitChannel(kind: ScalerKind, values: Float64Array): ChannelScale {
  switch (kind) {
    case 'identity':
    case 'revin':
      return { center: 0, scale: 1 };
    case 'standard':
      return meanAndDeviation(values);
    case 'robust': {
      const sorted = Float64Array.from(values).sort();
      const median = sortedQuantile(sorted, 0.5);
      return {
        center: median,
        scale: guardedScale(median, sortedQuantile(sorted, 0.75) - sortedQuantile(sorted, 0.25)),
      };
    }
    case 'min-max': {
      let min = Infinity;
      let max = -Infinity;
      for (const value of values) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
      return { center: min, scale: guardedScale(min, max - min) };
    }
    default:
      throw new InvalidInputError(`scaler ${quote(kind)} must be one of ${SCALER_KINDS.join(', ')}`);
  }
}

/** Fits a scaler on training channels (target first); every value must be finite. */
export function fitScaler(kind: ScalerKind, channels: readonly Float64Array[]): ScalerState {
  if (!(SCALER_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidInputError(`scaler ${quote(kind)} must be one of ${SCALER_KINDS.join(', ')}`);
  }
  channels.forEach((values, channel) => {
    if (values.length === 0) throw new InvalidInputError(`scaler channel ${channel} is empty`);
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0)
      throw new InvalidInputError(
        `scaler channel ${channel} value ${quote(values[bad])} at index ${bad} must be finite`,
      );
  });
  return { kind, channels: kind === 'revin' ? [] : channels.map((values) => fitChannel(kind, values)) };
}

/**
 * The (center, scale) that transforms `channel` of the window whose input is values[start .. start + length):
 * the fitted pair, or for revin the statistics of that input window.
 */
export function windowScale(
  state: ScalerState,
  channel: number,
  values: ArrayLike<number>,
  start: number,
  length: number,
): ChannelScale {
  if (state.kind === 'revin') return meanAndDeviation(values, start, length);
  const fitted = state.channels[channel];
  if (fitted === undefined) {
    throw new InvalidInputError(
      `scaler was fitted on ${state.channels.length} channels, channel ${channel} requested`,
    );
  }
  return fitted;
}

/** Plain JSON of a scaler, for the model registry. */
export function serializeScaler(state: ScalerState): string {
  return JSON.stringify({
    kind: state.kind,
    channels: state.channels.map(({ center, scale }) => ({ center, scale })),
  });
}

/** Parses a stored scaler, refusing anything malformed with the field named. */
export function deserializeScaler(json: string): ScalerState {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new InvalidInputError(`scaler state is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = SCALER_STATE_SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(
      `scaler state ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (parsed.data.kind === 'revin' && parsed.data.channels.length > 0) {
    throw new InvalidInputError('scaler state: revin keeps no fitted channels');
  }
  return parsed.data;
}
