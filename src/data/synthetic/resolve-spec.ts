import { InvalidInputError, quote } from '../../core/errors.js';
import { createInstrument, type Instrument } from '../../model/instrument.js';
import { DEFAULT_BAR_SHAPE, DEFAULT_MARKET_FACTOR } from './market-defaults.js';
import type {
  BarShapeSpec,
  GenerateMarketOptions,
  JumpSpec,
  MarketFactorSpec,
  MarketSpec,
  PairSpec,
  SymbolSpec,
} from './market-spec.types.js';

/** A spec with defaults filled in, symbols normalised (upper case) and every number checked. */
export interface ResolvedMarketSpec {
  readonly market: MarketFactorSpec;
  readonly initialRegime: number | undefined;
  readonly sectorVolatility: ReadonlyMap<string, number>;
  readonly symbols: readonly SymbolSpec[];
  readonly instruments: readonly Instrument[];
  readonly pairs: readonly PairSpec[];
  readonly bars: BarShapeSpec;
}

const MAX_REGIMES = 255; // regimes are stored in a Uint8Array
const STOCHASTIC_TOLERANCE = 1e-9;
/** About 400 years of trading days: far beyond any use, and it keeps a typo from allocating gigabytes. */
const MAX_DAYS = 100_000;

export function resolveMarketSpec(spec: MarketSpec): ResolvedMarketSpec {
  const market = resolveMarketFactor(spec.market ?? {});
  const initialRegime = resolveInitialRegime(market);

  const sectorVolatility = new Map<string, number>();
  for (const sector of spec.sectors) {
    if (sectorVolatility.has(sector.name))
      throw new InvalidInputError(`sector ${quote(sector.name)} is listed twice`);
    requireNonNegative(`sector ${quote(sector.name)} volatility`, sector.volatility);
    sectorVolatility.set(sector.name, sector.volatility);
  }

  if (spec.symbols.length === 0) throw new InvalidInputError('a market spec needs at least one symbol');
  const instruments: Instrument[] = [];
  const symbols = spec.symbols.map((raw) => {
    const instrument = createInstrument({
      symbol: raw.symbol,
      sector: raw.sector,
      name: raw.name ?? null,
      ...(raw.tickSize === undefined ? {} : { tickSize: raw.tickSize }),
    });
    if (instruments.some((known) => known.symbol === instrument.symbol)) {
      throw new InvalidInputError(`symbol ${quote(instrument.symbol)} is listed twice`);
    }
    instruments.push(instrument);
    return resolveSymbol({ ...raw, symbol: instrument.symbol }, sectorVolatility);
  });
  const known = new Set(symbols.map((s) => s.symbol));
  const pairs = resolvePairs(spec.pairs ?? [], known);
  const bars: BarShapeSpec = { ...DEFAULT_BAR_SHAPE, ...spec.bars };
  const share = bars.overnightVarianceShare;
  if (!(share >= 0 && share < 1))
    throw new InvalidInputError(`overnightVarianceShare ${quote(share)} must be in [0, 1)`);
  requireFinite('volumeReturnSensitivity', bars.volumeReturnSensitivity);
  requireNonNegative('volumeNoise', bars.volumeNoise);
  return { market, initialRegime, sectorVolatility, symbols, instruments, pairs, bars };
}

export function validateGenerateOptions(options: GenerateMarketOptions): void {
  if (!Number.isSafeInteger(options.seed))
    throw new InvalidInputError(`seed ${quote(options.seed)} must be an integer`);
  if (!Number.isFinite(options.start))
    throw new InvalidInputError(`start ${quote(options.start)} must be epoch ms (UTC)`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_DAYS) {
    throw new InvalidInputError(`days ${quote(options.days)} must be an integer in [1, ${MAX_DAYS}]`);
  }
  if (options.timeframe !== '1d' && options.timeframe !== '1m') {
    throw new InvalidInputError(`timeframe ${quote(options.timeframe)} must be "1d" or "1m"`);
  }
}

