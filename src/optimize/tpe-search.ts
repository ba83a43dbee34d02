import { InvalidInputError, quote } from '../core/errors.js';
import { SeededRng } from '../core/rng.js';
import { normalCdf } from '../stats/normal-distribution.js';
import type { ParameterDimension, ParameterSpace, TrialParams } from './optimize.types.js';
import { dimensionIndex, dimensionSize, gridIndices, paramsAt, spaceSize } from './parameter-space.js';
import { assertAskCount, type SearchMethod, type TrialObservation } from './search-method.js';

export interface TpeOptions {
  readonly trials: number;
  readonly seed: number;
  /** Random points before the model is used (hyperopt's n_startup_jobs; default 20). */
  readonly startupTrials?: number;
  /** Share of the observed trials called good (default 0.25, hyperopt's gamma). */
  readonly gamma?: number;
  /** At most this many good trials shape l(x) (default 25, as Optuna caps its "below" set). */
  readonly maxGood?: number;
  /** At most this many bad trials shape g(x), an even subsample across their ranks (default 200). */
  readonly maxBad?: number;
  /** Candidates drawn from l(x) per point, the best l/g kept (default 24, hyperopt's n_EI_candidates). */
  readonly candidates?: number;
}

/** One dimension's density model: per grid index, log l(x) − log g(x), filled lazily. */
interface DimensionModel {
  readonly size: number;
  readonly logRatio: Float64Array;
  /** A draw from l(x) as a grid index; logRatio holds its value once it returns. */
  sample(rng: SeededRng): number;
}

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011). After `startupTrials` random points, the observed trials are sorted by
 * objective; the best ⌈γ·n⌉ (at most maxGood) are "good", the rest "bad". Per dimension (TPE factorizes) it
 * fits Parzen densities l(x) on the good and g(x) on the bad trials, draws `candidates` points from l and
 * keeps the one with the largest Σ_d log l_d(x_d) − log g_d(x_d), which maximizes expected improvement.
 * - Ranges live on their grid, indices mapped to u = k/(K−1) in [0, 1]. Each observation is a Gaussian
 *   truncated to [0, 1] at u with hyperopt's adaptive bandwidth (the larger gap to its sorted neighbours,
 *   clipped to [max(1/min(100, n+1), ½ grid step), 1]); a prior component N(½, 1) weighs as one observation.
 *   Draws are snapped to the nearest grid index.
 * - Choices are categorical: p(k) = (count_k + 1) / (n + K) (one prior count per choice).
 * - No point is asked twice; at most min(trials, spaceSize) points.
 * Cost: the model is refitted once per `ask` after new results, from at most maxGood + maxBad trials, and
 * log l/g is cached per grid index, so an ask costs O(dims · (m log m + K·m)) at worst, independent of the
 * number of trials (bench/optimize-search.bench.ts measures 10,000 trials).
 * Reproducible: given the seed, the points depend only on the sequence of ask/tell calls (search-method.ts).
 */
export class TpeSearch implements SearchMethod {
  private readonly rng: SeededRng;
  private readonly total: number;
  private readonly size: number;
  private readonly startupTrials: number;
  private readonly gamma: number;
  private readonly maxGood: number;
  private readonly maxBad: number;
  private readonly candidates: number;
  private readonly seen = new Set<string>();
  /** Observations sorted by objective, best first (ties keep tell order). */
  private readonly observed: { readonly indices: Int32Array; readonly objective: number }[] = [];
  private models: DimensionModel[] | null = null;
  private produced = 0;
  private readonly scratch: Int32Array;

  constructor(
    private readonly space: ParameterSpace,
    options: TpeOptions,
  ) {
    if (!Number.isInteger(options.trials) || options.trials < 1)
      throw new InvalidInputError(`trials ${quote(options.trials)} must be an integer >= 1`);
    this.startupTrials = positiveInteger('startupTrials', options.startupTrials ?? 20);
    this.maxGood = positiveInteger('maxGood', options.maxGood ?? 25);
    this.maxBad = positiveInteger('maxBad', options.maxBad ?? 200);
    this.candidates = positiveInteger('candidates', options.candidates ?? 24);
    this.gamma = options.gamma ?? 0.25;
    if (!(this.gamma > 0 && this.gamma < 1))
      throw new InvalidInputError(`gamma ${quote(this.gamma)} must be in (0, 1)`);
    this.rng = new SeededRng(options.seed);
    this.size = spaceSize(space);
    this.total = Math.min(options.trials, this.size);
    this.scratch = new Int32Array(space.length);
  }

