/**
 * Test fixture: NHITS written again with plain loops over float64 arrays, straight from neuralforecast's
 * NHITS.forward / NHITSBlock / _IdentityBasis and PyTorch's definitions of MaxPool1d / AvgPool1d
 * (ceil_mode=True) and F.interpolate(mode='linear', align_corners=False). It shares no code with the
 * tensor implementation: the tests compare the two on the same weights.
 */
export interface ReferenceLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** [inputs, outputs] row-major. */
  readonly kernel: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
}

export interface ReferenceBlock {
  readonly poolingKernel: number;
  readonly poolingMode: 'max' | 'mean';
  readonly knots: number;
  readonly layers: readonly ReferenceLayer[];
}

function linear(x: number[], layer: ReferenceLayer): number[] {
  const out: number[] = [];
  for (let o = 0; o < layer.outputs; o++) {
    let sum = layer.bias[o] as number;
    for (let i = 0; i < layer.inputs; i++)
      sum += (x[i] as number) * (layer.kernel[i * layer.outputs + o] as number);
    out.push(sum);
  }
  return out;
}

function pool(x: number[], kernel: number, mode: 'max' | 'mean'): number[] {
  const out: number[] = [];
  for (let start = 0; start < x.length; start += kernel) {
    const window = x.slice(start, Math.min(start + kernel, x.length));
    out.push(mode === 'max' ? Math.max(...window) : window.reduce((a, b) => a + b, 0) / window.length);
  }
  return out;
}

function interpolate(knots: number[], size: number): number[] {
  const scale = knots.length / size;
  return Array.from({ length: size }, (_, j) => {
    const source = Math.max(0, scale * (j + 0.5) - 0.5);
    const i0 = Math.min(Math.floor(source), knots.length - 1);
    const i1 = i0 < knots.length - 1 ? i0 + 1 : i0;
    const lambda = source - i0;
    return (1 - lambda) * (knots[i0] as number) + lambda * (knots[i1] as number);
  });
}

/**
 * Forecast [horizon][quantile] of one window: input[t][c] with channel 0 the target.
 */
export function referenceNhits(
  input: number[][],
  horizon: number,
  quantileCount: number,
  blocks: readonly ReferenceBlock[],
): number[][] {
  const inputSize = input.length;
  const target = input.map((row) => row[0] as number);
  const exogenous = input.flatMap((row) => row.slice(1)); // time-major flatten, as hist_exog.reshape(B, -1)
  let residual = [...target].reverse(); // insample_y.flip(dims=(-1,))
  const level = target[inputSize - 1] as number; // forecast = insample_y[:, -1:, None]
  const forecast = Array.from({ length: horizon }, () => Array.from({ length: quantileCount }, () => level));
  for (const block of blocks) {
    let hidden = [...pool(residual, block.poolingKernel, block.poolingMode), ...exogenous];
    block.layers.forEach((layer, index) => {
      hidden = linear(hidden, layer);
      if (index > 0 && index < block.layers.length - 1) hidden = hidden.map((value) => Math.max(0, value));
    });
    const backcast = hidden.slice(0, inputSize);
    for (let q = 0; q < quantileCount; q++) {
      const knots = hidden.slice(inputSize + q * block.knots, inputSize + (q + 1) * block.knots);
      interpolate(knots, horizon).forEach((value, t) => {
        (forecast[t] as number[])[q] = ((forecast[t] as number[])[q] as number) + value;
      });
    }
    residual = residual.map((value, t) => value - (backcast[t] as number));
  }
  return forecast;
}
