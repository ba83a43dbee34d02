import type Database from 'better-sqlite3';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { ClientOrderId, OrderId } from '../../core/ids.js';
import { TERMINAL_ORDER_STATUSES } from '../../model/order-status.js';
import type { Order } from '../../model/order.types.js';
import type { OrderListFilter, OrderRepository } from '../repositories.types.js';
import { settle } from './settle.js';

const DEFAULT_LIMIT = 1_000;

const COLUMNS = `id, client_order_id AS clientOrderId, account_id AS accountId, instrument_id AS instrumentId,
  strategy_id AS strategyId, side, type, time_in_force AS timeInForce, order_class AS orderClass, quantity,
  limit_price AS limitPrice, stop_price AS stopPrice, trail_price AS trailPrice, trail_percent AS trailPercent,
  take_profit_price AS takeProfitPrice, stop_loss_price AS stopLossPrice, parent_id AS parentId,
  reduce_only AS reduceOnly, status, filled_quantity AS filledQuantity, average_fill_price AS averageFillPrice,
  ts_init AS tsInit, ts_last AS tsLast, reason`;

/** A row as read: every Order field, with reduceOnly still SQLite's 0/1. */
type OrderRow = Omit<Order, 'reduceOnly'> & { readonly reduceOnly: number };

export class SqliteOrderRepository implements OrderRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  save(order: Order): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO orders (id, client_order_id, account_id, instrument_id, strategy_id, side, type, time_in_force,
             order_class, quantity, limit_price, stop_price, trail_price, trail_percent, take_profit_price,
             stop_loss_price, parent_id, reduce_only, status, filled_quantity, average_fill_price, ts_init, ts_last, reason)
           VALUES (@id, @clientOrderId, @accountId, @instrumentId, @strategyId, @side, @type, @timeInForce,
             @orderClass, @quantity, @limitPrice, @stopPrice, @trailPrice, @trailPercent, @takeProfitPrice,
             @stopLossPrice, @parentId, @reduceOnly, @status, @filledQuantity, @averageFillPrice, @tsInit, @tsLast, @reason)
           ON CONFLICT (id) DO UPDATE SET client_order_id = excluded.client_order_id, account_id = excluded.account_id,
             instrument_id = excluded.instrument_id, strategy_id = excluded.strategy_id, side = excluded.side,
             type = excluded.type, time_in_force = excluded.time_in_force, order_class = excluded.order_class,
             quantity = excluded.quantity, limit_price = excluded.limit_price, stop_price = excluded.stop_price,
             trail_price = excluded.trail_price, trail_percent = excluded.trail_percent,
             take_profit_price = excluded.take_profit_price, stop_loss_price = excluded.stop_loss_price,
             parent_id = excluded.parent_id, reduce_only = excluded.reduce_only, status = excluded.status,
             filled_quantity = excluded.filled_quantity, average_fill_price = excluded.average_fill_price,
             ts_init = excluded.ts_init, ts_last = excluded.ts_last, reason = excluded.reason`,
        )
        .run({ ...order, reduceOnly: order.reduceOnly ? 1 : 0 });
    });
  }

  get(id: OrderId): Promise<Order | null> {
    return settle(() => this.one('id = ?', id));
  }

  getByClientOrderId(clientOrderId: ClientOrderId): Promise<Order | null> {
    return settle(() => this.one('client_order_id = ?', clientOrderId));
  }

  listOpen(): Promise<Order[]> {
    return settle(() =>
      this.db
        .prepare<string[], OrderRow>(
          `SELECT ${COLUMNS} FROM orders WHERE status NOT IN (${TERMINAL_ORDER_STATUSES.map(() => '?').join(', ')})
            ORDER BY ts_init, id`,
        )
        .all(...TERMINAL_ORDER_STATUSES)
        .map(toOrder),
    );
  }

  list(filter: OrderListFilter = {}): Promise<Order[]> {
    return settle(() => {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1)
        throw new InvalidInputError(`limit ${quote(limit)} must be an integer >= 1`);
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.status !== undefined) {
        where.push('status = ?');
        args.push(filter.status);
      }
      if (filter.instrumentId !== undefined) {
        where.push('instrument_id = ?');
        args.push(filter.instrumentId);
      }
      const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
      return this.db
        .prepare<unknown[], OrderRow>(
          `SELECT ${COLUMNS} FROM orders ${clause} ORDER BY ts_init DESC, id DESC LIMIT ?`,
        )
        .all(...args, limit)
        .map(toOrder);
    });
  }

  private one(condition: string, value: string): Order | null {
    const row = this.db
      .prepare<[string], OrderRow>(`SELECT ${COLUMNS} FROM orders WHERE ${condition}`)
      .get(value);
    return row === undefined ? null : toOrder(row);
  }
}

function toOrder(row: OrderRow): Order {
  return { ...row, reduceOnly: row.reduceOnly === 1 };
}
