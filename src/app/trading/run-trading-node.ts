import { z } from 'zod';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { TradingConfig } from '../../config/trading-config-schema.js';
import type { ReconciliationReport } from '../../live/reconcile.js';
import type { StrategyOrderRequest } from '../../strategies/strategy-context.js';
import type { SequenceStore } from '../../live/sequence-store.js';
import { TradingOrchestrator, type TradingStatus } from '../../live/trading-orchestrator.js';
import type { FillRepository, JsonValue, OrderRepository } from '../../store/repositories.types.js';
import { rebalanceAccount } from './rebalance-account.js';
import type { TradingBoard, TradingCommand } from './trading-board.js';
import type { BrokerConnection } from './trading-session.js';

export interface RunTradingNodeOptions {
  readonly connection: BrokerConnection;
  readonly orders: OrderRepository;
  readonly fills: FillRepository;
  readonly sequences: SequenceStore;
  readonly board: TradingBoard;
  readonly trading: TradingConfig;
  readonly liveFlag: boolean;
  readonly liveTradingEnabled: boolean;
  /** Fills before this are not fetched at reconciliation when the journal holds none of ours (epoch ms). */
  readonly since: number;
  /** Aborting stops the node (Ctrl-C). */
  readonly signal: AbortSignal;
  readonly pid: number;
  readonly now: () => number;
  readonly onStarted?: (report: ReconciliationReport) => void;
  readonly onLog?: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
  readonly publishIntervalMs?: number;
  readonly pollIntervalMs?: number;
}

/** A manual order as `trade order` sends it. */
export const manualOrderSchema = z.strictObject({
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']),
  quantity: z.number(),
  limitPrice: z.number().optional(),
  stopPrice: z.number().optional(),
  trailPercent: z.number().optional(),
  timeInForce: z.enum(['day', 'gtc', 'ioc', 'fok', 'opg', 'cls']).optional(),
});
export type ManualOrder = z.infer<typeof manualOrderSchema>;

/**
 * `trade start` in the foreground: starts the orchestrator (reconciliation first), starts the feed, then
 * publishes its status every second and runs operator commands (stop, order, rebalance) posted through the
 * store until stopped by the signal or a stop command. Resolves to the final status.
 */
export async function runTradingNode(options: RunTradingNodeOptions): Promise<TradingStatus> {
  const { connection, board } = options;
  if (connection.symbols !== null) {
    const missing = options.trading.symbols.filter((s) => !connection.symbols?.includes(s));
    if (missing.length > 0) {
      throw new InvalidInputError(
        `symbols ${quote(missing.join(','))} are not in the paper replay; it has ${connection.symbols.join(', ')}`,
      );
    }
  }
  const orchestrator = new TradingOrchestrator({
    client: connection.client,
    marketData: connection.marketData,
    clock: connection.clock,
    orders: options.orders,
    fills: options.fills,
    sequences: options.sequences,
    liveFlag: options.liveFlag,
    liveTradingEnabled: options.liveTradingEnabled,
    since: options.since,
    ...(connection.instruments === null ? {} : { instruments: connection.instruments }),
    ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
  });
  const startedAt = options.now();
  const report = await orchestrator.start(options.trading);
  options.onStarted?.(report);
  connection.start();
  const publish = () =>
    board.publish({ pid: options.pid, startedAt, updatedAt: options.now(), status: snapshot(orchestrator) });
  await publish();
  let flatten = false;
  let stopCommand: string | null = null;
  let lastPublish = options.now();
  while (!options.signal.aborted && stopCommand === null) {
    await sleep(options.pollIntervalMs ?? 250, options.signal);
    const command = await board.take();
    if (command !== null) {
      if (command.kind === 'stop') {
        flatten = command.flatten;
        stopCommand = command.id;
        break;
      }
      await board.answer(command.id, await runCommand(orchestrator, connection, command));
    }
    if (options.now() - lastPublish >= (options.publishIntervalMs ?? 1_000)) {
      lastPublish = options.now();
      await publish();
    }
  }
  await orchestrator.stop({ flatten });
  connection.close();
  await publish();
  if (stopCommand !== null) await board.answer(stopCommand, { stopped: true, flatten });
  return orchestrator.status();
}

async function runCommand(
  orchestrator: TradingOrchestrator,
  connection: BrokerConnection,
  command: Exclude<TradingCommand, { kind: 'stop' }>,
): Promise<JsonValue> {
  try {
    const node = orchestrator.tradingNode;
    if (command.kind === 'order') {
      const request = manualOrderSchema.parse(command.order);
      await node.primePrices([request.symbol.toUpperCase()]);
      const order = await node.operator.submitAndWait(withoutUndefined(request) as StrategyOrderRequest);
      return toJson({ order });
    }
    const outcome = await rebalanceAccount(connection.client, connection.marketData, node, command);
    return toJson(outcome);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** What other processes read: the orchestrator's status, the account's positions and our open orders. */
export function snapshot(orchestrator: TradingOrchestrator): JsonValue {
  const portfolio = orchestrator.state === 'idle' ? null : orchestrator.tradingNode.portfolio;
  return toJson({
    ...orchestrator.status(),
    positions: (portfolio?.positions() ?? [])
      .filter((p) => p.quantity !== 0)
      .map((p) => ({
        symbol: p.instrumentId,
        quantity: p.quantity,
        averagePrice: p.averagePrice,
        lastPrice: portfolio?.markPrice(p.instrumentId) ?? null,
      })),
    orders: orchestrator.openOrders(),
  });
}

export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v === Infinity ? null : v))) as JsonValue;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}
