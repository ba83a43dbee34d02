import type { Clock } from '../../core/clock.js';

/** Waits `ms` milliseconds; rejects with the signal's reason when it is aborted first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The wall clock. Adapters live at the edge, where reading it is allowed (ARCHITECTURE §3). */
export const systemClock: Clock = { now: () => Date.now() };

/** The signal's reason as an Error (AbortController.abort() gives a DOMException, itself an Error). */
function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error(`aborted: ${String(reason)}`);
}

/** setTimeout as a promise that an AbortSignal can cut short. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** What a provider adapter may be given instead of the real network and time, so tests can control them. */
export interface ProviderDependencies {
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** Uniform in [0, 1): the retry jitter. */
  readonly random?: () => number;
}
