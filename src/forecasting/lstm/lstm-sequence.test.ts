import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../core/rng.js';
import { checkGradients } from '../gradient-check.fixture.js';
import { initTensorRuntime } from '../runtime/tensor-runtime.js';
import { lstmSequence, timeRows } from './lstm-sequence.js';

beforeAll(async () => {
  await initTensorRuntime();
});

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The LSTM equations in plain float64 loops: x [T][batch][in], W [in][4H], U [H][4H], b [4H] → h [T][batch][H]. */
function referenceLstm(x: number[][][], w: number[][], u: number[][], b: number[]): number[][][] {
  const hiddenSize = u.length;
  const batch = x[0]!.length;
  let h = Array.from({ length: batch }, () => new Array<number>(hiddenSize).fill(0));
  let c = Array.from({ length: batch }, () => new Array<number>(hiddenSize).fill(0));
  const out: number[][][] = [];
  for (const step of x) {
    const nextH: number[][] = [];
    const nextC: number[][] = [];
    step.forEach((features, row) => {
      const a = b.map((bias, column) => {
        let sum = bias;
        features.forEach((value, k) => (sum += value * w[k]![column]!));
        h[row]!.forEach((value, k) => (sum += value * u[k]![column]!));
        return sum;
      });
      const gate = (block: number, unit: number): number => a[block * hiddenSize + unit]!;
      const cellRow = h[row]!.map((_, unit) => {
        const i = sigmoid(gate(0, unit));
        const f = sigmoid(gate(1, unit));
        const g = Math.tanh(gate(2, unit));
        return f * c[row]![unit]! + i * g;
      });
      nextC.push(cellRow);
      nextH.push(cellRow.map((value, unit) => sigmoid(gate(3, unit)) * Math.tanh(value)));
    });
    h = nextH;
    c = nextC;
    out.push(h);
  }
  return out;
}

