import type { Order } from '../../model/order.types.js';
import type { PairsConfig } from './config.js';
import type { PairTest } from './pair-selection.js';
import type { SpreadModel } from './spread-model.js';

/** +1: long the spread (buy y, sell x); −1: short the spread (sell y, buy x); 0: flat. */
export type SpreadDirection = -1 | 0 | 1;

/** Why a pair's position is being closed. */
export type PairExitReason = 'exit' | 'stop' | 'time-stop' | 'retired' | 'leg-failed';

/** The two legs of a pair: 0 is y (the dependent leg), 1 is x. */
export type Leg = 0 | 1;

/**
 * One selected pair and its trading state. The strategy owns the orders; this holds what they aim at
 * (`target`, signed units per leg), what filled (`held`, signed, from this pair's own fills, so it does not
 * depend on other pairs or strategies trading the same symbols) and which order works on each leg.
 *
 * Decision rule (`decide`, called once per bar with the spread z-score):
 * - flat: long the spread when −stopZ < z ≤ −entryZ, short it when entryZ ≤ z < stopZ, only while β > 0 and
 *   the side is armed.
 * - long (short mirrored): close at z ≥ −exitZ (`exit`), at z ≤ −stopZ (`stop`), or after
 *   ⌈maxHoldingHalfLives × half-life⌉ bars since the entry decision (`time-stop`).
 * - a stop, time stop or failed leg disarms that side until z is back at its exit level (z ≥ −exitZ for the
 *   long side), so a spread that broke away is not bought again while it is still away.
 * - a retiring pair (cointegration broke at a re-test) only closes.
 */
export class ActivePair {
  readonly yIndex: number;
  readonly xIndex: number;
  readonly formationHedgeRatio: number;
  pValue: number;
  halfLife: number;
  direction: SpreadDirection = 0;
  zScore: number | null;
  retiring = false;
  barsInTrade = 0;
  readonly target = new Float64Array(2);
  readonly held = new Float64Array(2);
  /** The order working on each leg, null when none. */
  readonly working: [Order | null, Order | null] = [null, null];
  /** Set while the strategy itself cancels this pair's orders (those cancels are not leg failures). */
  cancelling = false;
  /** Why the last `decide` closed the position; null when it did not. */
  exitReason: PairExitReason | null = null;
  private longArmed = true;
  private shortArmed = true;

  constructor(
    test: PairTest,
    readonly model: SpreadModel,
    zScore: number | null,
  ) {
    this.yIndex = test.yIndex;
    this.xIndex = test.xIndex;
    this.formationHedgeRatio = test.hedgeRatio;
    this.pValue = test.pValue;
    this.halfLife = test.halfLife;
    this.zScore = zScore;
  }

  get hasWorkingOrders(): boolean {
    return this.working[0] !== null || this.working[1] !== null;
  }

  /** Flat in both legs with nothing working: a retiring pair in this state can be dropped. */
  get isIdle(): boolean {
    return this.held[0] === 0 && this.held[1] === 0 && !this.hasWorkingOrders;
  }

  /**
   * The direction wanted now (see the class comment); when it closes a position `exitReason` says why.
   * Returns a number, not an object: it runs for every pair on every bar.
   */
  decide(config: PairsConfig): SpreadDirection {
    const z = this.zScore;
    this.exitReason = null;
    if (this.retiring) {
      if (this.direction !== 0) this.exitReason = 'retired';
      return 0;
    }
    if (z === null) return this.direction;
    if (z >= -config.exitZ) this.longArmed = true;
    if (z <= config.exitZ) this.shortArmed = true;
    if (this.direction === 0) {
      if (!(this.model.hedgeRatio > 0)) return 0;
      if (this.longArmed && z <= -config.entryZ && z > -config.stopZ) return 1;
      if (this.shortArmed && z >= config.entryZ && z < config.stopZ) return -1;
      return 0;
    }
    const signed = this.direction === 1 ? z : -z;
    if (signed >= -config.exitZ) this.exitReason = 'exit';
    else if (signed <= -config.stopZ) this.exitReason = 'stop';
    else if (this.barsInTrade >= Math.ceil(config.maxHoldingHalfLives * this.halfLife)) {
      this.exitReason = 'time-stop';
    }
    if (this.exitReason === null) return this.direction;
    if (this.exitReason !== 'exit') this.disarm(this.direction);
    return 0;
  }

  /** Stops re-entry on that side until the spread is back at its exit level. */
  disarm(direction: SpreadDirection): void {
    if (direction === 1) this.longArmed = false;
    if (direction === -1) this.shortArmed = false;
  }
}
