import { z } from 'zod';
import { TIMEFRAMES } from '../../model/timeframe.js';

/**
 * sma-cross parameters. Sizing: either a fixed `quantity` per entry or `percentOfEquity` of the account's
 * equity at the decision bar's close (rounded down to whole units unless `fractional`).
 */
export const smaCrossConfigSchema = z
  .strictObject({
    symbol: z.string().min(1),
    timeframe: z.enum(TIMEFRAMES).default('1d'),
    fast: z.number().int().min(1).default(10),
    slow: z.number().int().min(2).default(30),
    quantity: z.number().positive().optional(),
    percentOfEquity: z.number().gt(0).max(100).optional(),
    fractional: z.boolean().default(false),
  })
  .refine((c) => c.fast < c.slow, { message: 'fast must be shorter than slow', path: ['fast'] })
  .refine((c) => c.quantity === undefined || c.percentOfEquity === undefined, {
    message: 'give quantity or percentOfEquity, not both',
    path: ['quantity'],
  });

export type SmaCrossConfig = z.output<typeof smaCrossConfigSchema>;
