import { IllegalStateError, InvalidInputError } from '../core/errors.js';
import type { InstrumentId } from '../core/ids.js';
import type { RiskLevel } from '../model/risk-level.js';
import { parseRiskConfig, type RiskConfig, type RiskConfigInput } from '../risk/pre-trade/risk-config.js';
import type { RiskView } from '../risk/pre-trade/risk-view.types.js';
import { fromPreset, type PresetOverrides } from '../risk/presets.js';
import { planKillSwitch, type KillSwitchPlan } from '../risk/state/kill-switch.js';
import {
  assertOperatorInput,
  TradingStateMachine,
  type StateTransition,
  type TradingState,
} from '../risk/state/trading-state.js';
import type { SettingRepository } from '../store/api-repositories.types.js';
import type { JsonValue, Store } from '../store/repositories.types.js';
import { killSwitchTotal, riskStateGauge, TRADING_STATE_VALUES } from './metrics/app-metrics.js';
import type { TopicRegistry } from './realtime/topic-registry.js';

/**
 * How the limits were chosen: a preset with whole sections replaced (a section set to null turns that rule
 * off), or a full configuration. Kept as given, so what is persisted says what the operator asked for.
 */
export type RiskLimitsChoice =
  | { readonly preset: RiskLevel; readonly overrides?: Readonly<Record<string, unknown>> }
  | { readonly limits: RiskConfigInput };

export interface RiskLimitsView {
  readonly choice: RiskLimitsChoice;
  /** The validated configuration the risk engine runs (defaults filled in; absent sections are off). */
  readonly limits: RiskConfig;
  readonly tradingState: TradingState;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

export interface KillSwitchOutcome {
  readonly tradingState: TradingState;
  /** The state change, or null when it was already in the requested state. */
  readonly transition: StateTransition | null;
  /** Open orders to cancel and positions to close, from the store; null for a release. */
  readonly plan: KillSwitchPlan | null;
  /** Whether a trading node of this process carried out the plan (none runs inside the API server yet). */
  readonly executed: boolean;
}

const LIMITS_KEY = 'risk.limits';
const STATE_KEY = 'risk.trading-state';
export const RISK_TOPIC = 'risk';

export interface RiskControlsOptions {
  readonly store: Store;
  readonly settings: SettingRepository;
  /** The configured risk level (TRADING risk_level), used until an operator sets limits. */
  readonly defaultLevel: RiskLevel;
  readonly topics?: TopicRegistry;
  readonly now?: () => number;
}

/**
 * The operator's risk controls: the pre-trade limits in force and the trading state with the kill switch.
 * Both persist (settings) so a restart keeps a halt; every kill switch and state change is written to the
 * risk audit log and published on the `risk` topic. Trading nodes read the limits and the state from here
 * and subscribe to the topic to carry out a kill switch.
 */
export class RiskControls {
  private readonly machine = new TradingStateMachine();
  private choice: RiskLimitsChoice;
  private limits: RiskConfig;
  private updatedAt: number | null = null;
  private updatedBy: string | null = null;
  private cachedView: RiskLimitsView | null = null;
  private readonly now: () => number;

  private constructor(private readonly options: RiskControlsOptions) {
    this.now = options.now ?? Date.now;
    this.choice = { preset: options.defaultLevel };
    this.limits = fromPreset(options.defaultLevel);
    options.topics?.register(RISK_TOPIC, 'risk limit changes, kill switch and trading-state transitions');
  }

  /** Loads what an operator set before (limits, a halt) or starts from the configured level. */
  static async open(options: RiskControlsOptions): Promise<RiskControls> {
    const controls = new RiskControls(options);
    const saved = await options.settings.get(LIMITS_KEY);
    if (saved !== null) {
      const { choice, updatedBy } = saved.value as { choice: RiskLimitsChoice; updatedBy: string };
      controls.apply(choice);
      [controls.updatedAt, controls.updatedBy] = [saved.updatedAt, updatedBy];
      controls.cachedView = null;
    }
    const state = await options.settings.get(STATE_KEY);
    const persisted = (state?.value as { state?: TradingState } | undefined)?.state;
    if (persisted === 'halted' || persisted === 'reducing') {
      const cause = persisted === 'halted' ? 'kill-switch' : 'breach';
      controls.machine.restrict(persisted, { cause, reason: 'restored at start-up' }, controls.now());
    }
    riskStateGauge.set(TRADING_STATE_VALUES[controls.machine.state]);
    return controls;
  }

