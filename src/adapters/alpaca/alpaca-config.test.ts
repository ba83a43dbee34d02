import { describe, expect, it } from 'vitest';
import { resolveAlpacaConfig, systemSleep } from './alpaca-config.js';

describe('resolveAlpacaConfig', () => {
  it('defaults to the paper endpoints, the IEX feed and 200 requests a minute', () => {
    const config = resolveAlpacaConfig({ keyId: 'a', secretKey: 'b' });
    expect(config).toMatchObject({
      baseUrl: 'https://paper-api.alpaca.markets',
      dataUrl: 'https://data.alpaca.markets',
      dataStreamUrl: 'wss://stream.data.alpaca.markets/v2/iex',
      tradingStreamUrl: 'wss://paper-api.alpaca.markets/stream',
      requestsPerMinute: 200,
      streamEncoding: 'msgpack',
      live: false,
    });
  });

  it('is live only for https://api.alpaca.markets and strips a trailing /v2', () => {
    const live = resolveAlpacaConfig({
      keyId: 'a',
      secretKey: 'b',
      baseUrl: 'https://api.alpaca.markets/v2/',
    });
    expect(live).toMatchObject({
      live: true,
      baseUrl: 'https://api.alpaca.markets',
      tradingStreamUrl: 'wss://api.alpaca.markets/stream',
    });
    expect(
      resolveAlpacaConfig({ keyId: 'a', secretKey: 'b', baseUrl: 'http://api.alpaca.markets' }).live,
    ).toBe(false);
  });

  it('derives the streams of a local server from its URLs', () => {
    const local = resolveAlpacaConfig({
      keyId: 'a',
      secretKey: 'b',
      baseUrl: 'http://127.0.0.1:8080',
      dataUrl: 'http://127.0.0.1:8080',
      feed: 'sip',
    });
    expect(local).toMatchObject({
      dataStreamUrl: 'ws://127.0.0.1:8080/v2/sip',
      tradingStreamUrl: 'ws://127.0.0.1:8080/stream',
    });
  });

  it('refuses missing keys, bad URLs and a bad rate', () => {
    expect(() => resolveAlpacaConfig({ keyId: '', secretKey: 'b' })).toThrow(/key id and secret/);
    expect(() => resolveAlpacaConfig({ keyId: 'a', secretKey: 'b', baseUrl: 'paper' })).toThrow(
      /ALPACA_BASE_URL "paper" must be an absolute URL/,
    );
    expect(() => resolveAlpacaConfig({ keyId: 'a', secretKey: 'b', baseUrl: 'ftp://x' })).toThrow(
      /must use https: or http:/,
    );
    expect(() => resolveAlpacaConfig({ keyId: 'a', secretKey: 'b', requestsPerMinute: 0.5 })).toThrow(
      /requestsPerMinute "0.5"/,
    );
  });

  it('sleeps, and stops sleeping when aborted', async () => {
    const started = Date.now();
    await systemSleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const controller = new AbortController();
    const sleeping = systemSleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
