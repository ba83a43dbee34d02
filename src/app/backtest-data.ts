import { readFileSync } from 'node:fs';
import { InvalidInputError, quote } from '../core/errors.js';
import type { BarSeries } from '../data/bar-series.js';
import { parseBars } from '../data/import/parse-bars.js';
import { normalizeSymbol, type Instrument } from '../model/instrument.js';
import type { InstrumentId } from '../core/ids.js';
import type { Timeframe } from '../model/timeframe.js';
import type { Store } from '../store/repositories.types.js';
import { parseDisclosuresFile } from '../data/disclosures-file.js';
import { generateSyntheticDisclosures } from '../data/synthetic/disclosures.js';
import type { StrategyInputs } from '../strategies/registry.js';
import { loadBacktestSentiment, type BacktestNews } from './news/backtest-news.js';

export type { BacktestNews } from './news/backtest-news.js';

/** Where a backtest's bars come from: an OHLCV file (one symbol) or bars in the store (any symbols). */
export type BacktestData =
  | { readonly kind: 'file'; readonly path: string; readonly symbol?: string; readonly timeframe?: Timeframe }
  | { readonly kind: 'store'; readonly symbols: readonly string[]; readonly timeframe?: Timeframe };

/** A benchmark series: a bars file, or a stored symbol. */
export type BenchmarkSource =
  { readonly kind: 'file'; readonly path: string } | { readonly kind: 'store'; readonly symbol: string };

/** Loads the series and keeps bars with from <= ts < to; a series left empty is an error naming it. */
export async function loadBacktestSeries(
  store: Store,
  data: BacktestData,
  from?: number,
  to?: number,
): Promise<BarSeries[]> {
  const series = (await loadSeries(store, data)).map((s) => s.between(from, to));
  const empty = series.filter((s) => s.length === 0).map((s) => s.symbol);
  if (empty.length > 0) throw new InvalidInputError(`no bars in the requested range for ${empty.join(', ')}`);
  return series;
}

/** The benchmark's bars in the data's timeframe. */
export async function loadBenchmarkSeries(
  store: Store,
  source: BenchmarkSource,
  timeframe: Timeframe,
): Promise<BarSeries> {
  const [series] =
    source.kind === 'file'
      ? await loadSeries(store, { kind: 'file', path: source.path, symbol: 'BENCHMARK', timeframe })
      : await loadSeries(store, { kind: 'store', symbols: [source.symbol], timeframe });
  return series as BarSeries;
}

async function loadSeries(store: Store, data: BacktestData): Promise<BarSeries[]> {
  if (data.kind === 'file') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(data.path);
    } catch (error) {
      throw new InvalidInputError(`file ${quote(data.path)} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const parsed = parseBars(bytes, {
      symbol: data.symbol ?? 'DATA',
      timeframe: data.timeframe ?? '1d',
      checkGaps: false,
    });
    if (!parsed.ok) throw parsed.error;
    return [parsed.value.series];
  }
  if (data.symbols.length === 0) throw new InvalidInputError('give --symbols or --data');
  const timeframe = data.timeframe ?? '1d';
  const loaded: BarSeries[] = [];
  for (const raw of data.symbols) {
    const symbol = normalizeSymbol(raw);
    const series = await store.bars.loadBars(symbol, timeframe);
    if (series.length === 0) {
      throw new InvalidInputError(
        `no ${timeframe} bars are stored for ${quote(symbol)}: import a file (neural-trader data import) or generate the synthetic universe (neural-trader data generate)`,
      );
    }
    loaded.push(series);
  }
  return loaded;
}

/** Disclosed trades for the mirror strategy: a file (CSV or JSON lines) or the seeded synthetic stream. */
export type DisclosureSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'synthetic'; readonly edge: number; readonly seed?: number };

/**
 * The strategy inputs beyond bars that a request names (today: disclosed trades). The synthetic stream is
 * generated from the backtest's own series with a stated edge (default seed 42), so results say what they
 * rest on; it is for offline work on synthetic data, never a stand-in for real filings.
 */
export function loadStrategyInputs(
  source: DisclosureSource | undefined,
  series: readonly BarSeries[],
): StrategyInputs {
  if (source === undefined) return {};
  if (source.kind === 'synthetic') {
    return {
      disclosures: generateSyntheticDisclosures(series, { seed: source.seed ?? 42, edge: source.edge }),
    };
  }
  let text: string;
  try {
    text = readFileSync(source.path, 'utf8');
  } catch (error) {
    throw new InvalidInputError(`file ${quote(source.path)} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = parseDisclosuresFile(text);
  if (!parsed.ok) throw parsed.error;
  return { disclosures: parsed.value };
}

/** The inputs beyond bars a backtest request names, and what the news input rests on (null without news). */
export interface LoadedInputs {
  readonly inputs: StrategyInputs;
  readonly news: { readonly description: string; readonly articles: number } | null;
}

/**
 * Disclosed trades (loadStrategyInputs) and news sentiment: with `news`, `inputs.sentiment` is a
 * SentimentSource over scored articles (synthetic or stored: see loadBacktestSentiment), read by the
 * news-driven strategies (neural-sentiment, enhanced-momentum) and ignored by the others.
 */
export async function loadBacktestInputs(
  store: Store,
  request: { readonly disclosures?: DisclosureSource | undefined; readonly news?: BacktestNews | undefined },
  series: readonly BarSeries[],
): Promise<LoadedInputs> {
  const inputs = loadStrategyInputs(request.disclosures, series);
  if (request.news === undefined) return { inputs, news: null };
  const sentiment = await loadBacktestSentiment(store, request.news, series);
  return {
    inputs: { ...inputs, sentiment: sentiment.source },
    news: { description: sentiment.description, articles: sentiment.articles },
  };
}

/**
 * The stored instruments of the series' symbols (lot and tick size, sector), keyed by instrument id, when
 * every one is known; undefined otherwise (a file of bars says nothing about its instrument).
 */
export async function loadInstruments(
  store: Store,
  series: readonly BarSeries[],
): Promise<ReadonlyMap<InstrumentId, Instrument> | undefined> {
  const found = new Map<InstrumentId, Instrument>();
  for (const s of series) {
    const instrument = await store.instruments.get(s.symbol);
    if (instrument === null) return undefined;
    found.set(instrument.id, instrument);
  }
  return found;
}