/** The same recurrence through tfjs autograd (tf.tanh, unrolled): an independent gradient to compare with. */
function autogradLstm(x: tf.Tensor3D, w: tf.Tensor2D, u: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor3D {
  const [time, batch] = x.shape;
  const hiddenSize = u.shape[0];
  let h: tf.Tensor = tf.zeros([batch, hiddenSize]);
  let c: tf.Tensor = tf.zeros([batch, hiddenSize]);
  const states: tf.Tensor[] = [];
  for (let step = 0; step < time; step++) {
    const xt = tf.reshape(tf.slice(x, [step, 0, 0], [1, batch, x.shape[2]]), [batch, x.shape[2]]);
    const a = tf.add(tf.add(tf.matMul(xt, w), tf.matMul(h, u)), b);
    const [i, f, g, o] = tf.split(a, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    states.push(h);
  }
  return tf.stack(states) as tf.Tensor3D;
}

function randomArray(rng: SeededRng, shape: number[], scale: number): number[] {
  return Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => rng.uniform(-scale, scale));
}

interface Problem {
  x: tf.Variable;
  w: tf.Variable;
  u: tf.Variable;
  b: tf.Variable;
  weights: tf.Tensor;
}

/** A small LSTM problem: T steps, batch, in features, H units, and fixed weights for a weighted-sum loss. */
function problem(seed: number, time: number, batch: number, inputUnits: number, hiddenSize: number): Problem {
  const rng = new SeededRng(seed);
  const scale = 0.7;
  return {
    x: tf.variable(tf.tensor3d(randomArray(rng, [time, batch, inputUnits], 1), [time, batch, inputUnits])),
    w: tf.variable(
      tf.tensor2d(randomArray(rng, [inputUnits, 4 * hiddenSize], scale), [inputUnits, 4 * hiddenSize]),
    ),
    u: tf.variable(
      tf.tensor2d(randomArray(rng, [hiddenSize, 4 * hiddenSize], scale), [hiddenSize, 4 * hiddenSize]),
    ),
    b: tf.variable(tf.tensor1d(randomArray(rng, [4 * hiddenSize], scale))),
    weights: tf.tensor3d(randomArray(rng, [time, batch, hiddenSize], 1), [time, batch, hiddenSize]),
  };
}

function dispose(p: Problem): void {
  tf.dispose([p.x, p.w, p.u, p.b, p.weights]);
}

describe('lstmSequence', () => {
  it('computes the LSTM equations as plain float64 loops do', () => {
    const p = problem(11, 5, 3, 2, 4);
    const fused = tf.tidy(() =>
      lstmSequence(
        p.x as tf.Tensor3D,
        p.w as tf.Tensor2D,
        p.u as tf.Tensor2D,
        p.b as tf.Tensor1D,
      ).arraySync(),
    );
    const expected = referenceLstm(
      p.x.arraySync() as number[][][],
      p.w.arraySync() as number[][],
      p.u.arraySync() as number[][],
      p.b.arraySync() as number[],
    );
    expect(fused.length).toBe(5);
    fused.forEach((step, t) =>
      step.forEach((row, r) => row.forEach((value, k) => expect(value).toBeCloseTo(expected[t]![r]![k]!, 5))),
    );
    dispose(p);
  });

  it('matches hand-worked values for one unit, one feature, two steps', () => {
    // W = [[0.5, 0, 1, 0.5]] (i, f, g, o), U = 0, b = 0, x = 1 then 2.
    // t1: i = σ(.5), g = tanh(1), c1 = σ(.5)·tanh(1), h1 = σ(.5)·tanh(c1)
    // t2: i = σ(1), f = σ(0) = .5, g = tanh(2), c2 = .5·c1 + σ(1)·tanh(2), h2 = σ(1)·tanh(c2)
    const c1 = sigmoid(0.5) * Math.tanh(1);
    const c2 = 0.5 * c1 + sigmoid(1) * Math.tanh(2);
    const result = tf.tidy(() =>
      lstmSequence(
        tf.tensor3d([1, 2], [2, 1, 1]),
        tf.tensor2d([[0.5, 0, 1, 0.5]]),
        tf.zeros([1, 4]),
        tf.zeros([4]),
      ).dataSync(),
    );
    expect(result[0]).toBeCloseTo(sigmoid(0.5) * Math.tanh(c1), 6);
    expect(result[1]).toBeCloseTo(sigmoid(1) * Math.tanh(c2), 6);
  });

  it('has the gradients of central finite differences for the input, W, U and b', () => {
    const p = problem(5, 4, 3, 2, 3);
    const loss = (): tf.Scalar =>
      tf.sum(
        tf.mul(
          lstmSequence(p.x as tf.Tensor3D, p.w as tf.Tensor2D, p.u as tf.Tensor2D, p.b as tf.Tensor1D),
          p.weights,
        ),
      );
    const result = checkGradients(loss, [p.x, p.w, p.u, p.b], { epsilon: 1e-2, entriesPerVariable: 48 });
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(24 + 24 + 36 + 12);
    dispose(p);
  });

  it('has the gradients tfjs autograd gives the unrolled recurrence', () => {
    const p = problem(9, 6, 2, 3, 5);
    const variables = [p.x, p.w, p.u, p.b];
    const gradientsOf = (run: typeof lstmSequence): Float32Array[] =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () =>
            tf.sum(
              tf.mul(
                run(p.x as tf.Tensor3D, p.w as tf.Tensor2D, p.u as tf.Tensor2D, p.b as tf.Tensor1D),
                p.weights,
              ),
            ),
          variables,
        );
        return variables.map((variable) => grads[variable.name]!.dataSync() as Float32Array);
      });
    const fused = gradientsOf(lstmSequence);
    const reference = gradientsOf(autogradLstm);
    fused.forEach((gradient, index) => {
      const expected = reference[index]!;
      expect(gradient.length).toBe(expected.length);
      gradient.forEach((value, k) => expect(value).toBeCloseTo(expected[k]!, 4));
    });
    dispose(p);
  });

  it('leaves no tensor behind in a gradient step', () => {
    const p = problem(2, 3, 2, 1, 2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.variableGrads(() =>
        tf.sum(lstmSequence(p.x as tf.Tensor3D, p.w as tf.Tensor2D, p.u as tf.Tensor2D, p.b as tf.Tensor1D)),
      );
    });
    expect(tf.memory().numTensors).toBe(before);
    dispose(p);
  });
});

describe('timeRows', () => {
  it('cuts a time-major tensor into its steps', () => {
    const rows = tf.tidy(() =>
      timeRows(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 2, 2])).map((row) => row.arraySync()),
    );
    expect(rows).toEqual([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
      [
        [9, 10],
        [11, 12],
      ],
    ]);
  });
});
