import { z } from 'zod';
import { FILER_ROLES } from '../../model/disclosure.types.js';
import { TIMEFRAMES } from '../../model/timeframe.js';

/**
 * mirror parameters (README.md explains each). Sizing: a qualifying disclosure asks for
 * `positionPercent` x conviction percent of equity in its symbol, capped at `maxPositionPercent`; conviction
 * (conviction.ts) grows with the trade's value, the share of the filer's stake it moves, and how many
 * different filers traded the same way within `clusterDays`.
 */
export const mirrorConfigSchema = z
  .strictObject({
    symbols: z.array(z.string().min(1)).min(1),
    timeframe: z.enum(TIMEFRAMES).default('1d'),
    roles: z
      .array(z.enum(FILER_ROLES))
      .min(1)
      .default(['officer', 'director', 'ten-percent-owner'])
      .describe('filer roles whose trades are mirrored'),
    minimumValue: z
      .number()
      .min(0)
      .max(1e10)
      .default(100_000)
      .describe('smallest trade value (money) that is mirrored'),
    mirrorSales: z.boolean().default(false).describe('also mirror sales by opening shorts'),
    holdingBars: z.number().int().min(1).max(1000).default(20).describe('bars a position is held'),
    positionPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(5)
      .describe('percent of equity per position at conviction 1'),
    maxPositionPercent: z
      .number()
      .gt(0)
      .max(100)
      .default(10)
      .describe('cap on one symbol, percent of equity'),
    valueScale: z
      .number()
      .gt(0)
      .default(1_000_000)
      .describe('trade value (money) that has conviction 1 on its own'),
    clusterDays: z
      .number()
      .min(0)
      .max(365)
      .default(30)
      .describe('window (calendar days of publication) in which filers count as a cluster'),
    clusterWeight: z
      .number()
      .min(0)
      .max(5)
      .default(0.5)
      .describe('conviction added per extra filer in a cluster'),
    maxConviction: z.number().gt(0).max(10).default(2).describe('cap on conviction'),
    fractional: z.boolean().default(false),
  })
  .refine((c) => c.positionPercent <= c.maxPositionPercent, {
    message: 'positionPercent must not exceed maxPositionPercent',
    path: ['positionPercent'],
  })
  .refine((c) => new Set(c.symbols.map((s) => s.toUpperCase())).size === c.symbols.length, {
    message: 'symbols must not repeat',
    path: ['symbols'],
  });

export type MirrorConfig = z.output<typeof mirrorConfigSchema>;
