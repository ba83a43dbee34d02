import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { ConformalForecaster } from '../evaluation/conformal-forecaster.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { MODEL_FORMAT_VERSION } from './code-version.js';
import { fitNeuralModel, type FittedNeuralModel } from './fit-neural-model.js';
import { decodeModel, encodeModel, type EncodedModel } from './model-codec.js';
import type { NeuralModelKind } from './model-kinds.js';

const PACKAGE = '0.1.0';
const QUANTILES = [0.1, 0.5, 0.9];
const TINY: Record<NeuralModelKind, Record<string, unknown>> = {
  nhits: {
    mlpUnits: [[8, 8]],
    blocksPerStack: [1, 1],
    poolingKernelSizes: [2, 1],
    frequencyDownsample: [2, 1],
  },
  lstm: { layers: 1, hiddenSize: 6 },
  transformer: { modelSize: 8, heads: 2, layers: 1, feedForwardSize: 8 },
};

function sine(n: number, seed: number): Float64Array {
  const rng = new SeededRng(seed);
  return Float64Array.from({ length: n }, (_, i) => 50 + 5 * Math.sin((2 * Math.PI * i) / 12) + rng.normal());
}

async function fit(kind: NeuralModelKind, calibrationSize = 0): Promise<FittedNeuralModel> {
  return fitNeuralModel(
    { target: sine(160, 1) },
    {
      kind,
      inputSize: 12,
      horizon: 4,
      quantiles: QUANTILES,
      hyperparameters: TINY[kind],
      seed: 3,
      training: { maxSteps: 3, batchSize: 16, validationSize: 8 },
      calibrationSize,
    },
  );
}

/** The stored form after a trip through JSON, as the SQLite columns return it. */
function stored(encoded: EncodedModel): {
  kind: string;
  params: unknown;
  blob: Uint8Array;
  codeVersion: string;
} {
  return { ...encoded, params: JSON.parse(JSON.stringify(encoded.params)) as unknown };
}

beforeAll(async () => {
  await initTensorRuntime();
});

describe('model codec', () => {
  it.each(['nhits', 'lstm', 'transformer'] as const)(
    'round-trips a %s: same forecasts bit for bit, shape, scaler, columns and history recorded',
    async (kind) => {
      const model = await fit(kind);
      const encoded = encodeModel({
        forecaster: model.forecaster,
        columns: { target: 'close', exogenous: [] },
        seed: 3,
        training: { maxSteps: 3 },
        packageVersion: PACKAGE,
      });
      expect(encoded.codeVersion).toMatch(
        new RegExp(`^0\\.1\\.0/format-${MODEL_FORMAT_VERSION}/arch-[0-9a-f]{16}$`),
      );
      expect(encoded.params.shape).toEqual({ inputSize: 12, horizon: 4, channels: 1, quantiles: QUANTILES });
      expect(encoded.history?.loss).toHaveLength(3);
      const decoded = decodeModel(stored(encoded), PACKAGE, 'mine');
      const history = { target: sine(40, 9) };
      expect(Array.from(decoded.forecaster.predict(history).values)).toEqual(
        Array.from(model.forecaster.predict(history).values),
      );
      expect(decoded.network.name).toBe('mine');
      expect(decoded.params.scaler).toEqual(model.forecaster.scaler);
      decoded.network.dispose();
      model.forecaster.dispose();
    },
  );

  it('stores a calibration and serves the calibrated intervals after loading', async () => {
    // Calibration size 20 with horizon 4 gives 17 origins: enough for the 80% interval (needs 4).
    const model = await fit('nhits', 20);
    const conformal = model.conformal;
    expect(conformal?.forecaster).toBeInstanceOf(ConformalForecaster);
    const encoded = encodeModel({
      forecaster: model.forecaster,
      ...(conformal === undefined ? {} : { conformal }),
      columns: { target: 'close', exogenous: [] },
      seed: 3,
      training: {},
      packageVersion: PACKAGE,
    });
    expect(encoded.params.calibration).toMatchObject({ calibrationSize: 20, scoreCount: 17 });
    expect(encoded.params.calibration?.adjustments).toHaveLength(4);
    const decoded = decodeModel(stored(encoded), PACKAGE);
    expect(decoded.forecaster).toBeInstanceOf(ConformalForecaster);
    const history = { target: sine(40, 5) };
    expect(Array.from(decoded.forecaster.predict(history).values)).toEqual(
      Array.from(conformal?.forecaster.predict(history).values ?? []),
    );
    const broken = stored(encoded) as { params: { calibration: { adjustments: number[] } } };
    broken.params.calibration.adjustments.pop();
    expect(() => decodeModel(broken as never, PACKAGE)).toThrow(
      /calibration holds 3 adjustments, horizon 4 × 1 intervals need 4/,
    );
    decoded.network.dispose();
    model.forecaster.dispose();
  });

  it('refuses a mismatched model with a clear error', async () => {
    const model = await fit('nhits');
    const encoded = encodeModel({
      forecaster: model.forecaster,
      columns: { target: 'close', exogenous: [] },
      seed: 3,
      training: {},
      packageVersion: PACKAGE,
    });
    const good = stored(encoded);
    const withParams = (change: (params: Record<string, unknown>) => void): typeof good => {
      const copy = stored(encoded);
      change(copy.params as Record<string, unknown>);
      return copy;
    };
    expect(() => decodeModel({ ...good, kind: 'arima' }, PACKAGE)).toThrow(
      /model kind "arima" is not one this code can load/,
    );
    expect(() => decodeModel({ ...good, kind: 'lstm' }, PACKAGE)).toThrow(
      /model kind "lstm" differs from its params' "nhits"/,
    );
    // Another horizon: the last layer's weights no longer fit.
    expect(() =>
      decodeModel(
        withParams((p) => ((p['shape'] as { horizon: number }).horizon = 6)),
        PACKAGE,
      ),
    ).toThrow(/weights variable \d+ has shape .* the network expects/);
    // Same shapes, another network (mean pooling): only the architecture hash tells them apart.
    expect(() =>
      decodeModel(
        withParams((p) => ((p['hyperparameters'] as { poolingMode: string }).poolingMode = 'mean')),
        PACKAGE,
      ),
    ).toThrow(/architecture hash "[0-9a-f]{16}" differs/);
    expect(() => decodeModel(good, '0.2.0')).toThrow(/not compatible with the running "0.2.0"/);
    expect(() => decodeModel({ ...good, codeVersion: null }, PACKAGE)).toThrow(/no recorded code version/);
    expect(() =>
      decodeModel(
        withParams((p) => (p['format'] = 2)),
        PACKAGE,
      ),
    ).toThrow(/model params format "2"/);
    expect(() =>
      decodeModel(
        withParams((p) => ((p['columns'] as { exogenous: string[] }).exogenous = ['volume'])),
        PACKAGE,
      ),
    ).toThrow(/2 columns \(\["close","volume"\]\) for 1 channels/);
    expect(() => decodeModel({ ...good, blob: good.blob.subarray(0, 40) }, PACKAGE)).toThrow(/weights/);
    const loaded = decodeModel(good, PACKAGE);
    expect(loaded.network.inputSize).toBe(12);
    loaded.network.dispose();
    model.forecaster.dispose();
  });
});
