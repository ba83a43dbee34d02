/**
 * 50 orders submitted in parallel through the Alpaca adapter (AlpacaExecutionClient: zod-validated REST,
 * token bucket, decimal strings at the edge) to the local Alpaca-compatible server (node:http, paper broker
 * behind it) on 127.0.0.1. Target (issue 9): <= 200 ms for the 50; the original platform needed 145 ms per
 * trade, serially. Baseline: the same 50 orders sent one after another, in the same run. Each figure is the
 * median over rounds (market orders of one share that fill at once, fresh client order ids each round),
 * after warm-up rounds; client and server share this process, so the figure includes the server's work.
 */
import { performance } from 'node:perf_hooks';
import { AlpacaExecutionClient } from '../src/adapters/alpaca/alpaca-execution-client.js';
import { startAlpacaSandbox } from '../src/adapters/alpaca/sandbox/alpaca-sandbox-server.js';
import { PaperBroker } from '../src/adapters/paper/paper-broker.js';
import { clientOrderId, instrumentId } from '../src/core/ids.js';
import { generateDefaultMarket } from '../src/data/synthetic/index.js';
import type { BrokerOrderRequest } from '../src/engine/execution-client.types.js';
import { median } from './stats.js';

const ORDERS = 50;
const ROUNDS = 15;
const WARMUP = 3;

const market = generateDefaultMarket({ timeframe: '1m', days: 2 });
const series = [...market.series.values()];
const broker = new PaperBroker({
  series,
  instruments: market.instruments,
  startingCash: 1e9,
  startAt: (series[0]?.ts[390] as number) ?? 0,
});
const sandbox = await startAlpacaSandbox({ broker, keyId: 'bench', secretKey: 'bench' });
/**
 * A fresh client per batch: its token bucket starts full (200 requests, Alpaca's per-minute budget), as for
 * a client that has not traded in the last minute; 50 orders fit in the burst, so no request waits for a
 * token, and what is timed is the round trip.
 */
const newClient = (): AlpacaExecutionClient =>
  new AlpacaExecutionClient({
    keyId: 'bench',
    secretKey: 'bench',
    baseUrl: sandbox.url,
    dataUrl: sandbox.url,
  });
const symbols = market.instruments.map((i) => i.symbol);

let sequence = 0;
function batch(): BrokerOrderRequest[] {
  return Array.from({ length: ORDERS }, (_, i) => ({
    instrumentId: instrumentId(symbols[i % symbols.length] as string),
    side: 'buy',
    type: 'market',
    quantity: 1,
    timeInForce: 'day',
    clientOrderId: clientOrderId(`bench-${++sequence}`),
  }));
}

async function parallel(): Promise<number> {
  const orders = batch();
  const client = newClient();
  const start = performance.now();
  const placed = await Promise.all(orders.map((order) => client.submitOrder(order)));
  const elapsed = performance.now() - start;
  if (placed.some((order) => order.status !== 'filled')) throw new Error('an order did not fill');
  return elapsed;
}

async function serial(): Promise<number> {
  const orders = batch();
  const client = newClient();
  const start = performance.now();
  for (const order of orders) {
    const placed = await client.submitOrder(order);
    if (placed.status !== 'filled') throw new Error('an order did not fill');
  }
  return performance.now() - start;
}

// A round of each before timing: JIT, sockets and the server's first requests warmed up.
const parallelTimes: number[] = [];
const serialTimes: number[] = [];
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const p = await parallel();
  const s = await serial();
  if (round >= WARMUP) {
    parallelTimes.push(p);
    serialTimes.push(s);
  }
}
await sandbox.close();

const parallelMs = median(parallelTimes);
const serialMs = median(serialTimes);
console.log(
  `${ORDERS} market orders of one share through AlpacaExecutionClient to the local server, median of ${ROUNDS} rounds\n`,
);
console.log('| submission | total ms | ms per order | target |');
console.log('|---|---:|---:|---:|');
console.log(`| baseline: one after another | ${serialMs.toFixed(1)} | ${(serialMs / ORDERS).toFixed(2)} | |`);
console.log(
  `| all ${ORDERS} in parallel | ${parallelMs.toFixed(1)} | ${(parallelMs / ORDERS).toFixed(2)} | <= 200 total |`,
);
console.log(
  `\nparallel / serial: ${(parallelMs / serialMs).toFixed(2)}; the original platform: 145 ms per trade, serially`,
);
