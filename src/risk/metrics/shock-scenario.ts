import { InvalidInputError, quote } from '../../core/errors.js';
import type { PositionExposure } from './position-exposure.types.js';

/**
 * A user-defined stress scenario: instantaneous price shocks (simple returns, −0.2 = a 20% fall) per symbol
 * and per sector, applied to current holdings. Each position takes the most specific shock: its symbol's,
 * else its sector's, else `otherShock` (default 0: untouched). P&L_i = v_i·shock_i with v_i the signed market
 * value, so a short gains when its shock is negative. Shocks must be ≥ −1 (a price cannot fall below zero).
 */
export interface ShockScenario {
  readonly name: string;
  readonly symbolShocks?: Readonly<Record<string, number>>;
  readonly sectorShocks?: Readonly<Record<string, number>>;
  readonly otherShock?: number;
}

export const SHOCK_SOURCES = ['symbol', 'sector', 'other'] as const;
export type ShockSource = (typeof SHOCK_SOURCES)[number];

export interface ScenarioResult {
  readonly name: string;
  /** Total P&L in money. */
  readonly pnl: number;
  /** P&L as a fraction of gross exposure Σ|v_i|. */
  readonly pnlFraction: number;
  readonly positions: readonly {
    readonly symbol: string;
    readonly shock: number;
    readonly source: ShockSource;
    readonly pnl: number;
  }[];
}

export function applyShockScenario(
  positions: readonly PositionExposure[],
  scenario: ShockScenario,
): ScenarioResult {
  const check = (shock: number, what: string): number => {
    if (!(Number.isFinite(shock) && shock >= -1)) {
      throw new InvalidInputError(
        `scenario ${quote(scenario.name)}: ${what} shock ${quote(shock)} must be a number >= -1`,
      );
    }
    return shock;
  };
  const other = check(scenario.otherShock ?? 0, 'other');
  let pnl = 0;
  let gross = 0;
  const rows = positions.map((position) => {
    const bySymbol = ownValue(scenario.symbolShocks, position.symbol);
    const sector = position.sector ?? null;
    const bySector = sector === null ? undefined : ownValue(scenario.sectorShocks, sector);
    const [shock, source]: [number, ShockSource] =
      bySymbol !== undefined
        ? [check(bySymbol, `symbol ${position.symbol}`), 'symbol']
        : bySector !== undefined
          ? [check(bySector, `sector ${sector ?? ''}`), 'sector']
          : [other, 'other'];
    const positionPnl = position.marketValue * shock;
    pnl += positionPnl;
    gross += Math.abs(position.marketValue);
    return { symbol: position.symbol, shock, source, pnl: positionPnl };
  });
  return { name: scenario.name, pnl, pnlFraction: gross > 0 ? pnl / gross : 0, positions: rows };
}

/** The record's own entry (never an inherited one such as "constructor"). */
function ownValue(record: Readonly<Record<string, number>> | undefined, key: string): number | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
