import { PaperBroker } from '../../src/adapters/paper/paper-broker.js';
import {
  startAlpacaSandbox,
  type AlpacaSandbox,
  type AlpacaSandboxOptions,
} from '../../src/adapters/alpaca/sandbox/alpaca-sandbox-server.js';
import type { AlpacaConfig } from '../../src/adapters/alpaca/alpaca-config.js';
import { contractInstruments, contractSeries, REPLAY_START, STARTING_CASH } from './contract-market.js';

export const KEY_ID = 'sandbox-key';
export const SECRET_KEY = 'sandbox-secret';

export interface SandboxRig {
  readonly broker: PaperBroker;
  readonly sandbox: AlpacaSandbox;
  /** Adapter config pointed at the sandbox (both REST hosts and both streams). */
  readonly config: AlpacaConfig;
}

/** A paper broker on the contract market behind a local Alpaca-compatible server on 127.0.0.1. */
export async function startSandboxRig(options: Partial<AlpacaSandboxOptions> = {}): Promise<SandboxRig> {
  const broker = new PaperBroker({
    series: contractSeries(),
    instruments: contractInstruments(),
    startingCash: STARTING_CASH,
    startAt: REPLAY_START,
  });
  const sandbox = await startAlpacaSandbox({
    broker,
    keyId: KEY_ID,
    secretKey: SECRET_KEY,
    maxPageSize: 7,
    ...options,
  });
  const config: AlpacaConfig = {
    keyId: KEY_ID,
    secretKey: SECRET_KEY,
    baseUrl: sandbox.url,
    dataUrl: sandbox.url,
    requestsPerMinute: 100_000,
    reconnectDelayMs: 20,
    maxReconnectDelayMs: 100,
  };
  return { broker, sandbox, config };
}
