import { BarSeries } from '../../data/bar-series.js';
import { createInstrument } from '../../model/instrument.js';
import { PaperBroker } from '../paper/paper-broker.js';
import type { AlpacaConfig } from './alpaca-config.js';
import {
  startAlpacaSandbox,
  type AlpacaSandbox,
  type SandboxFaults,
} from './sandbox/alpaca-sandbox-server.js';

export const RIG_START = Date.UTC(2024, 2, 4, 14, 30);
const MINUTE = 60_000;

export interface AlpacaRig {
  readonly broker: PaperBroker;
  readonly sandbox: AlpacaSandbox;
  readonly config: AlpacaConfig;
  /** Requests the server saw, as "METHOD /path". */
  readonly requests: string[];
  /** Faults the next requests meet (replace at will). */
  faults: SandboxFaults;
}

/**
 * A local Alpaca-compatible server over a paper broker replaying 30 minute bars of XYZ (prices 100 + i,
 * ranges of +/- 0.5; the replay starts at bar 10), with a fault hook and a log of requests, and an adapter
 * config pointed at it.
 */
export async function startAlpacaRig(overrides: Partial<AlpacaConfig> = {}): Promise<AlpacaRig> {
  const bars = Array.from({ length: 30 }, (_, i) => ({
    tsEvent: RIG_START + i * MINUTE,
    open: 100 + i,
    high: 100.5 + i,
    low: 99.5 + i,
    close: 100 + i,
    volume: 1_000,
  }));
  const broker = new PaperBroker({
    series: [BarSeries.fromBars('XYZ', '1m', bars)],
    instruments: [createInstrument({ symbol: 'XYZ' })],
    startingCash: 50_000,
    startAt: RIG_START + 10 * MINUTE,
  });
  const requests: string[] = [];
  const current: { faults: SandboxFaults } = { faults: {} };
  const sandbox = await startAlpacaSandbox({
    broker,
    keyId: 'key',
    secretKey: 'secret',
    rateLimitPerMinute: 100_000,
    faults: {
      before: (method, path) => {
        requests.push(`${method} ${path}`);
        return current.faults.before?.(method, path) ?? null;
      },
      after: (method, path) => current.faults.after?.(method, path) ?? null,
    },
  });
  const config: AlpacaConfig = {
    keyId: 'key',
    secretKey: 'secret',
    baseUrl: sandbox.url,
    dataUrl: sandbox.url,
    requestsPerMinute: 100_000,
    reconnectDelayMs: 10,
    maxReconnectDelayMs: 50,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 },
    ...overrides,
  };
  return {
    broker,
    sandbox,
    config,
    requests,
    get faults() {
      return current.faults;
    },
    set faults(faults: SandboxFaults) {
      current.faults = faults;
    },
  };
}

/** A fault that strikes the first `times` requests matching `method path`, then lets them through. */
export function times<T>(
  count: number,
  method: string,
  path: RegExp,
  fault: T,
): (m: string, p: string) => T | null {
  let left = count;
  return (m, p) => {
    if (m !== method || !path.test(p) || left === 0) return null;
    left -= 1;
    return fault;
  };
}
