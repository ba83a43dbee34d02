import type { SeededRng } from '../../core/rng.js';
import type { BarClock } from './bar-clock.js';
import type { MarketFactorPath } from './market-factor.js';
import type { JumpSpec, MarketFactorSpec, SymbolSpec } from './market-spec.types.js';

/** A symbol's log close path before bars are drawn around it. */
export interface PricePath {
  /** log of the close before the first bar. */
  readonly startLogPrice: number;
  readonly logClose: Float64Array;
  /** Conditional standard deviation of each bar's diffusive log return (jumps excluded). */
  readonly barVolatility: Float64Array;
}

/**
 * Log returns of the one-factor-per-sector model, for a bar of dt years in regime k:
 *   r_t = m_k dt + beta M_t + L S_t + sigma_I sqrt(dt) sqrt(g_t) z_t + J_t
 * with M the market shock, S the sector shock, L the sector loading, J the symbol's own jumps, and
 *   v_k = beta^2 sigma_k^2 + L^2 sigma_S^2 + sigma_I^2                 (annual diffusive variance)
 *   m_k = alpha + beta mu_k - v_k / 2 - lambda_M (e^(beta mu_M + beta^2 s_M^2 / 2) - 1) - lambda_I (e^(mu_I + s_I^2 / 2) - 1)
 * so that the expected arithmetic return is about alpha + beta mu_k per year: the Ito and jump compensators
 * use the regime's long-run variance (g = 1) and a normal shock, hence "about".
 */
export function simulateSymbolPath(
  rng: SeededRng,
  draw: () => number,
  symbol: SymbolSpec,
  sectorVolatility: number,
  sectorShock: Float64Array,
  market: MarketFactorSpec,
  factor: MarketFactorPath,
  clock: BarClock,
  regimes: Uint8Array,
): PricePath {
  const n = clock.ts.length;
  const { beta, idiosyncraticVolatility: idio } = symbol;
  const loading = symbol.sectorLoading ?? 1;
  const alpha = symbol.alpha ?? 0;
  const ownJumps: JumpSpec = symbol.jumps ?? { intensity: 0, mean: 0, stdev: 0 };
  const marketJumps = market.jumps;
  const jumpCompensator =
    marketJumps.intensity *
      (Math.exp(beta * marketJumps.mean + 0.5 * beta * beta * marketJumps.stdev ** 2) - 1) +
    ownJumps.intensity * (Math.exp(ownJumps.mean + 0.5 * ownJumps.stdev ** 2) - 1);
  const varianceRate = market.regimes.map(
    (regime) =>
      beta * beta * regime.volatility ** 2 + loading * loading * sectorVolatility ** 2 + idio * idio,
  );
  const driftRate = market.regimes.map(
    (regime, k) => alpha + beta * regime.drift - 0.5 * (varianceRate[k] as number) - jumpCompensator,
  );

  const logClose = new Float64Array(n);
  const barVolatility = new Float64Array(n);
  const startLogPrice = Math.log(symbol.startPrice);
  let logPrice = startLogPrice;
  for (let t = 0; t < n; t++) {
    const k = regimes[t] as number;
    const dt = clock.yearFraction[t] as number;
    const multiplier = factor.volatilityMultiplier[t] as number;
    let r =
      (driftRate[k] as number) * dt +
      beta * (factor.shock[t] as number) +
      loading * (sectorShock[t] as number) +
      idio * Math.sqrt(dt) * multiplier * draw();
    if (ownJumps.intensity > 0) {
      const jumps = rng.poisson(ownJumps.intensity * dt);
      if (jumps > 0) r += jumps * ownJumps.mean + Math.sqrt(jumps) * ownJumps.stdev * rng.normal();
    }
    logPrice += r;
    logClose[t] = logPrice;
    barVolatility[t] = Math.sqrt((varianceRate[k] as number) * dt) * multiplier;
  }
  return { startLogPrice, logClose, barVolatility };
}

/** Parameters of a generated pair, per bar: see PairSpec. */
export interface PairParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly phi: number;
  readonly spreadVolatility: number;
}

/**
 * A's path from B's: log A_t = alpha + beta log B_t + u_t, u_t = phi u_{t-1} + s sqrt(1 - phi^2) e_t with
 * normal e, and u before the first bar drawn from the stationary law normal(0, s^2) (so u is stationary
 * from the start). A's conditional bar volatility is sqrt(beta^2 vol_B^2 + s^2 (1 - phi^2)).
 */
export function simulatePairPath(rng: SeededRng, pair: PairParameters, b: PricePath): PricePath {
  const n = b.logClose.length;
  const { alpha, beta, phi, spreadVolatility } = pair;
  const innovation = spreadVolatility * Math.sqrt(1 - phi * phi);
  const logClose = new Float64Array(n);
  const barVolatility = new Float64Array(n);
  let u = spreadVolatility * rng.normal();
  const startLogPrice = alpha + beta * b.startLogPrice + u;
  for (let t = 0; t < n; t++) {
    u = phi * u + innovation * rng.normal();
    logClose[t] = alpha + beta * (b.logClose[t] as number) + u;
    const volatilityB = b.barVolatility[t] as number;
    barVolatility[t] = Math.sqrt(beta * beta * volatilityB * volatilityB + innovation * innovation);
  }
  return { startLogPrice, logClose, barVolatility };
}
