import { Redis } from 'ioredis';

/**
 * Whether a Redis answers PING at `url` within `timeoutMs`. The CLI checks it first so that a wrong REDIS_URL
 * gives one clear line instead of BullMQ's reconnect loop; tests and benchmarks use it to say why they skip.
 */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
