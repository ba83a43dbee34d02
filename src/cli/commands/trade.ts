import { parseSpeed } from '../../app/trading/trading-session.js';
import {
  brokerSnapshot,
  listTradeOrders,
  placeManualOrder,
  rebalance,
  startTrading,
  stopTrading,
  tradingStatus,
} from '../../app/trading/trade-commands.js';
import type { TradingBroker } from '../../app/trading/trading-session.js';
import { parseTargets } from '../../live/rebalance-plan.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { EXIT_FAILURE, UsageError } from '../exit-codes.js';
import { renderTable } from '../table.js';
import { waitForStopSignal } from '../wait-for-stop.js';
import { printJson, withContext } from './context.js';
import { integerFlag, listFlag } from './parse-flags.js';

/* `neural-trader trade ...`: a thin shell over app/trading. */

type Options = Record<string, unknown>;
const json = (options: Options): boolean => options['json'] === true;
const brokerOf = (options: Options): TradingBroker => (options['broker'] === 'alpaca' ? 'alpaca' : 'paper');

function numberFlag(name: string, value: unknown): number {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number))
    throw new UsageError(`--${name} "${String(value)}" must be a number`);
  return number;
}

export async function runTradeStart(io: CliIo, _args: readonly string[], options: Options): Promise<void> {
  const controller = new AbortController();
  void waitForStopSignal().then(() => controller.abort());
  await withContext(io, options, async (app) => {
    const status = await startTrading(
      app,
      {
        broker: brokerOf(options),
        live: options['live'] === true,
        ...(options['strategies'] === undefined ? {} : { strategies: listFlag(options['strategies']) }),
        ...(options['symbols'] === undefined
          ? {}
          : { symbols: listFlag(options['symbols']).map((s) => s.toUpperCase()) }),
        ...(options['speed'] === undefined ? {} : { speed: parseSpeed(options['speed'] as string) }),
      },
      controller.signal,
      (report, config) => {
        if (json(options)) return printJson(io, { event: 'started', config, reconciliation: report });
        writeLine(
          io.stdout,
          `trading ${config.strategies.join(', ')} on ${config.symbols.join(', ')} (${brokerOf(options)})`,
        );
        writeLine(
          io.stdout,
          `reconciled: ${report.adopted.length} adopted, ${report.neverSent.length} never sent, ` +
            `${report.missedFills.length} missed fills, ${report.orphans.length} orphan orders, ` +
            `${report.discrepancies.length} position discrepancies`,
        );
        for (const d of report.discrepancies) {
          writeLine(io.stdout, `  ${d.symbol}: journal ${d.journal}, broker ${d.broker} (broker is used)`);
        }
        for (const o of report.orphans)
          writeLine(io.stdout, `  orphan order ${o.clientOrderId} ${o.side} ${o.quantity} ${o.instrumentId}`);
        writeLine(io.stdout, 'Ctrl-C or `trade stop` to stop');
      },
    );
    if (json(options)) printJson(io, { event: 'stopped', status });
    else writeLine(io.stdout, `stopped (${status.strategies.length} strategies)`);
  });
}

export async function runTradeStatus(io: CliIo, _args: readonly string[], options: Options): Promise<number> {
  return withContext(io, options, async (app) => {
    const { running, published } = await tradingStatus(app);
    if (json(options)) {
      printJson(io, { running, ...(published ?? {}) });
      return 0;
    }
    if (published === null) {
      writeLine(io.stdout, 'no trading node has run with this data directory');
      return EXIT_FAILURE;
    }
    const status = published.status as unknown as {
      state: string;
      broker: string;
      equity: number | null;
      cash: number | null;
      openOrders: number;
      strategies: {
        strategyId: string;
        state: string;
        realizedPnl: number;
        unrealizedPnl: number;
        lastSignal: { side: string; quantity: number; symbol: string; outcome: string } | null;
        errors: string[];
      }[];
    };
    writeLine(
      io.stdout,
      `${running ? 'running' : 'not running'} (pid ${published.pid}, last update ${new Date(published.updatedAt).toISOString()}), ` +
        `state ${status.state}, broker ${status.broker}, equity ${status.equity ?? 'n/a'}, cash ${status.cash ?? 'n/a'}, open orders ${status.openOrders}`,
    );
    writeLine(
      io.stdout,
      renderTable(
        ['strategy', 'state', 'realized', 'unrealized', 'last signal', 'errors'],
        status.strategies.map((s) => [
          s.strategyId,
          s.state,
          s.realizedPnl,
          s.unrealizedPnl,
          s.lastSignal === null
            ? '-'
            : `${s.lastSignal.side} ${s.lastSignal.quantity} ${s.lastSignal.symbol} (${s.lastSignal.outcome})`,
          s.errors.at(-1) ?? '-',
        ]),
      ),
    );
    return running ? 0 : EXIT_FAILURE;
  });
}

export async function runTradeStop(io: CliIo, _args: readonly string[], options: Options): Promise<void> {
  await withContext(io, options, async (app) => {
    const result = await stopTrading(app, options['flatten'] === true);
    if (json(options)) printJson(io, result);
    else writeLine(io.stdout, options['flatten'] === true ? 'stopped and flattened' : 'stopped');
  });
}

