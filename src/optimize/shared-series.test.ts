import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BarSeries } from '../data/bar-series.js';
import { seriesFromShared, shareSeries } from './shared-series.js';

const a = BarSeries.fromBars('AAA', '1d', [
  { tsEvent: 0, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 },
  { tsEvent: 86_400_000, open: 1.5, high: 3, low: 1, close: 2.5, volume: 20 },
]);
const b = BarSeries.fromBars('BBB', '1h', [{ tsEvent: 5, open: 7, high: 8, low: 6, close: 7.5, volume: 1 }]);

describe('shareSeries', () => {
  it('rebuilds equal series as views over one SharedArrayBuffer', () => {
    const shared = shareSeries([a, b]);
    // 2 bars x 6 columns + 1 bar x 6 columns = 18 float64 = 144 bytes.
    expect(shared.buffer.byteLength).toBe(144);
    const [ra, rb] = seriesFromShared(shared);
    expect(ra?.symbol).toBe('AAA');
    expect(rb?.timeframe).toBe('1h');
    expect(ra?.barAt(1)).toEqual(a.barAt(1));
    expect(rb?.barAt(0)).toEqual(b.barAt(0));
    expect(ra?.close.buffer).toBe(shared.buffer);
    expect(seriesFromShared(shareSeries([]))).toEqual([]);
  });

  it('shares the memory with a worker instead of copying it', async () => {
    const shared = shareSeries([a]);
    // The worker writes into the close column; the write is visible here only if the memory is shared.
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       new Float64Array(workerData.buffer)[4 * 2] = 42; parentPort.postMessage('done');`,
      { eval: true, workerData: shared },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(seriesFromShared(shared)[0]?.close[0]).toBe(42);
  });
});
