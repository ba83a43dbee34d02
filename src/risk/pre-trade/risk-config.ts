import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';

/**
 * The risk engine's configuration, validated with zod. Every rule is optional: a missing section turns the
 * rule off. Fractions are of equity (1 = 100%); amounts and notionals are in the account currency; times are
 * ms. Presets for the four risk levels are in ../presets.ts.
 */

const positive = z.number().finite().positive();
const fraction = z.number().finite().positive().max(1);
/** What a daily-loss or drawdown breach does to the trading state ('none': deny new exposure only). */
const breachTarget = z.enum(['reducing', 'halted', 'none']);
/** What VaR / correlation rules do when an instrument has fewer returns than `history.minObservations`. */
const insufficientHistory = z.enum(['allow', 'deny']);

const atLeastOne = (keys: readonly string[]) => (value: Record<string, unknown>) =>
  keys.some((key) => value[key] !== undefined);

export const riskConfigSchema = z
  .object({
    /** Position per instrument after the order: |quantity|, notional, and notional as a fraction of equity. */
    maxPosition: z
      .object({
        maxQuantity: positive.optional(),
        maxNotional: positive.optional(),
        maxEquityFraction: positive.optional(),
      })
      .strict()
      .refine(atLeastOne(['maxQuantity', 'maxNotional', 'maxEquityFraction']), {
        message: 'must set maxQuantity, maxNotional or maxEquityFraction',
      })
      .optional(),
    /** One order's notional (quantity × reference price), absolute or as a fraction of equity. */
    maxOrderNotional: z
      .object({ maxNotional: positive.optional(), maxEquityFraction: positive.optional() })
      .strict()
      .refine(atLeastOne(['maxNotional', 'maxEquityFraction']), {
        message: 'must set maxNotional or maxEquityFraction',
      })
      .optional(),
    /** Gross exposure of one sector as a fraction of equity; `sectors` maps instrument id → sector. */
    sectorConcentration: z
      .object({
        maxEquityFraction: positive,
        sectors: z.record(z.string().min(1), z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    /** Gross (Σ|q·p|) and net (|Σ q·p|) exposure over equity, after the order. */
    leverage: z
      .object({ maxGross: positive.optional(), maxNet: positive.optional() })
      .strict()
      .refine(atLeastOne(['maxGross', 'maxNet']), { message: 'must set maxGross or maxNet' })
      .optional(),
    /** Loss since the start of the UTC day, as a fraction of start-of-day equity and/or an amount. */
    dailyLoss: z
      .object({
        maxLossFraction: fraction.optional(),
        maxLossAmount: positive.optional(),
        onBreach: breachTarget.default('reducing'),
      })
      .strict()
      .refine(atLeastOne(['maxLossFraction', 'maxLossAmount']), {
        message: 'must set maxLossFraction or maxLossAmount',
      })
      .optional(),
    /** Drawdown from the peak equity observed, as a fraction of that peak. */
    drawdown: z
      .object({ maxDrawdown: fraction, onBreach: breachTarget.default('halted') })
      .strict()
      .optional(),
    /** One-bar Gaussian portfolio VaR after the order, as a fraction of equity (the order must not raise it above). */
    portfolioVar: z
      .object({
        confidence: z.number().gt(0.5).lt(1).default(0.95),
        maxVarFraction: positive,
        insufficientHistory: insufficientHistory.default('allow'),
      })
      .strict()
      .optional(),
    /** Largest return correlation a new position may have with a held one in the same direction. */
    correlation: z
      .object({
        maxCorrelation: z.number().gt(-1).max(1),
        insufficientHistory: insufficientHistory.default('allow'),
      })
      .strict()
      .optional(),
    /** The return history the VaR and correlation rules estimate covariances from. */
    history: z
      .object({
        lookback: z.number().int().min(2).default(250),
        minObservations: z.number().int().min(2).default(60),
      })
      .strict()
      .refine((h) => h.minObservations <= h.lookback, { message: 'minObservations must be <= lookback' })
      .prefault({}),
    /** At most maxOrders accepted orders in any rolling window of windowMs. */
    orderRate: z
      .object({ maxOrders: z.number().int().min(1), windowMs: z.number().int().min(1) })
      .strict()
      .optional(),
    /** Limit price at most this fraction away from the last price (fat-finger check). */
    priceBand: z.object({ maxDeviation: positive }).strict().optional(),
    /** Only these instrument ids may be sold short (absent: the rule is off and shorting is allowed). */
    shortSale: z
      .object({ shortable: z.array(z.string().min(1)) })
      .strict()
      .optional(),
    /** Smallest order notional accepted. */
    minNotional: z.object({ minNotional: positive }).strict().optional(),
    /** Quantities must be whole lots and prices whole ticks of the instrument. */
    lotTick: z.boolean().default(false),
    /** Monitoring proposes reduce-only orders that bring breached positions back within limits. */
    autoReduce: z.boolean().default(false),
  })
  .strict();

export type RiskConfig = z.output<typeof riskConfigSchema>;
export type RiskConfigInput = z.input<typeof riskConfigSchema>;

/** Validates a configuration; every problem is named with its path and quoted value. */
export function parseRiskConfig(input: unknown): RiskConfig {
  const parsed = riskConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    let value: unknown = input;
    for (const key of issue.path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<PropertyKey, unknown>)[key]
          : undefined;
    }
    const path = issue.path.length === 0 ? '' : ` ${issue.path.join('.')}`;
    return `risk config${path} ${quote(value)}: ${issue.message}`;
  });
  throw new InvalidInputError(problems.join('; '));
}
