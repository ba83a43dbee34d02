import type { InstrumentId } from '../../core/ids.js';
import type { PortfolioSnapshot } from './portfolio-snapshot.js';
import type { PortfolioVarRule } from './portfolio-var-rule.js';
import type { RiskConfig } from './risk-config.js';
import { formatNumber, formatPercent, notionalLimit } from './rule-decision.js';
import type { RiskViolation, RuleValues } from './rule.types.js';
import type { RiskView } from './risk-view.types.js';

export interface MonitorResult {
  /** Every limit breached now. */
  readonly violations: readonly RiskViolation[];
  /** Those that were not breached at the previous evaluation (what the audit log records). */
  readonly started: readonly RiskViolation[];
}

/**
 * Real-time monitoring: the limits the market can push a portfolio over without any order, re-evaluated on
 * the current snapshot (the engine calls it after each fill and price update):
 * - max-position, per instrument: |quantity| > maxQuantity or |quantity| × price > min(maxNotional,
 *   maxEquityFraction × equity);
 * - sector-concentration, per sector: sector gross exposure > maxEquityFraction × equity;
 * - max-gross-leverage / max-net-leverage: gross / equity > maxGross, |net| / equity > maxNet (with
 *   equity <= 0 and any exposure, a gross-leverage breach);
 * - portfolio-var: VaR > maxVarFraction × equity.
 * A breach is keyed (rule plus instrument or sector) and reported in `started` once, when it begins; it can
 * start again after it has cleared. Daily loss and drawdown are watched by `RiskEngine.observe`.
 */
export class LimitMonitor {
  private active = new Set<string>();

  constructor(
    private readonly config: RiskConfig,
    private readonly portfolioVar: PortfolioVarRule | null,
  ) {}

  evaluate(view: RiskView, snapshot: PortfolioSnapshot): MonitorResult {
    const violations: RiskViolation[] = [];
    this.positions(snapshot, violations);
    this.sectors(snapshot, violations);
    this.leverage(snapshot, violations);
    if (this.portfolioVar !== null && this.config.portfolioVar) {
      const valueAtRisk = this.portfolioVar.portfolioVar(view, snapshot);
      const limit = this.config.portfolioVar.maxVarFraction * snapshot.equity;
      if (valueAtRisk > limit) {
        violations.push(
          violation(
            'portfolio-var',
            'portfolio-var',
            null,
            `portfolio VaR ${formatNumber(valueAtRisk)} exceeds max ${formatNumber(limit)}`,
            {
              var: valueAtRisk,
              maxVar: limit,
              equity: snapshot.equity,
            },
          ),
        );
      }
    }
    const started = violations.filter((v) => !this.active.has(v.key));
    this.active = new Set(violations.map((v) => v.key));
    return { violations, started };
  }

  private positions(snapshot: PortfolioSnapshot, out: RiskViolation[]): void {
    const limits = this.config.maxPosition;
    if (!limits) return;
    for (let slot = 0; slot < snapshot.count; slot++) {
      const id = snapshot.instrumentIds[slot] as InstrumentId;
      const quantity = Math.abs(snapshot.quantities[slot] as number);
      const price = snapshot.prices[slot] as number;
      const key = `max-position:${id}`;
      if (limits.maxQuantity !== undefined && quantity > limits.maxQuantity) {
        out.push(
          violation(
            'max-position',
            key,
            id,
            `position ${formatNumber(quantity)} in ${id} exceeds max quantity ${formatNumber(limits.maxQuantity)}`,
            {
              quantity,
              maxQuantity: limits.maxQuantity,
            },
          ),
        );
        continue;
      }
      const limit = notionalLimit(limits.maxNotional, limits.maxEquityFraction, snapshot.equity);
      if (quantity * price > limit) {
        out.push(
          violation(
            'max-position',
            key,
            id,
            `position notional ${formatNumber(quantity * price)} in ${id} exceeds max ${formatNumber(limit)}`,
            {
              quantity,
              price,
              notional: quantity * price,
              maxNotional: limit,
            },
          ),
        );
      }
    }
  }

  private sectors(snapshot: PortfolioSnapshot, out: RiskViolation[]): void {
    const limits = this.config.sectorConcentration;
    if (!limits) return;
    const limit = limits.maxEquityFraction * snapshot.equity;
    for (const [sector, exposure] of snapshot.sectors()) {
      if (exposure > limit) {
        out.push(
          violation(
            'sector-concentration',
            `sector-concentration:${sector}`,
            null,
            `sector ${sector} exposure ${formatNumber(exposure)} exceeds max ${formatNumber(limit)} (${formatPercent(limits.maxEquityFraction)} of equity)`,
            { sector, exposure, maxExposure: limit },
          ),
        );
      }
    }
  }

  private leverage(snapshot: PortfolioSnapshot, out: RiskViolation[]): void {
    const limits = this.config.leverage;
    if (!limits) return;
    const { equity, grossExposure: gross, netExposure: net } = snapshot;
    if (!(equity > 0)) {
      if (gross > 0) {
        out.push(
          violation(
            'max-gross-leverage',
            'max-gross-leverage',
            null,
            `equity ${formatNumber(equity)} is not positive with gross exposure ${formatNumber(gross)}`,
            {
              equity,
              grossExposure: gross,
            },
          ),
        );
      }
      return;
    }
    if (limits.maxGross !== undefined && gross / equity > limits.maxGross) {
      out.push(
        violation(
          'max-gross-leverage',
          'max-gross-leverage',
          null,
          `gross leverage ${formatNumber(gross / equity)} exceeds max ${formatNumber(limits.maxGross)}`,
          {
            grossLeverage: gross / equity,
            maxGross: limits.maxGross,
            grossExposure: gross,
            equity,
          },
        ),
      );
    }
    if (limits.maxNet !== undefined && Math.abs(net) / equity > limits.maxNet) {
      out.push(
        violation(
          'max-net-leverage',
          'max-net-leverage',
          null,
          `net leverage ${formatNumber(Math.abs(net) / equity)} exceeds max ${formatNumber(limits.maxNet)}`,
          {
            netLeverage: Math.abs(net) / equity,
            maxNet: limits.maxNet,
            netExposure: net,
            equity,
          },
        ),
      );
    }
  }
}

function violation(
  rule: string,
  key: string,
  instrumentId: InstrumentId | null,
  message: string,
  values: RuleValues,
): RiskViolation {
  return { rule, key, message, values, instrumentId };
}
