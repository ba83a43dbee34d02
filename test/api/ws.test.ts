import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTH_ENV,
  call,
  PASSWORD,
  seededDirectory,
  startTestServer,
  USERNAME,
  type Json,
  type TestServer,
} from './api-test-server.js';

/** Opens a client and collects its messages; resolves once the welcome message arrived. */
async function connect(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<{ socket: WebSocket; messages: Json[] }> {
  const socket = new WebSocket(url, options);
  const messages: Json[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as Json));
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  return { socket, messages };
}

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

describe('WebSocket /ws', () => {
  let server: TestServer;
  let token: string;
  let wsUrl: string;
  beforeAll(async () => {
    server = await startTestServer({
      cwd: await seededDirectory('SPY', '30'),
      env: AUTH_ENV,
      websocket: { maxBufferedBytes: 1024 * 1024, heartbeatMs: 100 },
    });
    wsUrl = `${server.url.replace('http', 'ws')}/ws`;
    token = (await call(server, 'POST', '/auth/login', { body: { username: USERNAME, password: PASSWORD } }))
      .body['token'] as string;
    server.topics.register('test.flood', 'test data');
  });
  afterAll(() => server.close());

  it('refuses an upgrade without a valid credential', async () => {
    for (const url of [wsUrl, `${wsUrl}?access_token=forged`]) {
      const socket = new WebSocket(url);
      const status = await new Promise<number>((resolve) =>
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
      );
      expect(status).toBe(401);
    }
  });

  it('authenticates by header or access_token, lists topics, answers pings and reports bad messages', async () => {
    const { socket, messages } = await connect(wsUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(messages[0]).toMatchObject({ type: 'welcome', subject: USERNAME, role: 'trader' });
    expect(((messages[0] as Json)['topics'] as Json[]).map((t) => t['name'])).toEqual([
      'jobs',
      'risk',
      'test.flood',
    ]);
    socket.send(JSON.stringify({ type: 'ping' }));
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'dance' }));
    socket.send(JSON.stringify({ type: 'subscribe', topics: ['orders'] }));
    socket.send(JSON.stringify({ type: 'subscribe', topics: [] }));
    socket.send(JSON.stringify({ type: 'subscribe', topics: ['risk', 'jobs'] }));
    socket.send(JSON.stringify({ type: 'unsubscribe', topics: ['jobs'] }));
    socket.send(JSON.stringify({ type: 'topics' }));
    socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await until(() => messages.length >= 10, 'nine replies');
    expect(messages.slice(1).map((m) => [m['type'], m['message'] ?? m['topics'] ?? 'ts' in m])).toEqual([
      ['pong', true],
      ['error', expect.stringMatching(/must be JSON/)],
      ['error', expect.stringMatching(/message type "dance" must be one of/)],
      ['error', 'unknown topic(s): orders'],
      ['error', expect.stringMatching(/needs "topics": a non-empty list/)],
      ['subscribed', ['risk', 'jobs']],
      ['subscribed', ['risk']],
      ['topics', expect.any(Array)],
      ['error', expect.stringMatching(/not binary/)],
    ]);
    socket.close();

    const byQuery = await connect(`${wsUrl}?access_token=${token}`);
    expect(byQuery.messages[0]).toMatchObject({ type: 'welcome', subject: USERNAME });
    byQuery.socket.close();
    expect(server.logs.join('')).not.toContain(token);
  });

  it('drops a client that stops reading once its backlog passes the bound, with code 1008 and the reason; a reading client keeps up', async () => {
    const fast = await connect(wsUrl, { headers: { authorization: `Bearer ${token}` } });
    const slow = await connect(wsUrl, { headers: { authorization: `Bearer ${token}` } });
    for (const client of [fast, slow])
      client.socket.send(JSON.stringify({ type: 'subscribe', topics: ['test.flood'] }));
    await until(() => fast.messages.length >= 2 && slow.messages.length >= 2, 'subscriptions');
    const raw = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause(); // the slow consumer: its process no longer reads the socket
    const slowClosed = closed(slow.socket);
    const payload = 'x'.repeat(10_000);
    let published = 0;
    const dropped = () => server.logs.some((line) => line.includes('websocket client dropped'));
    while (!dropped() && published < 5_000) {
      for (let i = 0; i < 20; i++) server.topics.publish('test.flood', { i: published++, payload });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(dropped()).toBe(true);
    const line = JSON.parse(server.logs.find((l) => l.includes('websocket client dropped')) ?? '{}') as Json;
    expect(line['reason']).toMatch(/^slow consumer: \d+ bytes waiting, limit 1048576$/);
    raw.resume();
    const { code, reason } = await slowClosed;
    expect(code).toBe(1008);
    expect(reason).toMatch(/^slow consumer/);
    // The reading client got every message and is still connected.
    await until(
      () => fast.messages.filter((m) => m['topic'] === 'test.flood').length === published,
      'fast client',
    );
    expect(fast.socket.readyState).toBe(WebSocket.OPEN);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/neural_trader_websocket_dropped_total\{reason="backpressure"\} 1/);
    fast.socket.close();
  });

  it('terminates a client that does not answer the heartbeat ping', async () => {
    const { socket } = await connect(wsUrl, {
      headers: { authorization: `Bearer ${token}` },
      autoPong: false,
    });
    const { code } = await closed(socket);
    expect(code).toBe(1006); // terminated: no close handshake with a peer that does not answer
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/neural_trader_websocket_dropped_total\{reason="heartbeat"\} [1-9]/);
  });
});
