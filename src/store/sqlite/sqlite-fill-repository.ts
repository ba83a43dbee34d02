import type Database from 'better-sqlite3';
import type { OrderId } from '../../core/ids.js';
import type { Fill } from '../../model/order.types.js';
import type { FillRepository, TimeRange } from '../repositories.types.js';
import { settle } from './settle.js';

const COLUMNS = `id, order_id AS orderId, client_order_id AS clientOrderId, instrument_id AS instrumentId,
  strategy_id AS strategyId, side, quantity, price, commission, liquidity, ts_event AS tsEvent`;

export class SqliteFillRepository implements FillRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  append(fill: Fill): Promise<boolean> {
    return settle(() => {
      const result = this.db
        .prepare(
          `INSERT INTO fills (id, order_id, client_order_id, instrument_id, strategy_id, side, quantity, price,
             commission, liquidity, ts_event)
           VALUES (@id, @orderId, @clientOrderId, @instrumentId, @strategyId, @side, @quantity, @price,
             @commission, @liquidity, @tsEvent)
           ON CONFLICT (id) DO NOTHING`,
        )
        .run(fill);
      return result.changes === 1;
    });
  }

  listByOrder(orderId: OrderId): Promise<Fill[]> {
    return settle(() =>
      this.db
        .prepare<[string], Fill>(`SELECT ${COLUMNS} FROM fills WHERE order_id = ? ORDER BY ts_event, id`)
        .all(orderId),
    );
  }

  list(range: TimeRange = {}): Promise<Fill[]> {
    return settle(() =>
      this.db
        .prepare<[number, number], Fill>(
          `SELECT ${COLUMNS} FROM fills WHERE ts_event >= ? AND ts_event < ? ORDER BY ts_event, id`,
        )
        .all(range.from ?? -Number.MAX_VALUE, range.to ?? Number.MAX_VALUE),
    );
  }
}
