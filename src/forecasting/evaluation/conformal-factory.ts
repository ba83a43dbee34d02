import { InvalidInputError, quote } from '../../core/errors.js';
import { requireWholeNumber } from '../baselines/baseline-checks.js';
import type { ForecastInput, ForecasterFactory, SeriesForecaster } from '../series-forecaster.types.js';
import { calibrateConformal, type ConformalOptions } from './conformal-forecaster.js';
import { copyWindow } from './series-window.js';

/**
 * Split conformal calibration as a factory, named `conformal(<base name>)`: fit(train) fits the base model on
 * all but the last `calibrationSize` training values, then calibrates its intervals on rolling origins in that
 * held-out tail (calibrateConformal), so every conformity score is out of sample. The served model is the one
 * the scores were computed for (no refit on the full data, which would void the guarantee).
 */
export class ConformalFactory implements ForecasterFactory {
  readonly name: string;
  private readonly calibrationSize: number;

  constructor(
    private readonly base: ForecasterFactory,
    private readonly options: ConformalOptions,
  ) {
    this.name = `conformal(${base.name})`;
    this.calibrationSize = requireWholeNumber('calibration size', options.calibrationSize, 1);
  }

  async fit(train: ForecastInput): Promise<SeriesForecaster> {
    const length = train.target.length;
    if (length <= this.calibrationSize)
      throw new InvalidInputError(
        `training series of ${quote(length)} values must be longer than the calibration window ${this.calibrationSize}`,
      );
    const model = await this.base.fit(copyWindow(train, 0, length - this.calibrationSize));
    return calibrateConformal(model, train, this.options);
  }
}
