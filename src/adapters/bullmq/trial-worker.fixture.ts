/**
 * Test fixtures of the BullMQ adapter: a deterministic evaluate function, a Redis probe, and (run as a script)
 * a worker process for the kill-a-worker test:
 *   node --import tsx src/adapters/bullmq/trial-worker.fixture.ts <redisUrl> <queueName>
 * It prints `ready`, then `start <trialId>` when a trial begins and `done <trialId>` when it ends.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { TrialContext, TrialResult, TrialSpec } from '../../optimize/optimize.types.js';
import { startTrialWorker } from './start-trial-worker.js';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * A stand-in backtest over params `a` and `b` (numbers), waiting `settings.delayMs` ms:
 * metrics sharpeRatio = a / b, totalReturn = a * b, closedTrades = a + b, profitFactor = +Infinity when b = 0;
 * returns[i] = (a - i * b) / 1000 and returnTs[i] = (i + 1) * 86,400,000 for i = 0..4; durationMs = delayMs.
 * `a < 0` is a bad combination (a result with `error`), `explode: true` throws (an infrastructure failure).
 */
export async function fixtureEvaluate(spec: TrialSpec, context: TrialContext): Promise<TrialResult> {
  const delayMs = Number(context.settings['delayMs'] ?? 0);
  if (delayMs > 0) await sleep(delayMs);
  if (spec.params['explode'] === true) throw new Error(`trial ${spec.id} exploded`);
  const a = Number(spec.params['a']);
  const b = Number(spec.params['b']);
  const returns = new Float64Array(5);
  const returnTs = new Float64Array(5);
  for (let i = 0; i < 5; i++) {
    returns[i] = (a - i * b) / 1000;
    returnTs[i] = (i + 1) * 86_400_000;
  }
  return {
    id: spec.id,
    index: spec.index,
    params: spec.params,
    metrics: {
      sharpeRatio: a / b,
      totalReturn: a * b,
      closedTrades: a + b,
      profitFactor: b === 0 ? Infinity : null,
    },
    returns,
    returnTs,
    durationMs: delayMs,
    error: a < 0 ? `a "${a}" must be >= 0` : null,
  };
}

async function main(redisUrl: string, queueName: string): Promise<void> {
  await startTrialWorker({
    redisUrl,
    queueName,
    concurrency: 1,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    evaluate: async (spec, context, data) => {
      process.stdout.write(`start ${spec.id}\n`);
      const result = await fixtureEvaluate(spec, context);
      process.stdout.write(`done ${spec.id} ${JSON.stringify(data)}\n`);
      return result;
    },
  });
  process.stdout.write('ready\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [redisUrl, queueName] = process.argv.slice(2);
  if (redisUrl === undefined || queueName === undefined) throw new Error('usage: <redisUrl> <queueName>');
  await main(redisUrl, queueName);
}
