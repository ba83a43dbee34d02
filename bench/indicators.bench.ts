/**
 * Indicator kernels against the dev-dependency library `technicalindicators` (same inputs, same run).
 * Targets (issue 3): RSI(14) + MACD(12,26,9) + Bollinger(20,2) + ATR(14) over 100,000 bars <= 1.0 ms total
 * (median); SMA / EMA over 10,000,000 values >= 300 M values/s.
 */
import * as ti from 'technicalindicators';
import { SeededRng } from '../src/core/rng.js';
import { adx } from '../src/indicators/adx.js';
import { atr } from '../src/indicators/atr.js';
import { bollingerBands } from '../src/indicators/bollinger-bands.js';
import { cci } from '../src/indicators/cci.js';
import { ema } from '../src/indicators/ema.js';
import { ichimoku } from '../src/indicators/ichimoku.js';
import { keltnerChannels } from '../src/indicators/keltner-channels.js';
import { macd } from '../src/indicators/macd.js';
import { mfi } from '../src/indicators/mfi.js';
import { obv } from '../src/indicators/obv.js';
import { parabolicSar } from '../src/indicators/parabolic-sar.js';
import { roc } from '../src/indicators/roc.js';
import { rsi } from '../src/indicators/rsi.js';
import { sma } from '../src/indicators/sma.js';
import { stochastic } from '../src/indicators/stochastic.js';
import { vwap } from '../src/indicators/vwap.js';
import { williamsR } from '../src/indicators/williams-r.js';
import { wma } from '../src/indicators/wma.js';
import { timeMedian } from './stats.js';

function randomBars(n: number, seed: number) {
  const rng = new SeededRng(seed);
  const close = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const volume = new Float64Array(n);
  const ts = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    price *= 1 + 0.01 * rng.normal();
    close[i] = price;
    high[i] = price * (1 + 0.005 * rng.next());
    low[i] = price * (1 - 0.005 * rng.next());
    volume[i] = 1000 + 1000 * rng.next();
    ts[i] = i * 60_000;
  }
  return { close, high, low, volume, ts };
}

const N = 100_000;
const b = randomBars(N, 1);
const arrays = {
  close: Array.from(b.close),
  high: Array.from(b.high),
  low: Array.from(b.low),
  volume: Array.from(b.volume),
};