  get tradingState(): TradingState {
    return this.machine.state;
  }

  /** The limits and state; the same object until they change (readers may cache what they derive from it). */
  view(): RiskLimitsView {
    this.cachedView ??= {
      choice: this.choice,
      limits: this.limits,
      tradingState: this.machine.state,
      updatedAt: this.updatedAt,
      updatedBy: this.updatedBy,
    };
    return this.cachedView;
  }

  /** Validates and puts new limits in force; InvalidInputError naming every bad field otherwise. */
  async setLimits(choice: RiskLimitsChoice, operator: string): Promise<RiskLimitsView> {
    if (operator.trim() === '') throw new InvalidInputError('operator "" must be a non-empty name');
    this.apply(choice);
    const at = this.now();
    [this.updatedAt, this.updatedBy] = [at, operator];
    this.cachedView = null;
    await this.options.settings.put(LIMITS_KEY, toJson({ choice, updatedBy: operator }), at);
    this.options.topics?.publish(RISK_TOPIC, { event: 'limits-updated', by: operator, limits: this.limits });
    return this.view();
  }

  /**
   * Engages the kill switch: halted until released, with the plan (open orders to cancel and, with
   * `flatten`, positions to close) computed from the store and written to the audit log.
   */
  async engageKillSwitch(request: {
    operator: string;
    reason: string;
    flatten: boolean;
  }): Promise<KillSwitchOutcome> {
    assertOperatorInput(request.operator, request.reason);
    const ts = this.now();
    const plan = planKillSwitch(await this.storeView(ts), request.flatten);
    const transition = this.machine.restrict(
      'halted',
      { cause: 'kill-switch', operator: request.operator, reason: request.reason },
      ts,
    );
    await this.options.store.riskAudit.append([
      {
        kind: 'kill-switch',
        ts,
        operator: request.operator,
        reason: request.reason,
        flatten: request.flatten,
        cancel: plan.cancel,
        flattenOrders: plan.flatten,
      },
      ...(transition === null ? [] : [{ kind: 'transition' as const, ...transition }]),
    ]);
    killSwitchTotal.inc();
    this.options.topics?.publish(RISK_TOPIC, { event: 'kill-switch', ...request, plan, transition });
    await this.stateChanged(transition);
    return { tradingState: this.machine.state, transition, plan, executed: false };
  }

  /** The operator's return to active trading; the transition is audited. */
  async release(request: { operator: string; reason: string }): Promise<KillSwitchOutcome> {
    const transition = this.machine.resume(request.operator, request.reason, this.now());
    if (transition !== null)
      await this.options.store.riskAudit.append([{ kind: 'transition', ...transition }]);
    await this.stateChanged(transition);
    return { tradingState: this.machine.state, transition, plan: null, executed: false };
  }

  private apply(choice: RiskLimitsChoice): void {
    if ('preset' in choice) {
      const overrides = Object.fromEntries(
        Object.entries(choice.overrides ?? {}).map(([section, value]) => [section, value ?? undefined]),
      ) as PresetOverrides;
      this.limits = fromPreset(choice.preset, overrides);
    } else {
      this.limits = parseRiskConfig(choice.limits);
    }
    this.choice = choice;
  }

  private async stateChanged(transition: StateTransition | null): Promise<void> {
    this.cachedView = null;
    riskStateGauge.set(TRADING_STATE_VALUES[this.machine.state]);
    if (transition === null) return;
    await this.options.settings.put(
      STATE_KEY,
      toJson({ state: this.machine.state, transition }),
      transition.ts,
    );
    this.options.topics?.publish(RISK_TOPIC, { event: 'transition', ...transition });
  }

  /** The stored open orders and positions as the kill-switch planner reads them. */
  private async storeView(ts: number): Promise<RiskView> {
    const [orders, positions] = await Promise.all([
      this.options.store.orders.listOpen(),
      this.options.store.positions.list(),
    ]);
    return {
      now: () => ts,
      account: () => {
        throw new IllegalStateError('the kill-switch view has no account: no trading node runs here');
      },
      position: (id: InstrumentId) => positions.find((p) => p.instrumentId === id) ?? null,
      positions: () => positions,
      lastPrice: () => null,
      openOrders: () => orders,
      closes: () => null,
      instrument: () => null,
    };
  }
}

/** Plain JSON (undefined dropped) for the settings table. */
function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
