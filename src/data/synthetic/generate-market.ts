import type { Instrument } from '../../model/instrument.js';
import type { BarSeries } from '../bar-series.js';
import { buildBarClock } from './bar-clock.js';
import { buildBars } from './bar-builder.js';
import { simulateMarketFactor, simulateSectorFactor } from './market-factor.js';
import type {
  GenerateMarketOptions,
  GeneratedPair,
  MarketSpec,
  SyntheticMarket,
} from './market-spec.types.js';
import { randomStream, shockSampler } from './random-streams.js';
import { simulateRegimes } from './regime-chain.js';
import { resolveMarketSpec, validateGenerateOptions } from './resolve-spec.js';
import { simulatePairPath, simulateSymbolPath, type PricePath } from './symbol-path.js';

/**
 * A synthetic market, reproducible bit for bit from (spec, options). Steps:
 * 1. bar grid: weekdays from `start`, one '1d' bar at 00:00 UTC or 390 '1m' bars 14:30-20:59 UTC per day;
 * 2. market regime per day: Markov chain over spec.market.regimes (constant within a day);
 * 3. market factor: regime vol x GARCH(1,1) multiplier x shock (Student-t or normal) + Merton jumps; rates
 *    are annual and scaled by each bar's dt, but GARCH steps once per bar, so on 1m bars volatility clusters
 *    over minutes rather than days;
 * 4. one factor per sector sharing the GARCH multiplier; each symbol = drift + beta x market + loading x
 *    sector + idiosyncratic shock + own jumps (symbol-path.ts);
 * 5. pairs: leg a = alpha + beta log(b) + AR(1) spread with the chosen half-life, replacing a's factor path;
 * 6. bars drawn around each close path: overnight gap, Brownian-bridge high/low, tick rounding, volume (bar-builder.ts).
 *
 * Every random draw comes from a stream named after what it drives (randomStream: "market/regimes",
 * "market/factor", "sector/<name>", "symbol/<SYMBOL>/path", "symbol/<SYMBOL>/bars", "pair/<A>"), so adding,
 * removing or reordering symbols leaves the others' series unchanged (as long as the market and their
 * sectors are unchanged).
 */
export function generateMarket(spec: MarketSpec, options: GenerateMarketOptions): SyntheticMarket {
  validateGenerateOptions(options);
  const resolved = resolveMarketSpec(spec);
  const { seed } = options;
  const { market } = resolved;
  const clock = buildBarClock(
    options.start,
    options.days,
    options.timeframe,
    resolved.bars.overnightVarianceShare,
  );

  const dayRegimes = simulateRegimes(
    randomStream(seed, 'market/regimes'),
    market.transitions,
    options.days,
    resolved.initialRegime,
  );
  const regimes = new Uint8Array(clock.ts.length);
  for (let d = 0; d < options.days; d++) {
    regimes.fill(dayRegimes[d] as number, d * clock.barsPerDay, (d + 1) * clock.barsPerDay);
  }
  const factor = simulateMarketFactor(randomStream(seed, 'market/factor'), market, clock, regimes);

  const sectorShocks = new Map<string, Float64Array>();
  for (const [name, volatility] of resolved.sectorVolatility) {
    const draw = shockSampler(randomStream(seed, `sector/${name}`), market.shocks);
    sectorShocks.set(name, simulateSectorFactor(draw, volatility, clock, factor));
  }

  const legsA = new Set(resolved.pairs.map((pair) => pair.a));
  const paths = new Map<string, PricePath>();
  for (const symbol of resolved.symbols) {
    if (legsA.has(symbol.symbol)) continue;
    const rng = randomStream(seed, `symbol/${symbol.symbol}/path`);
    const sectorShock = sectorShocks.get(symbol.sector) as Float64Array;
    const sectorVolatility = resolved.sectorVolatility.get(symbol.sector) as number;
    const draw = shockSampler(rng, market.shocks);
    paths.set(
      symbol.symbol,
      simulateSymbolPath(rng, draw, symbol, sectorVolatility, sectorShock, market, factor, clock, regimes),
    );
  }

  const startPrices = new Map(resolved.symbols.map((symbol) => [symbol.symbol, symbol.startPrice]));
  const pairs: GeneratedPair[] = resolved.pairs.map((pair) => {
    const halfLife = pair.halfLifeDays * clock.barsPerDay;
    const phi = Math.exp(-Math.LN2 / halfLife);
    const alpha =
      pair.alpha ??
      Math.log(startPrices.get(pair.a) as number) - pair.beta * Math.log(startPrices.get(pair.b) as number);
    const parameters = { alpha, beta: pair.beta, phi, spreadVolatility: pair.spreadVolatility };
    paths.set(
      pair.a,
      simulatePairPath(randomStream(seed, `pair/${pair.a}`), parameters, paths.get(pair.b) as PricePath),
    );
    return { a: pair.a, b: pair.b, halfLife, ...parameters };
  });

  const series = new Map<string, BarSeries>();
  resolved.symbols.forEach((symbol, i) => {
    const rng = randomStream(seed, `symbol/${symbol.symbol}/bars`);
    const { tickSize } = resolved.instruments[i] as Instrument;
    const path = paths.get(symbol.symbol) as PricePath;
    series.set(
      symbol.symbol,
      buildBars(rng, symbol.symbol, clock, path, symbol.averageVolume, tickSize, resolved.bars),
    );
  });

  return {
    series,
    instruments: resolved.instruments,
    regimes,
    regimeNames: market.regimes.map((regime) => regime.name),
    pairs,
    timeframe: options.timeframe,
    seed,
  };
}