function resolveMarketFactor(partial: Partial<MarketFactorSpec>): MarketFactorSpec {
  const market: MarketFactorSpec = { ...DEFAULT_MARKET_FACTOR, ...partial };
  const r = market.regimes.length;
  if (r === 0 || r > MAX_REGIMES)
    throw new InvalidInputError(`regimes has ${r} entries; it must have 1 to ${MAX_REGIMES}`);
  for (const regime of market.regimes) {
    requireFinite(`regime ${quote(regime.name)} drift`, regime.drift);
    requireNonNegative(`regime ${quote(regime.name)} volatility`, regime.volatility);
  }
  if (market.transitions.length !== r) {
    throw new InvalidInputError(
      `transitions has ${market.transitions.length} rows; it must have one per regime (${r})`,
    );
  }
  market.transitions.forEach((row, i) => {
    const sum = row.reduce((total, p) => total + p, 0);
    if (
      row.length !== r ||
      row.some((p) => !(p >= 0 && p <= 1)) ||
      Math.abs(sum - 1) > STOCHASTIC_TOLERANCE
    ) {
      throw new InvalidInputError(
        `transitions row ${i} ${quote(row)} must hold ${r} probabilities in [0, 1] that sum to 1`,
      );
    }
  });
  const { alpha, beta } = market.garch;
  if (!(alpha >= 0 && beta >= 0 && alpha + beta < 1)) {
    throw new InvalidInputError(
      `garch ${quote(market.garch)} must have alpha >= 0, beta >= 0 and alpha + beta < 1`,
    );
  }
  requireJumps('market jumps', market.jumps);
  const { distribution, degreesOfFreedom } = market.shocks;
  if (distribution !== 'normal' && distribution !== 'student-t') {
    throw new InvalidInputError(`shock distribution ${quote(distribution)} must be "normal" or "student-t"`);
  }
  if (
    distribution === 'student-t' &&
    degreesOfFreedom !== undefined &&
    !(Number.isInteger(degreesOfFreedom) && degreesOfFreedom >= 3)
  ) {
    throw new InvalidInputError(
      `degreesOfFreedom ${quote(degreesOfFreedom)} must be an integer >= 3 (finite variance)`,
    );
  }
  return market;
}

function resolveInitialRegime(market: MarketFactorSpec): number | undefined {
  if (market.initialRegime === undefined) return undefined;
  const index = market.regimes.findIndex((regime) => regime.name === market.initialRegime);
  if (index < 0) {
    const names = market.regimes.map((regime) => regime.name).join(', ');
    throw new InvalidInputError(`initialRegime ${quote(market.initialRegime)} must be one of ${names}`);
  }
  return index;
}

function resolveSymbol(symbol: SymbolSpec, sectors: ReadonlyMap<string, number>): SymbolSpec {
  const label = `symbol ${quote(symbol.symbol)}`;
  if (!sectors.has(symbol.sector)) {
    throw new InvalidInputError(
      `${label} has sector ${quote(symbol.sector)}, which must be one of ${[...sectors.keys()].join(', ')}`,
    );
  }
  requirePositive(`${label} startPrice`, symbol.startPrice);
  requireFinite(`${label} beta`, symbol.beta);
  requireFinite(`${label} sectorLoading`, symbol.sectorLoading ?? 1);
  requireNonNegative(`${label} idiosyncraticVolatility`, symbol.idiosyncraticVolatility);
  requireFinite(`${label} alpha`, symbol.alpha ?? 0);
  requirePositive(`${label} averageVolume`, symbol.averageVolume);
  if (symbol.jumps !== undefined) requireJumps(`${label} jumps`, symbol.jumps);
  return symbol;
}

function resolvePairs(pairs: readonly PairSpec[], known: ReadonlySet<string>): PairSpec[] {
  const legsA = new Set<string>();
  const resolved = pairs.map((raw) => {
    const pair = { ...raw, a: raw.a.trim().toUpperCase(), b: raw.b.trim().toUpperCase() };
    const label = `pair ${quote(`${pair.a}/${pair.b}`)}`;
    for (const leg of [pair.a, pair.b]) {
      if (!known.has(leg))
        throw new InvalidInputError(`${label}: symbol ${quote(leg)} must be one of the spec's symbols`);
    }
    if (pair.a === pair.b) throw new InvalidInputError(`${label} must join two different symbols`);
    if (legsA.has(pair.a))
      throw new InvalidInputError(`${label}: ${quote(pair.a)} is already leg a of another pair`);
    legsA.add(pair.a);
    requireFinite(`${label} beta`, pair.beta);
    if (pair.alpha !== undefined) requireFinite(`${label} alpha`, pair.alpha);
    requirePositive(`${label} halfLifeDays`, pair.halfLifeDays);
    requireNonNegative(`${label} spreadVolatility`, pair.spreadVolatility);
    return pair;
  });
  // A pair's a is built from b's path: b must have its own path, not be another pair's a.
  for (const pair of resolved) {
    if (legsA.has(pair.b))
      throw new InvalidInputError(
        `pair ${quote(`${pair.a}/${pair.b}`)}: leg b ${quote(pair.b)} must not be leg a of a pair`,
      );
  }
  return resolved;
}

function requireJumps(label: string, jumps: JumpSpec): void {
  requireNonNegative(`${label} intensity`, jumps.intensity);
  requireFinite(`${label} mean`, jumps.mean);
  requireNonNegative(`${label} stdev`, jumps.stdev);
}

function requireFinite(label: string, value: number): void {
  if (!Number.isFinite(value))
    throw new InvalidInputError(`${label} ${quote(value)} must be a finite number`);
}

function requireNonNegative(label: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value)))
    throw new InvalidInputError(`${label} ${quote(value)} must be >= 0`);
}

function requirePositive(label: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value)))
    throw new InvalidInputError(`${label} ${quote(value)} must be > 0`);
}
