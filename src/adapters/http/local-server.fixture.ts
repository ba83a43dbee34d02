import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { SimulatedClock } from '../../core/clock.js';
import { ProviderError } from './provider-error.js';
import type { ProviderDependencies } from './timing.js';

/** A request as the local server saw it. */
export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface Answer {
  readonly status?: number;
  readonly body?: string | Buffer;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the headers and part of the body, then drop the connection. */
  readonly truncate?: boolean;
}

export type Handler = (request: SeenRequest) => Answer | Promise<Answer>;

/**
 * A stand-in for a provider on 127.0.0.1 (port 0): answers with whatever the test's handler returns, in
 * order, and records every request. `queue` answers the next requests with canned answers before the
 * handler (a 500 then the handler's success).
 */
export class LocalServer {
  readonly requests: SeenRequest[] = [];
  handler: Handler = () => ({ status: 404, body: 'no handler' });
  private readonly queued: Answer[] = [];
  private server: Server | null = null;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const seen = { path: url.pathname, query: url.searchParams, headers: request.headers };
      this.requests.push(seen);
      const next = this.queued.shift();
      Promise.resolve(next ?? this.handler(seen)).then(
        (answer) => {
          const body: string | Buffer =
            answer.json === undefined ? (answer.body ?? '') : JSON.stringify(answer.json);
          const type = answer.json === undefined ? 'text/plain' : 'application/json';
          if (answer.truncate === true) {
            response.writeHead(answer.status ?? 200, { 'content-length': String(body.length + 1000) });
            response.write(body.slice(0, Math.floor(body.length / 2)));
            setTimeout(() => response.destroy(), 10);
            return;
          }
          response.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  queue(...answers: Answer[]): void {
    this.queued.push(...answers);
  }

  reset(handler?: Handler): void {
    this.requests.length = 0;
    this.queued.length = 0;
    if (handler !== undefined) this.handler = handler;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Simulated time for adapters: a SimulatedClock that `sleep` moves forward (no real waiting), recording each
 * wait, and a jitter source fixed at 1 so backoffs are the full exponential values.
 */
export function fakeTime(startMs = Date.UTC(2024, 2, 6, 12)): {
  clock: SimulatedClock;
  waits: number[];
  dependencies: Required<Omit<ProviderDependencies, 'fetch'>>;
} {
  const clock = new SimulatedClock(startMs);
  const waits: number[] = [];
  return {
    clock,
    waits,
    dependencies: {
      clock,
      sleep: (ms) => {
        waits.push(ms);
        clock.advanceBy(ms);
        return Promise.resolve();
      },
      random: () => 1,
    },
  };
}

/** The ProviderError a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a ProviderError, but the promise resolved');
}
