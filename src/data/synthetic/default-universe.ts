/**
 * # Default synthetic universe
 *
 * What the product trades when the user has no data of their own: 20 US-equity-like symbols whose daily
 * (or 1-minute) bars are generated, reproducibly, by `generateMarket` (generate-market.ts). The names are
 * real tickers so that the universe reads naturally, but every price is synthetic and says nothing about the
 * real security. Start prices are round numbers of the order of early-2020 levels.
 *
 * ## Model
 * - Market factor: three regimes (bull +15% drift / 15% vol, bear -20% / 30%, sideways 0% / 12%, annual)
 *   switching day by day with expected stays of about 250, 67 and 125 days; GARCH(1,1) clustering
 *   (alpha 0.08, beta 0.9); about two market jumps a year (log-jump mean -3%, stdev 3%); Student-t(5)
 *   shocks (market-defaults.ts).
 * - One factor per sector (annual vol): index 3%, technology 16%, financials 16%, energy 22%,
 *   healthcare 12%, consumer-staples 10%. Each stock loads 1 on its sector factor; its market beta and
 *   idiosyncratic vol are listed below. Same-sector stocks therefore correlate more than cross-sector ones
 *   (over a long sample of daily returns AAPL/MSFT correlate about 0.6, AAPL/JPM about 0.4).
 * - Single stocks also jump on their own about four times a year (earnings-like, log-jump stdev 4%).
 * - Cointegrated pairs (they take precedence over the factor model for leg a):
 *   log KO = alpha + 1.0 log PEP + u, half-life 10 days, spread stdev 2%;
 *   log XOM = alpha + 0.9 log CVX + u, half-life 20 days, spread stdev 3%;
 *   alpha is chosen so that each leg a starts near its start price; u is AR(1) with
 *   phi = exp(-ln 2 / half-life in bars).
 * - Bars: weekdays only (no exchange holidays), '1d' at 00:00 UTC or '1m' from 14:30 to 20:59 UTC
 *   (390 per day), ticks of 0.01, volume log-normal around the average below, heavier on big moves,
 *   U-shaped within the day.
 *
 * | symbol | sector | beta | idio vol | start | avg volume/day |
 * |---|---|---:|---:|---:|---:|
 * | SPY | index | 1.00 | 1% | 320 | 70M |
 * | QQQ | index | 1.15 | 6% | 210 | 35M |
 * | IWM | index | 1.15 | 8% | 165 | 25M |
 * | AAPL, MSFT, NVDA, GOOGL, META, AMZN | technology | 1.05-1.60 | 17-32% | 60-210 | 15-110M |
 * | JPM, BAC, GS | financials | 1.10-1.25 | 14-17% | 35-230 | 3-40M |
 * | XOM, CVX | energy | 0.90-1.00 | 14-15% | 70, 120 | 20M, 8M |
 * | JNJ, PFE, UNH | healthcare | 0.60-0.85 | 12-18% | 40-290 | 3-25M |
 * | KO, PEP, WMT | consumer-staples | 0.50-0.55 | 10-13% | 55-135 | 4-12M |
 *
 * Defaults: seed 42, start 2020-01-01 (UTC), 756 trading days (about three years), daily bars.
 */
import type {
  GenerateMarketOptions,
  JumpSpec,
  MarketSpec,
  SymbolSpec,
  SyntheticMarket,
} from './market-spec.types.js';
import { generateMarket } from './generate-market.js';

export const DEFAULT_SEED = 42;
export const DEFAULT_START = Date.UTC(2020, 0, 1);
export const DEFAULT_DAYS = 756;

const EARNINGS_JUMPS: JumpSpec = { intensity: 4, mean: 0, stdev: 0.04 };
const MILLION = 1_000_000;

function etf(
  symbol: string,
  name: string,
  beta: number,
  idio: number,
  startPrice: number,
  volume: number,
): SymbolSpec {
  return {
    symbol,
    name,
    sector: 'index',
    beta,
    idiosyncraticVolatility: idio,
    startPrice,
    averageVolume: volume * MILLION,
  };
}

function stock(
  symbol: string,
  name: string,
  sector: string,
  beta: number,
  idio: number,
  startPrice: number,
  volume: number,
): SymbolSpec {
  return {
    symbol,
    name,
    sector,
    beta,
    idiosyncraticVolatility: idio,
    startPrice,
    averageVolume: volume * MILLION,
    jumps: EARNINGS_JUMPS,
  };
}

export const DEFAULT_UNIVERSE: MarketSpec = {
  sectors: [
    { name: 'index', volatility: 0.03 },
    { name: 'technology', volatility: 0.16 },
    { name: 'financials', volatility: 0.16 },
    { name: 'energy', volatility: 0.22 },
    { name: 'healthcare', volatility: 0.12 },
    { name: 'consumer-staples', volatility: 0.1 },
  ],
  symbols: [
    etf('SPY', 'S&P 500 index ETF', 1.0, 0.01, 320, 70),
    etf('QQQ', 'Nasdaq-100 index ETF', 1.15, 0.06, 210, 35),
    etf('IWM', 'Russell 2000 index ETF', 1.15, 0.08, 165, 25),
    stock('AAPL', 'Apple', 'technology', 1.15, 0.2, 75, 110),
    stock('MSFT', 'Microsoft', 'technology', 1.05, 0.17, 160, 25),
    stock('NVDA', 'NVIDIA', 'technology', 1.6, 0.32, 60, 40),
    stock('GOOGL', 'Alphabet', 'technology', 1.05, 0.2, 68, 30),
    stock('META', 'Meta Platforms', 'technology', 1.2, 0.25, 210, 15),
    stock('AMZN', 'Amazon', 'technology', 1.1, 0.22, 95, 60),
    stock('JPM', 'JPMorgan Chase', 'financials', 1.1, 0.14, 140, 10),
    stock('BAC', 'Bank of America', 'financials', 1.25, 0.17, 35, 40),
    stock('GS', 'Goldman Sachs', 'financials', 1.2, 0.16, 230, 3),
    stock('XOM', 'Exxon Mobil', 'energy', 0.9, 0.14, 70, 20),
    stock('CVX', 'Chevron', 'energy', 1.0, 0.15, 120, 8),
    stock('JNJ', 'Johnson & Johnson', 'healthcare', 0.6, 0.12, 145, 7),
    stock('PFE', 'Pfizer', 'healthcare', 0.65, 0.16, 40, 25),
    stock('UNH', 'UnitedHealth', 'healthcare', 0.85, 0.18, 290, 3),
    stock('KO', 'Coca-Cola', 'consumer-staples', 0.55, 0.1, 55, 12),
    stock('PEP', 'PepsiCo', 'consumer-staples', 0.55, 0.1, 135, 4),
    stock('WMT', 'Walmart', 'consumer-staples', 0.5, 0.13, 120, 7),
  ],
  pairs: [
    { a: 'KO', b: 'PEP', beta: 1, halfLifeDays: 10, spreadVolatility: 0.02 },
    { a: 'XOM', b: 'CVX', beta: 0.9, halfLifeDays: 20, spreadVolatility: 0.03 },
  ],
};

/** The default universe with the default seed, start and length (daily bars), each overridable. */
export function generateDefaultMarket(options: Partial<GenerateMarketOptions> = {}): SyntheticMarket {
  return generateMarket(DEFAULT_UNIVERSE, {
    seed: DEFAULT_SEED,
    start: DEFAULT_START,
    days: DEFAULT_DAYS,
    timeframe: '1d',
    ...options,
  });
}
