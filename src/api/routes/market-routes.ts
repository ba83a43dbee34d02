import { z } from 'zod';
import { correlateSymbols, indicatorsForSymbol } from '../../app/market-analytics.js';
import { showBars } from '../../app/query-bars.js';
import type { RouteModule } from '../api-context.js';
import {
  asResponse,
  dateSchema,
  errorResponses,
  jsonSafe,
  numberOrNull,
  symbolListSchema,
  symbolSchema,
  timeframeSchema,
  withoutUndefined,
} from '../schemas/common.js';

const rangeQuery = {
  timeframe: timeframeSchema.optional().describe("default: the symbol's only stored timeframe"),
  from: dateSchema.optional().describe('first bar, inclusive'),
  to: dateSchema.optional().describe('last bar, exclusive'),
};
const symbolParams = z.object({ symbol: symbolSchema });

const barsSchema = z
  .object({
    symbol: z.string(),
    timeframe: z.string(),
    count: z.int(),
    bars: z.array(
      z.object({
        date: z.string(),
        open: z.number(),
        high: z.number(),
        low: z.number(),
        close: z.number(),
        volume: z.number(),
      }),
    ),
  })
  .meta({ id: 'Bars' });

const indicatorsSchema = z
  .object({
    symbol: z.string(),
    timeframe: z.string(),
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  })
  .meta({ id: 'Indicators' });

const correlationSchema = z
  .object({
    names: z.array(z.string()),
    matrix: z.array(z.array(numberOrNull)),
    observations: z.int(),
    onReturns: z.enum(['none', 'simple', 'log']),
    timeframe: z.string(),
    first: z.string(),
    last: z.string(),
  })
  .meta({ id: 'Correlation' });

/** Date only for midnight-aligned bars (daily), full ISO otherwise: as the CLI's `indicators` output. */
function shortTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Stored market data: bars, indicators over them, and correlations between symbols. */
export const marketRoutes: RouteModule = {
  name: 'market',
  register(app, context) {
    app.get(
      '/market/bars/:symbol',
      {
        schema: {
          tags: ['market'],
          summary: 'Stored bars of a symbol (the latest `limit`, oldest first)',
          params: symbolParams,
          querystring: z.strictObject({
            ...rangeQuery,
            limit: z.coerce.number().int().min(1).max(100_000).default(1_000),
          }),
          response: { 200: barsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const series = await showBars(context.store, {
          ...withoutUndefined(request.query),
          symbol: request.params.symbol,
        });
        const bars = [];
        for (let i = 0; i < series.length; i++) {
          bars.push({
            date: new Date(series.ts[i] as number).toISOString(),
            open: series.open[i] as number,
            high: series.high[i] as number,
            low: series.low[i] as number,
            close: series.close[i] as number,
            volume: series.volume[i] as number,
          });
        }
        return { symbol: series.symbol, timeframe: series.timeframe, count: bars.length, bars };
      },
    );

    app.get(
      '/market/indicators/:symbol',
      {
        schema: {
          tags: ['market'],
          summary: "Technical indicators over a symbol's stored bars",
          description: 'Computed over the whole range (warm-up included); `limit` keeps the latest rows.',
          params: symbolParams,
          querystring: z.strictObject({
            indicators: z
              .string()
              .min(1)
              .describe('e.g. sma:20,ema:20,rsi:14,macd:12:26:9,bbands:20:2,atr:14'),
            ...rangeQuery,
            limit: z.coerce.number().int().min(1).max(100_000).optional(),
          }),
          response: { 200: indicatorsSchema, ...errorResponses },
        },
      },
      async (request) => {
        const table = await indicatorsForSymbol(context.store, {
          ...withoutUndefined(request.query),
          symbol: request.params.symbol,
        });
        const rows = [];
        for (let i = 0; i < table.bars.length; i++) {
          const row: Record<string, string | number | null> = { date: shortTime(table.bars.ts[i] as number) };
          table.names.forEach((name, c) => {
            const value = table.columns[c]?.[i] as number;
            row[name] = Number.isNaN(value) ? null : value;
          });
          rows.push(row);
        }
        return {
          symbol: table.bars.symbol,
          timeframe: table.bars.timeframe,
          columns: ['date', ...table.names],
          rows,
        };
      },
    );

    app.get(
      '/market/correlation',
      {
        schema: {
          tags: ['market'],
          summary:
            'Pearson correlation matrix of stored closes (or their returns) on the bars all symbols have',
          querystring: z.strictObject({
            symbols: symbolListSchema,
            returns: z.enum(['simple', 'log']).optional().describe('correlate returns instead of closes'),
            ...rangeQuery,
          }),
          response: { 200: correlationSchema, ...errorResponses },
        },
      },
      async (request) =>
        asResponse(
          correlationSchema,
          jsonSafe(await correlateSymbols(context.store, withoutUndefined(request.query))),
        ),
    );
  },
};
