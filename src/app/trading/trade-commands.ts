import { IllegalStateError, InvalidInputError, quote } from '../../core/errors.js';
import {
  normalizeStrategyName,
  parseTradingConfig,
  type TradingConfig,
} from '../../config/trading-config-schema.js';
import type { ReconciliationReport } from '../../live/reconcile.js';
import { SettingSequenceStore } from '../../live/sequence-store.js';
import { TradingOrchestrator, type TradingStatus } from '../../live/trading-orchestrator.js';
import type { Order } from '../../model/order.types.js';
import type { JsonValue } from '../../store/repositories.types.js';
import { openApiRepositories } from '../../store/sqlite/open-api-repositories.js';
import type { AppContext } from '../app-context.js';
import { rebalanceAccount, type RebalanceRequest } from './rebalance-account.js';
import { manualOrderSchema, runTradingNode, toJson, type ManualOrder } from './run-trading-node.js';
import { TradingBoard, type PublishedStatus } from './trading-board.js';
import {
  alpacaConnection,
  paperConnection,
  type BrokerConnection,
  type TradingBroker,
} from './trading-session.js';

/** Reconciliation looks this far back for fills when the journal holds none of the account's (30 days). */
const RECONCILE_LOOKBACK_MS = 30 * 86_400_000;

export interface StartTradingRequest {
  readonly broker: TradingBroker;
  readonly live: boolean;
  /** Overrides of the runtime config (`trading` section). */
  readonly strategies?: readonly string[];
  readonly symbols?: readonly string[];
  /** Paper replay speed (market ms per wall ms). */
  readonly speed?: number;
}