export async function runTradeOrders(io: CliIo, _args: readonly string[], options: Options): Promise<void> {
  await withContext(io, options, async (app) => {
    const limit = integerFlag('limit', options['limit'] ?? '50', 1, 100_000);
    const orders = (await listTradeOrders(app, options['open'] === true, limit)).slice(0, limit);
    if (json(options)) return printJson(io, orders);
    writeLine(
      io.stdout,
      renderTable(
        ['client id', 'symbol', 'side', 'type', 'quantity', 'filled', 'avg price', 'status', 'reason'],
        orders.map((o) => [
          o.clientOrderId,
          o.instrumentId,
          o.side,
          o.type,
          o.quantity,
          o.filledQuantity,
          o.averageFillPrice ?? '-',
          o.status,
          o.reason ?? '',
        ]),
      ),
    );
  });
}

async function snapshot(io: CliIo, options: Options, show: 'positions' | 'account'): Promise<number> {
  return withContext(io, options, async (app) => {
    const { running, published } = await tradingStatus(app);
    let value: unknown;
    if (running && published !== null) {
      const status = published.status as {
        positions?: unknown;
        equity?: unknown;
        cash?: unknown;
        accountId?: unknown;
      };
      value =
        show === 'positions'
          ? status.positions
          : { accountId: status.accountId, equity: status.equity, cash: status.cash };
    } else if (brokerOf(options) === 'alpaca') {
      const fromBroker = (await brokerSnapshot(app)) as { account: unknown; positions: unknown };
      value = show === 'positions' ? fromBroker.positions : fromBroker.account;
    } else {
      writeLine(
        io.stderr,
        'no trading node is running: start one with `trade start`, or ask the broker with --broker alpaca',
      );
      return EXIT_FAILURE;
    }
    printJson(io, value);
    return 0;
  });
}

export const runTradePositions = (io: CliIo, _args: readonly string[], options: Options) =>
  snapshot(io, options, 'positions');
export const runTradeAccount = (io: CliIo, _args: readonly string[], options: Options) =>
  snapshot(io, options, 'account');

export async function runTradeOrder(io: CliIo, _args: readonly string[], options: Options): Promise<number> {
  const order = {
    symbol: String(options['symbol']),
    side: options['side'] as 'buy' | 'sell',
    type: (options['type'] ?? 'market') as 'market',
    quantity: numberFlag('quantity', options['quantity']),
    ...(options['limitPrice'] === undefined
      ? {}
      : { limitPrice: numberFlag('limit-price', options['limitPrice']) }),
    ...(options['stopPrice'] === undefined
      ? {}
      : { stopPrice: numberFlag('stop-price', options['stopPrice']) }),
    ...(options['trailPercent'] === undefined
      ? {}
      : { trailPercent: numberFlag('trail-percent', options['trailPercent']) }),
    ...(options['timeInForce'] === undefined ? {} : { timeInForce: options['timeInForce'] as 'day' }),
  };
  return withContext(io, options, async (app) => {
    const result = (await placeManualOrder(app, brokerOf(options), options['live'] === true, order)) as {
      order?: {
        clientOrderId: string;
        status: string;
        filledQuantity: number;
        averageFillPrice: number | null;
        reason: string | null;
      };
      error?: string;
    };
    if (json(options)) printJson(io, result);
    if (result.error !== undefined || result.order === undefined) {
      if (!json(options)) writeLine(io.stderr, `order failed: ${result.error ?? 'no answer'}`);
      return EXIT_FAILURE;
    }
    const o = result.order;
    if (!json(options)) {
      writeLine(
        io.stdout,
        `${o.clientOrderId}: ${o.status}, filled ${o.filledQuantity}${o.averageFillPrice === null ? '' : ` @ ${o.averageFillPrice}`}${o.reason === null ? '' : ` (${o.reason})`}`,
      );
    }
    return o.status === 'rejected' ? EXIT_FAILURE : 0;
  });
}

export async function runTradeRebalance(
  io: CliIo,
  _args: readonly string[],
  options: Options,
): Promise<number> {
  const request = {
    targets: parseTargets(String(options['targets'])),
    dryRun: options['dryRun'] === true,
    cashBuffer: numberFlag('cash-buffer', options['cashBuffer'] ?? '0.02'),
    minTradeValue: numberFlag('min-trade', options['minTrade'] ?? '100'),
  };
  return withContext(io, options, async (app) => {
    const result = (await rebalance(app, brokerOf(options), options['live'] === true, request)) as {
      plan?: {
        orders: { symbol: string; side: string; quantity: number; price: number; value: number }[];
        skipped: { symbol: string; reason: string }[];
        cashAfter: number;
      };
      execution?: {
        sells: { request: { symbol: string }; ok: boolean; reason: string | null }[];
        buys: { request: { symbol: string }; ok: boolean; reason: string | null }[];
      } | null;
      error?: string;
    };
    if (json(options)) printJson(io, result);
    if (result.plan === undefined) {
      if (!json(options)) writeLine(io.stderr, `rebalance failed: ${result.error ?? 'no answer'}`);
      return EXIT_FAILURE;
    }
    if (json(options)) return 0;
    writeLine(io.stdout, request.dryRun ? 'dry run: nothing sent' : 'rebalance sent (sells first)');
    writeLine(
      io.stdout,
      renderTable(
        ['symbol', 'side', 'quantity', 'price', 'value'],
        result.plan.orders.map((o) => [o.symbol, o.side, o.quantity, o.price, o.value]),
      ),
    );
    for (const s of result.plan.skipped) writeLine(io.stdout, `skipped ${s.symbol}: ${s.reason}`);
    writeLine(io.stdout, `cash after: ${result.plan.cashAfter}`);
    const failed = [...(result.execution?.sells ?? []), ...(result.execution?.buys ?? [])].filter(
      (r) => !r.ok,
    );
    for (const f of failed) writeLine(io.stdout, `failed ${f.request.symbol}: ${f.reason ?? ''}`);
    return failed.length > 0 ? EXIT_FAILURE : 0;
  });
}