// 1. The headline combination.
// Output columns are reused between runs, as a strategy or the API would hold them.
const o = {
  rsi: new Float64Array(N),
  macd: { macd: new Float64Array(N), signal: new Float64Array(N), histogram: new Float64Array(N) },
  bands: {
    middle: new Float64Array(N),
    upper: new Float64Array(N),
    lower: new Float64Array(N),
    percentB: new Float64Array(N),
    bandwidth: new Float64Array(N),
  },
  atr: new Float64Array(N),
};
const combo = timeMedian(() => {
  rsi(b.close, 14, o.rsi);
  macd(b.close, 12, 26, 9, o.macd);
  bollingerBands(b.close, 20, 2, o.bands);
  atr(b.high, b.low, b.close, 14, o.atr);
}, 200);
const comboLib = timeMedian(() => {
  ti.RSI.calculate({ period: 14, values: arrays.close });
  ti.MACD.calculate({
    values: arrays.close,
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  ti.BollingerBands.calculate({ period: 20, values: arrays.close, stdDev: 2 });
  ti.ATR.calculate({ high: arrays.high, low: arrays.low, close: arrays.close, period: 14 });
}, 5);
console.log(
  `RSI(14) + MACD(12,26,9) + Bollinger(20,2) + ATR(14) over ${N.toLocaleString('en-US')} bars (median):`,
);
console.log('');
console.log('| implementation | ms | target |');
console.log('|---|---:|---:|');
console.log(`| baseline: technicalindicators | ${comboLib.toFixed(2)} | |`);
console.log(`| neural-trader | ${combo.toFixed(3)} | <= 1.0 |`);
console.log(`\nspeed-up: ${(comboLib / combo).toFixed(0)}x`);
// The four indicators write 10 output columns of 100,000 float64 (8 MB). Writing that much with a trivial
// computation is the floor no kernel can beat on this machine; it is printed so the target can be judged.
const floorOut = Array.from({ length: 10 }, () => new Float64Array(N));
const floor = timeMedian(() => {
  for (const column of floorOut) for (let i = 0; i < N; i++) column[i] = (b.close[i] as number) * 1.0001;
}, 200);
console.log(
  `memory floor on this machine (write 10 columns of ${N.toLocaleString('en-US')} values): ${floor.toFixed(3)} ms`,
);

// 2. Throughput of SMA / EMA on 10M values.
const big = randomBars(10_000_000, 2).close;
const out = new Float64Array(big.length);
const smaMs = timeMedian(() => sma(big, 20, out), 15);
const emaMs = timeMedian(() => ema(big, 20, out), 15);
const libSample = Array.from(big.subarray(0, 1_000_000));
const libSmaMs = timeMedian(() => ti.SMA.calculate({ period: 20, values: libSample }), 3);
const libEmaMs = timeMedian(() => ti.EMA.calculate({ period: 20, values: libSample }), 3);
const rate = (values: number, ms: number): string => `${(values / ms / 1000).toFixed(0)} M/s`;
console.log(
  '\nThroughput (neural-trader on 10,000,000 values; technicalindicators on 1,000,000, rate per value):',
);
console.log('');
console.log('| kernel | neural-trader | technicalindicators | target |');
console.log('|---|---:|---:|---:|');
console.log(`| SMA(20) | ${rate(big.length, smaMs)} | ${rate(libSample.length, libSmaMs)} | >= 300 M/s |`);
console.log(`| EMA(20) | ${rate(big.length, emaMs)} | ${rate(libSample.length, libEmaMs)} | >= 300 M/s |`);

// 3. Every indicator the library also has, over 100,000 bars.
const cases: [string, () => unknown, () => unknown][] = [
  ['SMA(20)', () => sma(b.close, 20), () => ti.SMA.calculate({ period: 20, values: arrays.close })],
  ['EMA(20)', () => ema(b.close, 20), () => ti.EMA.calculate({ period: 20, values: arrays.close })],
  ['WMA(20)', () => wma(b.close, 20), () => ti.WMA.calculate({ period: 20, values: arrays.close })],
  ['RSI(14)', () => rsi(b.close, 14), () => ti.RSI.calculate({ period: 14, values: arrays.close })],
  [
    'MACD(12,26,9)',
    () => macd(b.close, 12, 26, 9),
    () =>
      ti.MACD.calculate({
        values: arrays.close,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
  ],
  [
    'Bollinger(20,2)',
    () => bollingerBands(b.close, 20, 2),
    () => ti.BollingerBands.calculate({ period: 20, values: arrays.close, stdDev: 2 }),
  ],
  ['ATR(14)', () => atr(b.high, b.low, b.close, 14), () => ti.ATR.calculate({ ...arrays, period: 14 })],
  ['ADX(14)', () => adx(b.high, b.low, b.close, 14), () => ti.ADX.calculate({ ...arrays, period: 14 })],
  [
    'Stochastic(14,3,3)',
    () => stochastic(b.high, b.low, b.close, 14, 3, 3),
    () => ti.Stochastic.calculate({ ...arrays, period: 14, signalPeriod: 3 }),
  ],
  [
    'Williams %R(14)',
    () => williamsR(b.high, b.low, b.close, 14),
    () => ti.WilliamsR.calculate({ ...arrays, period: 14 }),
  ],
  ['CCI(20)', () => cci(b.high, b.low, b.close, 20), () => ti.CCI.calculate({ ...arrays, period: 20 })],
  ['ROC(10)', () => roc(b.close, 10), () => ti.ROC.calculate({ period: 10, values: arrays.close })],
  [
    'OBV',
    () => obv(b.close, b.volume),
    () => ti.OBV.calculate({ close: arrays.close, volume: arrays.volume }),
  ],
  ['VWAP', () => vwap(b.high, b.low, b.close, b.volume, b.ts), () => ti.VWAP.calculate({ ...arrays })],
  [
    'MFI(14)',
    () => mfi(b.high, b.low, b.close, b.volume, 14),
    () => ti.MFI.calculate({ ...arrays, period: 14 }),
  ],
  [
    'Keltner(20,2,10)',
    () => keltnerChannels(b.high, b.low, b.close, 20, 2, 10),
    () =>
      ti.KeltnerChannels.calculate({ ...arrays, maPeriod: 20, atrPeriod: 10, multiplier: 2, useSMA: false }),
  ],
  [
    'Parabolic SAR',
    () => parabolicSar(b.high, b.low, 0.02, 0.2),
    () => ti.PSAR.calculate({ high: arrays.high, low: arrays.low, step: 0.02, max: 0.2 }),
  ],
  [
    'Ichimoku(9,26,52,26)',
    () => ichimoku(b.high, b.low, 9, 26, 52, 26),
    () =>
      ti.IchimokuCloud.calculate({
        high: arrays.high,
        low: arrays.low,
        conversionPeriod: 9,
        basePeriod: 26,
        spanPeriod: 52,
        displacement: 26,
      }),
  ],
];
console.log(`\nEach indicator over ${N.toLocaleString('en-US')} bars (median ms):`);
console.log('');
console.log('| indicator | neural-trader | technicalindicators | speed-up |');
console.log('|---|---:|---:|---:|');
for (const [name, ours, theirs] of cases) {
  const a = timeMedian(ours, 50);
  const c = timeMedian(theirs, 3);
  console.log(`| ${name} | ${a.toFixed(3)} | ${c.toFixed(1)} | ${(c / a).toFixed(0)}x |`);
}
