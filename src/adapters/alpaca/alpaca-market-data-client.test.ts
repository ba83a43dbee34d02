import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeuralTraderError } from '../../core/errors.js';
import type { Bar } from '../../model/bar.js';
import { AlpacaMarketDataClient } from './alpaca-market-data-client.js';
import { RIG_START, startAlpacaRig, type AlpacaRig } from './alpaca-test-rig.fixture.js';

const MINUTE = 60_000;

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the Alpaca market data client', () => {
  let rig: AlpacaRig;

  beforeEach(async () => {
    rig = await startAlpacaRig();
  });
  afterEach(async () => rig.sandbox.close());

  for (const encoding of ['msgpack', 'json'] as const) {
    it(`reconnects, resubscribes and backfills the bars it missed (${encoding})`, async () => {
      const client = new AlpacaMarketDataClient({ ...rig.config, streamEncoding: encoding });
      const bars: Bar[] = [];
      const errors: Error[] = [];
      let reconnects = 0;
      let barsAtReconnect = -1;
      const subscription = await client.subscribe(
        { bars: ['XYZ'] },
        {
          onBar: (bar) => bars.push(bar),
          onError: (error) => errors.push(error),
          onReconnect: () => {
            reconnects += 1;
            barsAtReconnect = bars.length;
          },
        },
      );
      rig.broker.replay.step(); // bar 10, live
      await until(() => bars.length === 1);
      rig.sandbox.dropStreamConnections();
      rig.broker.replay.step(); // bar 11, sent to nobody
      rig.broker.replay.step(); // bar 12, sent to nobody
      await until(() => reconnects === 1);
      expect(barsAtReconnect).toBe(3); // the gap was filled before onReconnect
      rig.broker.replay.step(); // bar 13, live again
      await until(() => bars.length === 4);
      await subscription.close();
      expect(bars.map((b) => (b.tsEvent - RIG_START) / MINUTE)).toEqual([10, 11, 12, 13]);
      expect(bars.map((b) => b.close)).toEqual([110, 111, 112, 113]);
      expect(errors.length).toBeGreaterThan(0);
      expect(rig.requests.filter((r) => r === 'GET /v2/stocks/XYZ/bars')).toHaveLength(1);
    });
  }

  it('refuses a stream login with the wrong keys for good', async () => {
    const client = new AlpacaMarketDataClient({ ...rig.config, secretKey: 'wrong' });
    const error = await client.subscribe({ bars: ['XYZ'] }, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NeuralTraderError);
    expect(error).toMatchObject({ code: 'PROVIDER_FAILURE', retryable: false });
  });

  it('reports an unreachable stream as retryable', async () => {
    const client = new AlpacaMarketDataClient({ ...rig.config, dataStreamUrl: 'ws://127.0.0.1:9/v2/iex' });
    await expect(client.subscribe({ bars: ['XYZ'] }, {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
  });

  it('drops the bar at `to` (Alpaca ends inclusive, the port exclusive) and reads latest prices', async () => {
    const client = new AlpacaMarketDataClient(rig.config);
    const bars = await client.historicalBars({
      symbol: 'XYZ',
      timeframe: '1m',
      from: RIG_START + 2 * MINUTE,
      to: RIG_START + 5 * MINUTE,
    });
    expect(Array.from(bars.close)).toEqual([102, 103, 104]);
    expect((await client.latestTrade('XYZ')).tradeId).toBe(String(RIG_START + 10 * MINUTE));
    expect((await client.latestQuote('XYZ')).bidPrice).toBeCloseTo(108.98, 9);
  });
});
