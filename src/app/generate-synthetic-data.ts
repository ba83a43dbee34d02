import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { DEFAULT_UNIVERSE, generateDefaultMarket } from '../data/synthetic/default-universe.js';
import type { GeneratedPair, SyntheticTimeframe } from '../data/synthetic/market-spec.types.js';
import { normalizeSymbol } from '../model/instrument.js';
import type { Store } from '../store/repositories.types.js';

export interface GenerateSyntheticRequest {
  /** A subset of the default universe; all of it when absent. */
  readonly symbols?: readonly string[];
  readonly days: number;
  readonly timeframe: SyntheticTimeframe;
  readonly seed: number;
  /** Epoch ms (UTC) of the first calendar day to consider. */
  readonly start: number;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface GeneratedSeries {
  readonly symbol: string;
  readonly sector: string | null;
  readonly bars: number;
  readonly firstTs: number;
  readonly lastTs: number;
}

export interface GenerateSyntheticResult {
  readonly seed: number;
  readonly timeframe: SyntheticTimeframe;
  readonly series: readonly GeneratedSeries[];
  readonly pairs: readonly GeneratedPair[];
  readonly barsWritten: number;
}

export const UNIVERSE_SYMBOLS: readonly string[] = DEFAULT_UNIVERSE.symbols.map((s) => s.symbol);

/**
 * Generates the default synthetic universe (seeded, bit-for-bit reproducible) and stores the requested
 * symbols. The whole universe is always simulated so that a symbol has the same bars whether it is asked for
 * alone or with the others (the market and sector factors are shared).
 */
export async function generateSyntheticData(
  store: Store,
  request: GenerateSyntheticRequest,
): Promise<GenerateSyntheticResult> {
  const wanted = resolveSymbols(request.symbols);
  const market = generateDefaultMarket({
    seed: request.seed,
    start: request.start,
    days: request.days,
    timeframe: request.timeframe,
  });
  const chosen: BarSeries[] = [];
  for (const symbol of wanted) {
    const series = market.series.get(symbol);
    if (series !== undefined) chosen.push(series);
  }
  const total = chosen.reduce((sum, s) => sum + s.length, 0);
  await store.instruments.upsert(market.instruments.filter((i) => wanted.includes(i.symbol)));
  let done = 0;
  for (const series of chosen) {
    const before = done;
    const result = await store.bars.upsertBars(series, {
      ...(request.batchSize === undefined ? {} : { batchSize: request.batchSize }),
      onBatch: (written) => request.onProgress?.(before + written, total),
    });
    done += result.written;
  }
  const sectors = new Map(market.instruments.map((i) => [i.symbol, i.sector]));
  return {
    seed: request.seed,
    timeframe: request.timeframe,
    series: chosen.map((s) => ({
      symbol: s.symbol,
      sector: sectors.get(s.symbol) ?? null,
      bars: s.length,
      firstTs: s.firstTs,
      lastTs: s.lastTs,
    })),
    pairs: market.pairs.filter((p) => wanted.includes(p.a) && wanted.includes(p.b)),
    barsWritten: done,
  };
}

function resolveSymbols(symbols: readonly string[] | undefined): string[] {
  if (symbols === undefined || symbols.length === 0) return [...UNIVERSE_SYMBOLS];
  const resolved: string[] = [];
  for (const raw of symbols) {
    const symbol = normalizeSymbol(raw);
    if (!UNIVERSE_SYMBOLS.includes(symbol)) {
      throw new InvalidInputError(
        `symbol ${quote(raw)} is not in the synthetic universe; known symbols: ${UNIVERSE_SYMBOLS.join(', ')}`,
      );
    }
    if (!resolved.includes(symbol)) resolved.push(symbol);
  }
  return resolved;
}
