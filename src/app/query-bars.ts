import { InvalidInputError, NotFoundError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { normalizeSymbol } from '../model/instrument.js';
import type { Timeframe } from '../model/timeframe.js';
import type { SeriesSummary, Store } from '../store/repositories.types.js';

export interface ShowBarsRequest {
  readonly symbol: string;
  readonly timeframe?: Timeframe;
  readonly from?: number;
  readonly to?: number;
  /** Keep only the latest `limit` bars of the range. */
  readonly limit?: number;
}

export async function listStoredSeries(store: Store): Promise<SeriesSummary[]> {
  return store.bars.listSeries();
}

/**
 * Loads stored bars of one symbol. Without a timeframe the symbol's only stored timeframe is used; when it
 * has several, the caller must choose (the error lists them).
 */
export async function showBars(store: Store, request: ShowBarsRequest): Promise<BarSeries> {
  const symbol = normalizeSymbol(request.symbol);
  const stored = (await store.bars.listSeries()).filter((s) => s.symbol === symbol);
  if (stored.length === 0) throw new NotFoundError(`no bars are stored for symbol ${quote(symbol)}`);
  let timeframe = request.timeframe;
  if (timeframe === undefined) {
    if (stored.length > 1) {
      throw new InvalidInputError(
        `symbol ${quote(symbol)} has several timeframes (${stored.map((s) => s.timeframe).join(', ')}): choose one with --timeframe`,
      );
    }
    timeframe = (stored[0] as SeriesSummary).timeframe;
  } else if (!stored.some((s) => s.timeframe === timeframe)) {
    throw new NotFoundError(
      `no ${timeframe} bars are stored for ${quote(symbol)}; stored: ${stored.map((s) => s.timeframe).join(', ')}`,
    );
  }
  if (request.from !== undefined && request.to !== undefined && request.from >= request.to) {
    throw new InvalidInputError(
      `from ${quote(new Date(request.from).toISOString())} must be before to ${quote(new Date(request.to).toISOString())}`,
    );
  }
  if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1)) {
    throw new InvalidInputError(`limit ${quote(request.limit)} must be an integer >= 1`);
  }
  const series = await store.bars.loadBars(symbol, timeframe, {
    ...(request.from === undefined ? {} : { from: request.from }),
    ...(request.to === undefined ? {} : { to: request.to }),
  });
  return request.limit === undefined ? series : series.slice(Math.max(0, series.length - request.limit));
}
