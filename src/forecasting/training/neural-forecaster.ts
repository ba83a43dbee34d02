import * as tf from '@tensorflow/tfjs-core';
import { InvalidInputError, quote } from '../../core/errors.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import type { NeuralNetwork, NeuralNetworkShape } from '../neural-network.types.js';
import type {
  ForecasterFactory,
  ForecastInput,
  QuantileForecast,
  SeriesForecaster,
} from '../series-forecaster.types.js';
import type { ScalerState } from './scalers.js';
import { buildBatch, seriesChannels } from './series-windows.js';
import { trainNetwork, type TrainingOptions, type TrainingResult } from './train-network.js';
import { forecastBatch } from './validation-loss.js';

/**
 * A trained network as a SeriesForecaster: scale the last input window (with the scaler fitted in training),
 * forward, un-scale, and sort each step's quantiles so that they never cross (a network trained with MQLoss
 * usually orders them, but nothing forces it; sorting is the standard rearrangement of Chernozhukov et al.
 * 2010, which never increases the pinball loss). `predictBatch` forecasts many histories in one pass per
 * FORECAST_CHUNK windows; `predictAt` forecasts one series from many origins (rolling evaluation).
 */
export class NeuralForecaster implements SeriesForecaster {
  readonly name: string;
  readonly network: NeuralNetwork;
  readonly scaler: ScalerState;
  /** The training run that produced the weights, when this forecaster was fitted here. */
  readonly training: TrainingResult | undefined;

  constructor(
    network: NeuralNetwork,
    scaler: ScalerState,
    name: string = network.kind,
    training?: TrainingResult,
  ) {
    this.network = network;
    this.scaler = scaler;
    this.name = name;
    this.training = training;
  }

  get horizon(): number {
    return this.network.shape.horizon;
  }
  get quantiles(): readonly number[] {
    return this.network.shape.quantiles;
  }
  get inputSize(): number {
    return this.network.shape.inputSize;
  }

  predict(history: ForecastInput): QuantileForecast {
    return this.predictBatch([history])[0] as QuantileForecast;
  }

  /** Forecasts after the end of each history. */
  predictBatch(histories: readonly ForecastInput[]): QuantileForecast[] {
    const { inputSize, channels } = this.network.shape;
    const windows = histories.map((history) => {
      const series = this.checkedChannels(history);
      // Only the last inputSize values are read: copy them so the batch builder sees one short series.
      return series.map((values) => values.subarray(values.length - inputSize));
    });
    const merged = Array.from({ length: channels }, (_, channel) => {
      const column = new Float64Array(windows.length * inputSize);
      windows.forEach((window, index) => column.set(window[channel] as Float64Array, index * inputSize));
      return column;
    });
    const origins = windows.map((_, index) => (index + 1) * inputSize);
    return this.forecastOrigins(merged, origins);
  }

  /**
   * Forecasts of one series from each origin (index of the first forecast value; needs origin >= inputSize),
   * reading only values before the origin.
   */
  predictAt(input: ForecastInput, origins: readonly number[]): QuantileForecast[] {
    const series = this.checkedChannels(input);
    for (const origin of origins) {
      if (!(Number.isInteger(origin) && origin >= this.inputSize && origin <= input.target.length)) {
        throw new InvalidInputError(
          `origin ${quote(origin)} must be an integer in [${this.inputSize}, ${input.target.length}]`,
        );
      }
    }
    return this.forecastOrigins(series, origins);
  }

  /** Frees the network's tensors (its own dispose when it has one, else its variables). */
  dispose(): void {
    if (this.network.dispose !== undefined) this.network.dispose();
    else tf.dispose([...this.network.variables]);
  }

  private checkedChannels(history: ForecastInput): Float64Array[] {
    const { inputSize, channels } = this.network.shape;
    const given = 1 + (history.exogenous?.length ?? 0);
    if (given !== channels) {
      throw new InvalidInputError(
        `${this.name} was trained with ${channels - 1} exogenous features, the history has ${given - 1}`,
      );
    }
    if (history.target.length < inputSize) {
      throw new InvalidInputError(
        `${this.name} needs a history of at least ${inputSize} values, got ${quote(history.target.length)}`,
      );
    }
    return seriesChannels(history);
  }

  private forecastOrigins(series: readonly Float64Array[], origins: readonly number[]): QuantileForecast[] {
    const { inputSize, horizon, quantiles } = this.network.shape;
    const batch = buildBatch(series, origins, inputSize, horizon, this.scaler, false);
    const values = forecastBatch(this.network, batch);
    const stride = horizon * quantiles.length;
    return origins.map((_, index) => {
      const forecast = values.slice(index * stride, (index + 1) * stride);
      for (let step = 0; step < horizon; step++) {
        forecast.subarray(step * quantiles.length, (step + 1) * quantiles.length).sort();
      }
      return { horizon, quantiles, values: forecast };
    });
  }
}

export interface NeuralForecasterFactoryOptions {
  /** Report name, e.g. `nhits`. */
  readonly name: string;
  readonly inputSize: number;
  readonly horizon: number;
  readonly quantiles?: readonly number[];
  /** Builds an untrained network of the given shape (e.g. (shape) => createNhitsNetwork(shape, {}, seed)). */
  readonly createNetwork: (shape: NeuralNetworkShape) => NeuralNetwork;
  readonly training?: TrainingOptions;
}

/** A ForecasterFactory that builds and trains a fresh network on each `fit` (rolling-origin evaluation). */
export function neuralForecasterFactory(options: NeuralForecasterFactoryOptions): ForecasterFactory {
  return {
    name: options.name,
    async fit(train: ForecastInput): Promise<NeuralForecaster> {
      const shape: NeuralNetworkShape = {
        inputSize: options.inputSize,
        horizon: options.horizon,
        channels: 1 + (train.exogenous?.length ?? 0),
        quantiles: options.quantiles ?? DEFAULT_QUANTILES,
      };
      const network = options.createNetwork(shape);
      const result = await trainNetwork(network, train, options.training);
      return new NeuralForecaster(network, result.scaler, options.name, result);
    },
  };
}