/** The runtime config with the command line's strategies and symbols, validated like the config file. */
export function tradingConfigFor(base: TradingConfig, request: StartTradingRequest): TradingConfig {
  const strategies = request.strategies ?? base.strategies;
  for (const name of strategies) {
    if (normalizeStrategyName(name) === null) throw new InvalidInputError(`unknown strategy ${quote(name)}`);
  }
  const parsed = parseTradingConfig(
    {
      strategies: [...strategies],
      symbols: [...(request.symbols ?? base.symbols)],
      risk_level: base.riskLevel,
      max_position_size: base.maxPositionSize,
      stop_loss_percentage: base.stopLossPercentage,
      take_profit_percentage: base.takeProfitPercentage,
      time_frame: base.timeFrame,
      enable_news_trading: base.enableNewsTrading,
    },
    '',
  );
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

/** The store's named settings, on a connection of their own; the store is opened first (it creates the data folder and schema). */
function settingsOf(app: AppContext) {
  app.store();
  return openApiRepositories(app.databasePath);
}

function connect(
  app: AppContext,
  broker: TradingBroker,
  config: TradingConfig,
  speed?: number,
): BrokerConnection {
  if (broker === 'alpaca') return alpacaConnection(app.config);
  return paperConnection({
    timeframe: config.timeFrame,
    accountId: `paper-${Date.now()}`,
    ...(speed === undefined ? {} : { speed }),
  });
}

/** `trade start`: runs a node in the foreground until `signal` aborts or `trade stop` is sent. */
export async function startTrading(
  app: AppContext,
  request: StartTradingRequest,
  signal: AbortSignal,
  onStarted: (report: ReconciliationReport, config: TradingConfig) => void,
): Promise<TradingStatus> {
  const config = tradingConfigFor(app.config.trading, request);
  const store = app.store();
  const repositories = settingsOf(app);
  try {
    const board = new TradingBoard(repositories.settings);
    const running = await board.running();
    if (running !== null) {
      throw new IllegalStateError(
        `a trading node is already running (pid ${running.pid}); stop it with: trade stop`,
      );
    }
    const connection = connect(app, request.broker, config, request.speed);
    return await runTradingNode({
      connection,
      orders: store.orders,
      fills: store.fills,
      sequences: new SettingSequenceStore(repositories.settings, Date.now),
      board,
      trading: config,
      liveFlag: request.live,
      liveTradingEnabled: app.config.trading.liveTradingEnabled,
      since: request.broker === 'paper' ? 0 : Date.now() - RECONCILE_LOOKBACK_MS,
      signal,
      pid: process.pid,
      now: Date.now,
      onStarted: (report) => onStarted(report, config),
      onLog: (message, fields) => app.logger.info(fields ?? {}, message),
    });
  } finally {
    await repositories.close();
  }
}

async function withBoard<T>(app: AppContext, body: (board: TradingBoard) => Promise<T>): Promise<T> {
  const repositories = settingsOf(app);
  try {
    return await body(new TradingBoard(repositories.settings));
  } finally {
    await repositories.close();
  }
}

/** `trade status`: the last published status and whether its node is still running. */
export function tradingStatus(
  app: AppContext,
): Promise<{ running: boolean; published: PublishedStatus | null }> {
  return withBoard(app, async (board) => ({
    running: (await board.running()) !== null,
    published: await board.read(),
  }));
}

/** `trade stop [--flatten]`: asks the running node to stop (and flatten); resolves once it has. */
export function stopTrading(app: AppContext, flatten: boolean): Promise<JsonValue> {
  return withBoard(app, async (board) => {
    if ((await board.running()) === null) throw new IllegalStateError('no trading node is running');
    return board.send({ kind: 'stop', flatten }, 60_000);
  });
}

/** `trade orders`: the journal, newest first. */
export function listTradeOrders(app: AppContext, open: boolean, limit: number): Promise<Order[]> {
  const store = app.store();
  return open ? store.orders.listOpen() : store.orders.list({ limit });
}

/**
 * Runs an operator command: through the running node when there is one (any broker); without one, on a
 * one-shot Alpaca session (reconciliation, the command, stop) — a paper broker lives only inside its node.
 */
async function operate(
  app: AppContext,
  broker: TradingBroker,
  live: boolean,
  viaNode: (board: TradingBoard) => Promise<JsonValue>,
  oneShot: (orchestrator: TradingOrchestrator, connection: BrokerConnection) => Promise<JsonValue>,
): Promise<JsonValue> {
  const repositories = settingsOf(app);
  try {
    const board = new TradingBoard(repositories.settings);
    if ((await board.running()) !== null) return await viaNode(board);
    if (broker === 'paper') {
      throw new IllegalStateError(
        'no trading node is running: start one with `trade start` (paper), or use --broker alpaca',
      );
    }
    const connection = alpacaConnection(app.config);
    const store = app.store();
    const orchestrator = new TradingOrchestrator({
      client: connection.client,
      marketData: connection.marketData,
      clock: connection.clock,
      orders: store.orders,
      fills: store.fills,
      sequences: new SettingSequenceStore(repositories.settings, Date.now),
      liveFlag: live,
      liveTradingEnabled: app.config.trading.liveTradingEnabled,
      since: Date.now() - RECONCILE_LOOKBACK_MS,
    });
    await orchestrator.start({ ...app.config.trading, strategies: [] });
    try {
      return await oneShot(orchestrator, connection);
    } finally {
      await orchestrator.stop();
    }
  } finally {
    await repositories.close();
  }
}

/** `trade order`: one manual order, risk-checked and journaled like a strategy's. */
export function placeManualOrder(
  app: AppContext,
  broker: TradingBroker,
  live: boolean,
  order: ManualOrder,
): Promise<JsonValue> {
  const request = manualOrderSchema.parse(order);
  return operate(
    app,
    broker,
    live,
    (board) => board.send({ kind: 'order', order: request }),
    async (orchestrator) => {
      const node = orchestrator.tradingNode;
      await node.primePrices([request.symbol.toUpperCase()]);
      const clean = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));
      return toJson({
        order: await node.operator.submitAndWait(
          clean as unknown as Parameters<typeof node.operator.submitAndWait>[0],
        ),
      });
    },
  );
}

/** `trade rebalance`: the plan (dry run) or its execution, sells before buys. */
export function rebalance(
  app: AppContext,
  broker: TradingBroker,
  live: boolean,
  request: RebalanceRequest,
): Promise<JsonValue> {
  return operate(
    app,
    broker,
    live,
    (board) => board.send({ kind: 'rebalance', ...request, targets: { ...request.targets } }, 60_000),
    async (orchestrator, connection) =>
      toJson(
        await rebalanceAccount(connection.client, connection.marketData, orchestrator.tradingNode, request),
      ),
  );
}

/** `trade positions` / `trade account` without a running node: straight from the broker (Alpaca only). */
export async function brokerSnapshot(app: AppContext): Promise<JsonValue> {
  const connection = alpacaConnection(app.config);
  const [account, positions] = await Promise.all([
    connection.client.getAccount(),
    connection.client.listPositions(),
  ]);
  return toJson({ account, positions });
}
