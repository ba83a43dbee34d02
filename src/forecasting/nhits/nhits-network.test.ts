import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { DEFAULT_QUANTILES } from '../default-quantiles.js';
import { checkGradients } from '../gradient-check.fixture.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { multiQuantileLoss } from '../training/mq-loss.js';
import { serializeWeights } from '../training/network-weights.js';
import { createNhitsNetwork, loadNhitsNetwork, type NhitsNetwork } from './nhits-network.js';
import { referenceNhits, type ReferenceBlock } from './nhits-reference.fixture.js';

beforeAll(async () => {
  await initTensorRuntime();
});

function randomInput(rng: SeededRng, batch: number, inputSize: number, channels: number): number[][][] {
  return Array.from({ length: batch }, () =>
    Array.from({ length: inputSize }, () => Array.from({ length: channels }, () => rng.normal())),
  );
}

function referenceBlocks(network: NhitsNetwork): ReferenceBlock[] {
  return network.blocks.map((block) => ({
    poolingKernel: block.config.poolingKernel,
    poolingMode: block.config.poolingMode,
    knots: block.config.knots,
    layers: block.layers.map((layer) => ({
      inputs: layer.inputUnits,
      outputs: layer.outputUnits,
      kernel: layer.kernel.dataSync(),
      bias: layer.bias!.dataSync(),
    })),
  }));
}

const small = {
  mlpUnits: [
    [16, 12],
    [12, 10],
  ],
  poolingKernelSizes: [3, 2, 1],
  frequencyDownsample: [4, 3, 1],
};

