import { describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId } from '../core/ids.js';
import { AlpacaExecutionClient } from '../adapters/alpaca/alpaca-execution-client.js';
import { AlpacaMarketDataClient } from '../adapters/alpaca/alpaca-market-data-client.js';
import { startLocalAlpacaSandbox } from './start-alpaca-sandbox.js';

describe('startLocalAlpacaSandbox', () => {
  it('serves the synthetic universe on loopback, replaying after the history days, and trades there', async () => {
    const sandbox = await startLocalAlpacaSandbox({ days: 2, historyDays: 1, speed: 60_000 });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.symbols).toContain('SPY');
      expect(sandbox.startsAt).toBe(Date.UTC(2020, 0, 2, 14, 30)); // day 2 of the default universe
      const config = {
        keyId: sandbox.keyId,
        secretKey: sandbox.secretKey,
        baseUrl: sandbox.url,
        dataUrl: sandbox.url,
      };
      const data = new AlpacaMarketDataClient(config);
      const history = await data.historicalBars({
        symbol: 'SPY',
        timeframe: '1m',
        from: 0,
        to: sandbox.startsAt,
      });
      expect(history.length).toBe(390);
      const execution = new AlpacaExecutionClient(config);
      const order = await execution.submitOrder({
        instrumentId: instrumentId('SPY'),
        side: 'buy',
        type: 'market',
        quantity: 1,
        clientOrderId: clientOrderId('use-case-1'),
      });
      expect(order.status).toBe('filled');
      // At 60,000x a minute bar takes a millisecond: the clock moves on by itself.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const later = await data.historicalBars({
        symbol: 'SPY',
        timeframe: '1m',
        from: sandbox.startsAt,
        to: Date.UTC(2021, 0, 1),
      });
      expect(later.length).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses settings it cannot serve', async () => {
    await expect(startLocalAlpacaSandbox({ days: 0 })).rejects.toThrow(/days "0"/);
    await expect(startLocalAlpacaSandbox({ days: 2, historyDays: 2 })).rejects.toThrow(/historyDays "2"/);
    await expect(startLocalAlpacaSandbox({ port: 70_000 })).rejects.toThrow(/port "70000"/);
  });
});
