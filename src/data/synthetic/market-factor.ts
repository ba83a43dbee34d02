import type { SeededRng } from '../../core/rng.js';
import type { BarClock } from './bar-clock.js';
import type { MarketFactorSpec } from './market-spec.types.js';
import { shockSampler } from './random-streams.js';

/** The shared market factor, per bar. */
export interface MarketFactorPath {
  /** Zero-drift log-return shock of the market: sigma_regime * sqrt(dt * g) * z + jumps. */
  readonly shock: Float64Array;
  /** sqrt(g_t), the GARCH volatility multiplier (mean of g is 1); sector and idiosyncratic shocks share it. */
  readonly volatilityMultiplier: Float64Array;
}

/**
 * GARCH(1,1) written as a variance multiplier g around the regime's variance, so that within a regime and
 * for bars of equal length it is exactly sigma^2_t = omega + alpha eps^2_{t-1} + beta sigma^2_{t-1} with
 * omega = sigma_regime^2 dt (1 - alpha - beta), i.e. long-run variance = the regime's. Writing it as a
 * multiplier lets the level move at once when the regime switches (the regime is the market's state;
 * GARCH adds clustering around it) and keeps it right for bars of unequal length (overnight).
 * Jumps: N ~ Poisson(intensity dt) per bar, log-jump = N mean + sqrt(N) stdev z'; they do not feed g.
 */
export function simulateMarketFactor(
  rng: SeededRng,
  market: MarketFactorSpec,
  clock: BarClock,
  regimes: Uint8Array,
): MarketFactorPath {
  const n = clock.ts.length;
  const shock = new Float64Array(n);
  const volatilityMultiplier = new Float64Array(n);
  const draw = shockSampler(rng, market.shocks);
  const { alpha, beta } = market.garch;
  const omega = 1 - alpha - beta;
  const { intensity, mean, stdev } = market.jumps;
  const volatilities = market.regimes.map((regime) => regime.volatility);
  let g = 1;
  for (let t = 0; t < n; t++) {
    const dt = clock.yearFraction[t] as number;
    const multiplier = Math.sqrt(g);
    const z = draw();
    let x = (volatilities[regimes[t] as number] as number) * Math.sqrt(dt) * multiplier * z;
    if (intensity > 0) {
      const jumps = rng.poisson(intensity * dt);
      if (jumps > 0) x += jumps * mean + Math.sqrt(jumps) * stdev * rng.normal();
    }
    shock[t] = x;
    volatilityMultiplier[t] = multiplier;
    g = omega + alpha * g * z * z + beta * g;
  }
  return { shock, volatilityMultiplier };
}

/** A sector's shock per bar: volatility * sqrt(dt) * sqrt(g_t) * z, z of the market's shock law. */
export function simulateSectorFactor(
  draw: () => number,
  volatility: number,
  clock: BarClock,
  market: MarketFactorPath,
): Float64Array {
  const n = clock.ts.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    out[t] =
      volatility *
      Math.sqrt(clock.yearFraction[t] as number) *
      (market.volatilityMultiplier[t] as number) *
      draw();
  }
  return out;
}