describe('NHITS network', () => {
  it("has neuralforecast's default architecture: 3 blocks of 5 dense layers, 2,502,363 parameters", () => {
    const network = createNhitsNetwork(
      { inputSize: 24, horizon: 12, channels: 1, quantiles: DEFAULT_QUANTILES },
      {},
      1,
    );
    expect(network.hyperparameters).toEqual({
      blocksPerStack: [1, 1, 1],
      mlpUnits: [
        [512, 512],
        [512, 512],
        [512, 512],
      ],
      poolingKernelSizes: [2, 2, 1],
      frequencyDownsample: [4, 2, 1],
      poolingMode: 'max',
      dropout: 0,
    });
    expect(network.variables).toHaveLength(30);
    // θ sizes: 24 backcast + 7 quantiles × (12/4, 12/2, 12/1) knots; pooled inputs 12, 12, 24.
    expect(
      network.blocks.map((block) => block.layers.map((layer) => [layer.inputUnits, layer.outputUnits])),
    ).toEqual([
      [
        [12, 512],
        [512, 512],
        [512, 512],
        [512, 512],
        [512, 45],
      ],
      [
        [12, 512],
        [512, 512],
        [512, 512],
        [512, 512],
        [512, 66],
      ],
      [
        [24, 512],
        [512, 512],
        [512, 512],
        [512, 512],
        [512, 108],
      ],
    ]);
    expect(network.variables.reduce((sum, variable) => sum + variable.size, 0)).toBe(2_502_363);
    const output = tf.tidy(() => network.forward(tf.zeros<tf.Rank.R3>([2, 24, 1])).shape);
    expect(output).toEqual([2, 12, 7]);
    network.dispose();
  });

  it('computes what an independent loop implementation computes (exogenous, ceil-mode max and mean pooling)', () => {
    const rng = new SeededRng(4);
    for (const poolingMode of ['max', 'mean'] as const) {
      const shape: NeuralNetworkShape = {
        inputSize: 10,
        horizon: 7,
        channels: 3,
        quantiles: [0.1, 0.5, 0.9],
      };
      const network = createNhitsNetwork(shape, { ...small, poolingMode, blocksPerStack: [1, 2, 1] }, 5);
      const input = randomInput(rng, 3, 10, 3);
      const x = tf.tensor3d(input);
      const actual = network.forward(x).arraySync();
      const inferred = network.infer(x).arraySync();
      const blocks = referenceBlocks(network);
      input.forEach((window, b) => {
        const expected = referenceNhits(window, 7, 3, blocks);
        expected.forEach((row, t) =>
          row.forEach((value, q) => {
            expect(actual[b]![t]![q]).toBeCloseTo(value, 4);
            expect(inferred[b]![t]![q]).toBeCloseTo(value, 4);
          }),
        );
      });
      tf.dispose(x);
      network.dispose();
    }
  });

  it('folds the projection into the first hidden layer for large batches without changing the function', () => {
    // 10 pooled inputs, 16 -> 12 units: folding pays from a batch of about 10 windows (see NhitsBlock).
    const shape: NeuralNetworkShape = { inputSize: 20, horizon: 6, channels: 1, quantiles: [0.25, 0.75] };
    const network = createNhitsNetwork(shape, { ...small, poolingKernelSizes: [2, 2, 2] }, 9);
    const input = randomInput(new SeededRng(6), 40, 20, 1);
    const x = tf.tensor3d(input);
    const actual = network.forward(x).arraySync();
    const blocks = referenceBlocks(network);
    input.forEach((window, b) => {
      referenceNhits(window, 6, 2, blocks).forEach((row, t) =>
        row.forEach((value, q) => expect(actual[b]![t]![q]).toBeCloseTo(value, 4)),
      );
    });
    const target = tf.tensor2d(
      Array.from({ length: 40 }, () => Array.from({ length: 6 }, (_, t) => 4 * Math.sin(t))),
    );
    const result = checkGradients(
      () => multiQuantileLoss(network.forward(x), target, shape.quantiles),
      network.variables,
      {
        epsilon: 1e-3,
        entriesPerVariable: 6,
      },
    );
    expect(result.mismatches).toEqual([]);
    tf.dispose([x, target]);
    network.dispose();
  });

  it('starts from the last observed value: an all-zero network forecasts the naive level', () => {
    const network = createNhitsNetwork({ inputSize: 6, horizon: 3, channels: 1, quantiles: [0.5] }, small, 2);
    for (const variable of network.variables) variable.assign(tf.zerosLike(variable));
    const output = tf.tidy(() =>
      Array.from(network.forward(tf.tensor3d([[[1], [2], [3], [4], [5], [7.5]]])).dataSync()),
    );
    expect(output).toEqual([7.5, 7.5, 7.5]);
    network.dispose();
  });

  it('infer follows weight updates (its folded-layer cache is refreshed)', () => {
    const network = createNhitsNetwork({ inputSize: 8, horizon: 4, channels: 1, quantiles: [0.5] }, small, 6);
    const x = tf.tensor3d(randomInput(new SeededRng(1), 2, 8, 1));
    const before = Array.from(network.infer(x).dataSync());
    const first = network.blocks[0]!.layers[0]!.kernel;
    first.assign(tf.mul(first, 2));
    const forward = network.forward(x).dataSync();
    const after = network.infer(x).dataSync();
    expect(Array.from(after)).not.toEqual(before);
    after.forEach((value, index) => expect(value).toBeCloseTo(forward[index]!, 4));
    tf.dispose(x);
    network.dispose();
  });

  it('has gradients that agree with finite differences through every block and the MQLoss', () => {
    const rng = new SeededRng(12);
    const shape: NeuralNetworkShape = { inputSize: 8, horizon: 5, channels: 2, quantiles: [0.2, 0.5, 0.8] };
    const network = createNhitsNetwork(
      shape,
      { mlpUnits: [[6, 5]], poolingKernelSizes: [3, 1], frequencyDownsample: [2, 1], blocksPerStack: [1, 1] },
      8,
    );
    const x = tf.tensor3d(randomInput(rng, 4, 8, 2));
    const y = tf.tensor2d(Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => 3 * rng.normal())));
    // Targets far from the forecasts keep every pinball term on one side of its kink.
    const loss = (): tf.Scalar => multiQuantileLoss(network.forward(x), y, shape.quantiles);
    const result = checkGradients(loss, network.variables, { epsilon: 1e-3, entriesPerVariable: 8 });
    expect(result.checked).toBeGreaterThan(60);
    expect(result.mismatches).toEqual([]);
    tf.dispose([x, y]);
    network.dispose();
  });

  it('applies seeded dropout only while training', () => {
    const shape: NeuralNetworkShape = { inputSize: 8, horizon: 3, channels: 1, quantiles: [0.5] };
    const x = tf.tensor3d(randomInput(new SeededRng(3), 4, 8, 1));
    const outputs = (network: NhitsNetwork): number[][] => {
      network.setTraining(true);
      const first = Array.from(network.forward(x).dataSync());
      const second = Array.from(network.forward(x).dataSync());
      network.setTraining(false);
      return [
        first,
        second,
        Array.from(network.forward(x).dataSync()),
        Array.from(network.infer(x).dataSync()),
      ];
    };
    const [a, b] = [1, 2].map(() => createNhitsNetwork(shape, { ...small, dropout: 0.5 }, 4));
    const [first, second, evaluation, inferred] = outputs(a!);
    expect(first).not.toEqual(second); // a new mask per forward pass
    expect(first).not.toEqual(evaluation);
    evaluation!.forEach((value, index) => expect(inferred![index]).toBeCloseTo(value, 4));
    expect(outputs(b!)).toEqual([first, second, evaluation, inferred]); // the same masks for the same seed
    const plain = createNhitsNetwork(shape, small, 4);
    plain.setTraining(true);
    expect(Array.from(plain.forward(x).dataSync())).toEqual(evaluation);
    for (const network of [a, b, plain]) network!.dispose();
    x.dispose();
  });

  it('draws the same weights for a seed and different weights for another', () => {
    const shape: NeuralNetworkShape = { inputSize: 8, horizon: 4, channels: 1, quantiles: [0.5] };
    const [a, b, c] = [1, 1, 2].map((seed) => createNhitsNetwork(shape, small, seed));
    expect(serializeWeights(a!.variables)).toEqual(serializeWeights(b!.variables));
    expect(serializeWeights(a!.variables)).not.toEqual(serializeWeights(c!.variables));
    for (const network of [a, b, c]) network!.dispose();
  });

  it('reloads stored weights into an identical network and refuses weights of another architecture', () => {
    const shape: NeuralNetworkShape = { inputSize: 8, horizon: 4, channels: 1, quantiles: [0.1, 0.9] };
    const original = createNhitsNetwork(shape, small, 3);
    const bytes = serializeWeights(original.variables);
    const loaded = loadNhitsNetwork(shape, small, bytes);
    const x = tf.tensor3d(randomInput(new SeededRng(2), 2, 8, 1));
    expect(Array.from(loaded.forward(x).dataSync())).toEqual(Array.from(original.forward(x).dataSync()));
    expect(() =>
      loadNhitsNetwork(
        shape,
        {
          ...small,
          mlpUnits: [
            [16, 11],
            [11, 10],
          ],
        },
        bytes,
      ),
    ).toThrow('weights variable 2 has shape [16,12], the network expects [16,11]');
    expect(() => loadNhitsNetwork({ ...shape, horizon: 8 }, small, bytes)).toThrow(
      'weights variable 6 has shape [10,10], the network expects [10,12]',
    );
    tf.dispose(x);
    original.dispose();
    loaded.dispose();
  });
});
