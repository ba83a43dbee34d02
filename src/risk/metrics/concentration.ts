import { InvalidInputError, quote } from '../../core/errors.js';
import type { PositionExposure } from './position-exposure.types.js';

/**
 * Concentration of holdings. Weights are shares of gross exposure, w_i = |v_i| / Σ_j |v_j| (so shorts count
 * as exposure, and the weights are in [0, 1] and sum to 1):
 * - Herfindahl-Hirschman index H = Σ w_i², from 1/N (equal weights) to 1 (one position);
 * - normalized H* = (H − 1/N) / (1 − 1/N), from 0 to 1 (0 for a single position, where it is undefined);
 * - effective number of positions 1/H;
 * - gross Σ|v_i| and net Σ v_i exposure, the largest weight and the sum of the five largest.
 */
export interface ConcentrationReport {
  readonly weights: readonly { readonly symbol: string; readonly weight: number }[];
  readonly herfindahlIndex: number;
  readonly normalizedHerfindahl: number;
  readonly effectivePositions: number;
  readonly largestWeight: number;
  readonly topFiveWeight: number;
  readonly grossExposure: number;
  readonly netExposure: number;
}

export function concentration(positions: readonly PositionExposure[]): ConcentrationReport {
  let gross = 0;
  let net = 0;
  for (const position of positions) {
    if (!Number.isFinite(position.marketValue)) {
      throw new InvalidInputError(
        `market value ${quote(position.marketValue)} of ${quote(position.symbol)} must be a finite number`,
      );
    }
    gross += Math.abs(position.marketValue);
    net += position.marketValue;
  }
  if (!(gross > 0)) throw new InvalidInputError('concentration needs at least one non-zero position');
  const weights = positions.map((p) => ({ symbol: p.symbol, weight: Math.abs(p.marketValue) / gross }));
  const herfindahlIndex = weights.reduce((sum, { weight }) => sum + weight * weight, 0);
  const n = weights.length;
  const sorted = weights.map((w) => w.weight).sort((a, b) => b - a);
  return {
    weights,
    herfindahlIndex,
    normalizedHerfindahl: n > 1 ? (herfindahlIndex - 1 / n) / (1 - 1 / n) : 0,
    effectivePositions: 1 / herfindahlIndex,
    largestWeight: sorted[0] as number,
    topFiveWeight: sorted.slice(0, 5).reduce((a, b) => a + b, 0),
    grossExposure: gross,
    netExposure: net,
  };
}
