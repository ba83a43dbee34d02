import { describe, expect, it } from 'vitest';
import { NaiveFactory } from '../baselines/naive-forecaster.js';
import { validationError } from './validation-error.js';

describe('validationError', () => {
  it('scores the median over the windows whose targets lie in the validation tail (hand-worked)', async () => {
    // Naive, horizon 2, tail of 3 values: origins 3 and 4. From 3: forecasts 3, 3 against 4, 5 (errors 1, 2);
    // from 4: 4, 4 against 5, 6 (errors 1, 2). MAE = 6 / 4 = 1.5.
    const series = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const model = await new NaiveFactory({ horizon: 2 }).fit({ target: series });
    expect(validationError(model, { target: series }, 3)).toEqual({ mae: 1.5, windows: 2 });
  });

  it('refuses a tail shorter than the horizon or one that leaves no input window', async () => {
    const series = Float64Array.from([1, 2, 3, 4]);
    const model = await new NaiveFactory({ horizon: 2 }).fit({ target: series });
    expect(() => validationError(model, { target: series }, 1)).toThrow(
      /validation size "1" must be an integer >= the horizon 2/,
    );
    expect(() => validationError(model, { target: series }, 4)).toThrow(/leaving at least 1 earlier values/);
  });
});
