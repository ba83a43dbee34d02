import { z } from 'zod';

/**
 * Alpaca's wire formats (Trading API v2, Market Data v2, the two websocket streams), as zod schemas. Field
 * names follow Alpaca's OpenAPI specs (the generated models of the official SDK are a snapshot of them).
 * Amounts travel as decimal strings on the Trading API and as JSON numbers on the Market Data API; times
 * as RFC 3339 strings. Unknown fields are dropped; a missing or malformed required field fails the parse.
 */

/** A decimal string: "10", "-5", "179.08". */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "179.08"');
const optionalDecimal = decimalString.nullable().optional();
export const rfc3339 = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'must be an RFC 3339 time');
const optionalTime = rfc3339.nullable().optional();

export interface AlpacaOrder {
  id: string;
  client_order_id: string;
  created_at: string;
  updated_at?: string | null | undefined;
  submitted_at?: string | null | undefined;
  filled_at?: string | null | undefined;
  expired_at?: string | null | undefined;
  canceled_at?: string | null | undefined;
  failed_at?: string | null | undefined;
  replaced_at?: string | null | undefined;
  replaced_by?: string | null | undefined;
  replaces?: string | null | undefined;
  asset_id?: string | undefined;
  symbol: string;
  asset_class?: string | undefined;
  notional?: string | null | undefined;
  qty?: string | null | undefined;
  filled_qty: string;
  filled_avg_price?: string | null | undefined;
  order_class?: string | undefined;
  order_type?: string | undefined;
  type: string;
  side: 'buy' | 'sell';
  time_in_force: string;
  limit_price?: string | null | undefined;
  stop_price?: string | null | undefined;
  status: string;
  extended_hours?: boolean | undefined;
  legs?: AlpacaOrder[] | null | undefined;
  trail_percent?: string | null | undefined;
  trail_price?: string | null | undefined;
  hwm?: string | null | undefined;
}

export const alpacaOrderSchema: z.ZodType<AlpacaOrder> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    client_order_id: z.string(),
    created_at: rfc3339,
    updated_at: optionalTime,
    submitted_at: optionalTime,
    filled_at: optionalTime,
    expired_at: optionalTime,
    canceled_at: optionalTime,
    failed_at: optionalTime,
    replaced_at: optionalTime,
    replaced_by: z.string().nullable().optional(),
    replaces: z.string().nullable().optional(),
    asset_id: z.string().optional(),
    symbol: z.string().min(1),
    asset_class: z.string().optional(),
    notional: optionalDecimal,
    qty: optionalDecimal,
    filled_qty: decimalString,
    filled_avg_price: optionalDecimal,
    order_class: z.string().optional(),
    order_type: z.string().optional(),
    type: z.string(),
    side: z.enum(['buy', 'sell']),
    time_in_force: z.string(),
    limit_price: optionalDecimal,
    stop_price: optionalDecimal,
    status: z.string(),
    extended_hours: z.boolean().optional(),
    legs: z.array(alpacaOrderSchema).nullable().optional(),
    trail_percent: optionalDecimal,
    trail_price: optionalDecimal,
    hwm: optionalDecimal,
  }),
);

export const alpacaAccountSchema = z.object({
  id: z.string(),
  account_number: z.string().optional(),
  status: z.string(),
  currency: z.string(),
  cash: decimalString,
  equity: decimalString,
  buying_power: decimalString,
  portfolio_value: decimalString.optional(),
  trading_blocked: z.boolean(),
  account_blocked: z.boolean().optional(),
});
export type AlpacaAccount = z.infer<typeof alpacaAccountSchema>;

export const alpacaPositionSchema = z.object({
  asset_id: z.string().optional(),
  symbol: z.string(),
  side: z.enum(['long', 'short']).optional(),
  qty: decimalString,
  avg_entry_price: decimalString,
  current_price: optionalDecimal,
  market_value: optionalDecimal,
  cost_basis: decimalString.optional(),
  unrealized_pl: optionalDecimal,
});
export type AlpacaPosition = z.infer<typeof alpacaPositionSchema>;

/** One FILL account activity (GET /v2/account/activities/FILL). */
export const alpacaFillActivitySchema = z.object({
  id: z.string().min(1),
  activity_type: z.literal('FILL'),
  transaction_time: rfc3339,
  type: z.enum(['fill', 'partial_fill']),
  price: decimalString,
  qty: decimalString,
  side: z.enum(['buy', 'sell', 'sell_short']),
  symbol: z.string(),
  leaves_qty: decimalString,
  order_id: z.string(),
  cum_qty: decimalString,
  order_status: z.string().optional(),
});
export type AlpacaFillActivity = z.infer<typeof alpacaFillActivitySchema>;

export const alpacaClockSchema = z.object({
  timestamp: rfc3339,
  is_open: z.boolean(),
  next_open: rfc3339,
  next_close: rfc3339,
});

export const alpacaErrorSchema = z.object({ code: z.number().optional(), message: z.string() });

export const alpacaBarSchema = z.object({
  t: rfc3339,
  o: z.number(),
  h: z.number(),
  l: z.number(),
  c: z.number(),
  v: z.number(),
  n: z.number().optional(),
  vw: z.number().optional(),
});
export type AlpacaBar = z.infer<typeof alpacaBarSchema>;

export const alpacaBarsSchema = z.object({
  bars: z.array(alpacaBarSchema).nullable(),
  symbol: z.string(),
  next_page_token: z.string().nullable().optional(),
});

export const alpacaQuoteSchema = z.object({
  t: rfc3339,
  ap: z.number(),
  as: z.number(),
  bp: z.number(),
  bs: z.number(),
  ax: z.string().optional(),
  bx: z.string().optional(),
  c: z.array(z.string()).optional(),
  z: z.string().optional(),
});
export type AlpacaQuote = z.infer<typeof alpacaQuoteSchema>;

export const alpacaTradeSchema = z.object({
  t: rfc3339,
  p: z.number(),
  s: z.number(),
  i: z.union([z.number(), z.string()]),
  x: z.string().optional(),
  c: z.array(z.string()).optional(),
  z: z.string().optional(),
});
export type AlpacaTrade = z.infer<typeof alpacaTradeSchema>;

export const alpacaLatestQuoteSchema = z.object({ symbol: z.string(), quote: alpacaQuoteSchema });
export const alpacaLatestTradeSchema = z.object({ symbol: z.string(), trade: alpacaTradeSchema });