  ask(count: number): TrialParams[] {
    assertAskCount(count);
    const points: TrialParams[] = [];
    const useModel = this.observed.length >= this.startupTrials;
    if (useModel && this.models === null) this.models = this.fit();
    while (points.length < count && this.produced < this.total) {
      const indices = (useModel ? this.proposeFromModel() : null) ?? this.drawUnseen();
      this.seen.add(indices.join(','));
      points.push(paramsAt(this.space, indices));
      this.produced++;
    }
    return points;
  }

  tell(results: readonly TrialObservation[]): void {
    for (const result of results) {
      const indices = new Int32Array(this.space.length);
      for (let d = 0; d < this.space.length; d++) {
        const dimension = this.space[d] as ParameterDimension;
        const k = dimensionIndex(dimension, result.params[dimension.name]);
        if (k < 0)
          throw new InvalidInputError(
            `result parameter ${quote(dimension.name)} = ${quote(result.params[dimension.name])} is not in the search space`,
          );
        indices[d] = k;
      }
      const objective = Number.isNaN(result.objective) ? Number.NEGATIVE_INFINITY : result.objective;
      // Insert after every observation with an objective >= this one (binary search): sorted, stable.
      let low = 0;
      let high = this.observed.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((this.observed[mid] as { objective: number }).objective >= objective) low = mid + 1;
        else high = mid;
      }
      this.observed.splice(low, 0, { indices, objective });
    }
    if (results.length > 0) this.models = null;
  }

  private fit(): DimensionModel[] {
    const n = this.observed.length;
    const goodCount = Math.min(Math.max(1, Math.ceil(this.gamma * n)), this.maxGood, n);
    const good = this.observed.slice(0, goodCount);
    const rest = this.observed.slice(goodCount);
    const bad =
      rest.length <= this.maxBad
        ? rest
        : Array.from({ length: this.maxBad }, (_, i) => rest[Math.floor((i * rest.length) / this.maxBad)]!);
    return this.space.map((dimension, d) => {
      const goodIndices = good.map((o) => o.indices[d] as number);
      const badIndices = bad.map((o) => o.indices[d] as number);
      return dimension.kind === 'choice'
        ? categoricalModel(dimension.values.length, goodIndices, badIndices)
        : parzenModel(dimensionSize(dimension), goodIndices, badIndices);
    });
  }

  /** The best unseen of `candidates` draws from l(x), or null when every draw was already asked. */
  private proposeFromModel(): Int32Array | null {
    const models = this.models as DimensionModel[];
    let best: Int32Array | null = null;
    let bestScore = Number.NEGATIVE_INFINITY;
    const candidate = this.scratch;
    for (let c = 0; c < this.candidates; c++) {
      let score = 0;
      for (let d = 0; d < models.length; d++) {
        const model = models[d] as DimensionModel;
        const k = model.sample(this.rng);
        candidate[d] = k;
        score += model.logRatio[k] as number;
      }
      if ((best === null || score > bestScore) && !this.seen.has(candidate.join(','))) {
        best = Int32Array.from(candidate);
        bestScore = score;
      }
    }
    return best;
  }

  /** A uniformly drawn point not asked yet (redraws; scans the grid from a random start when crowded). */
  private drawUnseen(): Int32Array {
    const indices = new Int32Array(this.space.length);
    for (let attempt = 0; attempt < 64; attempt++) {
      for (let d = 0; d < this.space.length; d++)
        indices[d] = this.rng.int(0, dimensionSize(this.space[d] as ParameterDimension) - 1);
      if (!this.seen.has(indices.join(','))) return indices;
    }
    const start = this.rng.int(0, this.size - 1);
    for (let i = 0; i < this.size; i++) {
      gridIndices(this.space, (start + i) % this.size, indices);
      if (!this.seen.has(indices.join(','))) return indices;
    }
    throw new InvalidInputError('every point of the search space has been asked'); // unreachable: produced < size
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidInputError(`${name} ${quote(value)} must be an integer >= 1`);
  return value;
}

