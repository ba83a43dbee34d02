import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SettingRepository } from '../../store/api-repositories.types.js';
import type { JsonValue } from '../../store/repositories.types.js';

/**
 * How `trade status`, `trade stop`, `trade order` and `trade rebalance` reach the `trade start` process: the
 * store's named settings (SQLite in WAL mode lets several processes share the file).
 * - `trading.status`: the running node publishes its status (strategies, positions, account, open orders)
 *   every second, with its pid and the time; a status older than STALE_MS means no node is running (it was
 *   killed without a chance to say so).
 * - `trading.command`: one pending operator command (stop, order, rebalance) with an id; the node polls it,
 *   runs it and writes `trading.result.<id>`, which the command's process waits for. A second command
 *   waits until the first was taken (single slot: the node handles commands one at a time anyway).
 */
export const STATUS_KEY = 'trading.status';
export const COMMAND_KEY = 'trading.command';
/** A node publishes every second: three missed beats means it is gone. */
export const STALE_MS = 3_000;

export interface PublishedStatus {
  readonly pid: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  /** The node's status (TradingStatus plus the account's positions and open orders), as JSON. */
  readonly status: JsonValue;
}

const commandSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('stop'), flatten: z.boolean() }),
  z.object({ id: z.string(), kind: z.literal('order'), order: z.record(z.string(), z.unknown()) }),
  z.object({
    id: z.string(),
    kind: z.literal('rebalance'),
    targets: z.record(z.string(), z.number()),
    dryRun: z.boolean(),
    cashBuffer: z.number(),
    minTradeValue: z.number(),
  }),
]);
export type TradingCommand = z.infer<typeof commandSchema>;
export type TradingCommandInput = TradingCommand extends infer C
  ? C extends { id: string }
    ? Omit<C, 'id'>
    : never
  : never;

const statusSchema = z.object({
  pid: z.number(),
  startedAt: z.number(),
  updatedAt: z.number(),
  status: z.unknown(),
});

export class TradingBoard {
  constructor(
    private readonly settings: SettingRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async publish(status: PublishedStatus): Promise<void> {
    await this.settings.put(STATUS_KEY, status as unknown as JsonValue, status.updatedAt);
  }

  /** The last published status, or null when none was ever published. */
  async read(): Promise<PublishedStatus | null> {
    const stored = await this.settings.get(STATUS_KEY);
    if (stored === null) return null;
    const parsed = statusSchema.safeParse(stored.value);
    return parsed.success ? (parsed.data as PublishedStatus) : null;
  }

  /** The status of a node that is running now (published within STALE_MS and not stopped), else null. */
  async running(): Promise<PublishedStatus | null> {
    const status = await this.read();
    if (status === null || this.now() - status.updatedAt > STALE_MS) return null;
    const state = (status.status as { state?: unknown } | null)?.state;
    return state === 'stopped' ? null : status;
  }

  /** Posts a command and waits for the node's result (rejects after `timeoutMs`). */
  async send(command: TradingCommandInput, timeoutMs = 15_000): Promise<JsonValue> {
    const id = randomUUID();
    const deadline = this.now() + timeoutMs;
    while ((await this.settings.get(COMMAND_KEY))?.value != null) {
      if (this.now() > deadline)
        throw new Error('the trading node did not take the previous command in time');
      await sleep(100);
    }
    await this.settings.put(COMMAND_KEY, { ...command, id } as unknown as JsonValue, this.now());
    for (;;) {
      const result = await this.settings.get(resultKey(id));
      if (result !== null) return result.value;
      if (this.now() > deadline)
        throw new Error(`the trading node did not answer command ${command.kind} in time`);
      await sleep(100);
    }
  }

  /** The pending command, taken off the slot (the node calls this); null when there is none. */
  async take(): Promise<TradingCommand | null> {
    const stored = await this.settings.get(COMMAND_KEY);
    if (stored === null || stored.value === null) return null;
    await this.settings.put(COMMAND_KEY, null, this.now());
    const parsed = commandSchema.safeParse(stored.value);
    return parsed.success ? parsed.data : null;
  }

  async answer(id: string, result: JsonValue): Promise<void> {
    await this.settings.put(resultKey(id), result, this.now());
  }
}

function resultKey(id: string): string {
  return `trading.result.${id}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
