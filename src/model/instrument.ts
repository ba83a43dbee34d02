import { InvalidInputError, quote } from '../core/errors.js';
import { instrumentId, type InstrumentId } from '../core/ids.js';

export const ASSET_CLASSES = ['equity', 'crypto', 'fx', 'future', 'prediction', 'betting'] as const;
export type AssetClass = (typeof ASSET_CLASSES)[number];

/** A tradable thing. Prices are rounded to `tickSize` and quantities to `lotSize` where orders are created. */
export interface Instrument {
  readonly id: InstrumentId;
  readonly symbol: string;
  readonly assetClass: AssetClass;
  readonly tickSize: number;
  readonly lotSize: number;
  readonly currency: string;
  readonly sector: string | null;
  readonly name: string | null;
}

export interface InstrumentInit {
  readonly symbol: string;
  readonly assetClass?: AssetClass;
  readonly tickSize?: number;
  readonly lotSize?: number;
  readonly currency?: string;
  readonly sector?: string | null;
  readonly name?: string | null;
}

const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._/-]{0,31}$/;

/** Normalises a user-typed symbol (upper case) and checks it is one we can store and route. */
export function normalizeSymbol(raw: string): string {
  const symbol = raw.trim().toUpperCase();
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw new InvalidInputError(
      `symbol ${quote(raw)} must be 1-32 characters of A-Z, 0-9, '.', '_', '/', '-' starting with a letter or digit`,
    );
  }
  return symbol;
}

export function createInstrument(init: InstrumentInit): Instrument {
  const symbol = normalizeSymbol(init.symbol);
  const tickSize = init.tickSize ?? 0.01;
  const lotSize = init.lotSize ?? 1;
  if (!(tickSize > 0) || !Number.isFinite(tickSize)) {
    throw new InvalidInputError(`tickSize ${quote(tickSize)} must be > 0`);
  }
  if (!(lotSize > 0) || !Number.isFinite(lotSize)) {
    throw new InvalidInputError(`lotSize ${quote(lotSize)} must be > 0`);
  }
  const currency = (init.currency ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3,5}$/.test(currency))
    throw new InvalidInputError(`currency ${quote(init.currency)} must be an ISO code`);
  return {
    id: instrumentId(symbol),
    symbol,
    assetClass: init.assetClass ?? 'equity',
    tickSize,
    lotSize,
    currency,
    sector: init.sector ?? null,
    name: init.name ?? null,
  };
}

/** Rounds a price to the nearest tick, cleaning float noise (0.1 + 0.2 style) with the tick's decimals. */
export function roundToTick(price: number, tickSize: number): number {
  return roundToStep(price, tickSize);
}

/** Rounds a quantity down to whole lots: an order never asks for more than was sized. */
export function roundToLot(quantity: number, lotSize: number): number {
  const lots = Math.floor(Math.abs(quantity) / lotSize + 1e-9);
  if (lots === 0) return 0;
  return Math.sign(quantity) * cleanDecimals(lots * lotSize, lotSize);
}

function roundToStep(value: number, step: number): number {
  return cleanDecimals(Math.round(value / step) * step, step);
}

function cleanDecimals(value: number, step: number): number {
  const decimals = Math.max(0, Math.min(12, Math.ceil(-Math.log10(step)) + 2));
  return Number(value.toFixed(decimals));
}