function categoricalModel(size: number, good: readonly number[], bad: readonly number[]): DimensionModel {
  const probabilities = (indices: readonly number[]): Float64Array => {
    const p = new Float64Array(size).fill(1);
    for (const k of indices) p[k] = (p[k] as number) + 1;
    for (let k = 0; k < size; k++) p[k] = (p[k] as number) / (indices.length + size);
    return p;
  };
  const l = probabilities(good);
  const g = probabilities(bad);
  const logRatio = new Float64Array(size);
  for (let k = 0; k < size; k++) logRatio[k] = Math.log(l[k] as number) - Math.log(g[k] as number);
  return {
    size,
    logRatio,
    sample(rng) {
      let u = rng.next();
      for (let k = 0; k < size - 1; k++) {
        u -= l[k] as number;
        if (u < 0) return k;
      }
      return size - 1;
    },
  };
}

/** A truncated-Gaussian mixture on [0, 1] (one component per observation plus the prior N(½, 1)). */
interface Mixture {
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** 1 / (σ · Z), Z = Φ((1 − μ)/σ) − Φ(−μ/σ): the truncated density's scale. */
  readonly scales: Float64Array;
}

function mixture(points: readonly number[], halfStep: number): Mixture {
  const sorted = Float64Array.from([...points, 0.5]).sort();
  const m = sorted.length;
  const minSigma = Math.max(1 / Math.min(100, m), halfStep);
  const sigmas = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const left = i > 0 ? (sorted[i] as number) - (sorted[i - 1] as number) : (sorted[i] as number);
    const right = i < m - 1 ? (sorted[i + 1] as number) - (sorted[i] as number) : 1 - (sorted[i] as number);
    sigmas[i] = Math.min(Math.max(left, right, minSigma), 1);
  }
  // The prior keeps σ = 1 (hyperopt keeps the prior's own sigma).
  const prior = sorted.indexOf(0.5);
  sigmas[prior] = 1;
  const scales = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const mu = sorted[i] as number;
    const sigma = sigmas[i] as number;
    scales[i] = 1 / (sigma * (normalCdf((1 - mu) / sigma) - normalCdf(-mu / sigma)));
  }
  return { mus: sorted, sigmas, scales };
}

function mixtureDensity(model: Mixture, u: number): number {
  let sum = 0;
  for (let i = 0; i < model.mus.length; i++) {
    const z = (u - (model.mus[i] as number)) / (model.sigmas[i] as number);
    sum += (model.scales[i] as number) * Math.exp(-0.5 * z * z);
  }
  return sum / model.mus.length; // the common 1/√(2π) cancels in l/g
}

function parzenModel(size: number, good: readonly number[], bad: readonly number[]): DimensionModel {
  const span = Math.max(size - 1, 1);
  const toUnit = (k: number): number => (size === 1 ? 0.5 : k / span);
  const halfStep = 0.5 / span;
  const l = mixture(good.map(toUnit), halfStep);
  const g = mixture(bad.map(toUnit), halfStep);
  // log l/g per grid index, computed the first time a draw lands there (sample fills it before returning).
  const logRatio = new Float64Array(size).fill(Number.NaN);
  return {
    size,
    logRatio,
    sample(rng: SeededRng): number {
      const component = rng.int(0, l.mus.length - 1);
      let u = Number.NaN;
      for (let attempt = 0; attempt < 32; attempt++) {
        u = (l.mus[component] as number) + (l.sigmas[component] as number) * rng.normal();
        if (u >= 0 && u <= 1) break;
      }
      const k = Math.min(Math.max(Math.round(Math.min(Math.max(u, 0), 1) * span), 0), size - 1);
      if (Number.isNaN(logRatio[k]))
        logRatio[k] = Math.log(mixtureDensity(l, toUnit(k))) - Math.log(mixtureDensity(g, toUnit(k)));
      return k;
    },
  };
}
