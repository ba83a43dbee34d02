import { fitNeuralModel, type FitNeuralModelOptions } from '../../forecasting/registry/fit-neural-model.js';
import type {
  ForecasterFactory,
  ForecastInput,
  SeriesForecaster,
} from '../../forecasting/series-forecaster.types.js';
import type { NeuralForecaster } from '../../forecasting/training/neural-forecaster.js';

export interface DisposingFactory extends ForecasterFactory {
  /** Frees the last fitted network (call after the evaluation). */
  dispose(): void;
}

/**
 * A ForecasterFactory for rolling-origin evaluation that trains a fresh network per origin (fitNeuralModel:
 * calibrated when a calibration size is given) and frees the previous origin's network at each fit: the
 * evaluation reads a fitted model only until the next fit, and each default-size NHITS holds ~10 MB of wasm
 * memory.
 */
export function neuralFactory(name: string, options: FitNeuralModelOptions): DisposingFactory {
  let current: NeuralForecaster | undefined;
  const release = (): void => {
    current?.dispose();
    current = undefined;
  };
  return {
    name,
    async fit(train: ForecastInput): Promise<SeriesForecaster> {
      release();
      const fitted = await fitNeuralModel(train, options);
      current = fitted.forecaster;
      return fitted.conformal?.forecaster ?? fitted.forecaster;
    },
    dispose: release,
  };
}
