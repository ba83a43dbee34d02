import type Database from 'better-sqlite3';
import type { InstrumentId, StrategyId } from '../../core/ids.js';
import type { Position } from '../../model/position.types.js';
import type { PositionRepository } from '../repositories.types.js';
import { settle } from './settle.js';

/** strategy_id is part of the primary key, so "no strategy" is stored as '' (a StrategyId is never empty). */
const NO_STRATEGY = '';

const COLUMNS = `id, account_id AS accountId, instrument_id AS instrumentId, strategy_id AS strategyId, side, quantity,
  average_price AS averagePrice, realized_pnl AS realizedPnl, commissions, ts_opened AS tsOpened, ts_last AS tsLast`;

type PositionRow = Omit<Position, 'strategyId'> & { readonly strategyId: string };

export class SqlitePositionRepository implements PositionRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  save(position: Position): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT OR REPLACE INTO positions (instrument_id, strategy_id, id, account_id, side, quantity, average_price,
             realized_pnl, commissions, ts_opened, ts_last)
           VALUES (@instrumentId, @strategyId, @id, @accountId, @side, @quantity, @averagePrice, @realizedPnl,
             @commissions, @tsOpened, @tsLast)`,
        )
        .run({ ...position, strategyId: position.strategyId ?? NO_STRATEGY });
    });
  }

  get(instrumentId: InstrumentId, strategyId: StrategyId | null = null): Promise<Position | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], PositionRow>(
          `SELECT ${COLUMNS} FROM positions WHERE instrument_id = ? AND strategy_id = ?`,
        )
        .get(instrumentId, strategyId ?? NO_STRATEGY);
      return row === undefined ? null : toPosition(row);
    });
  }

  list(): Promise<Position[]> {
    return settle(() =>
      this.db
        .prepare<[], PositionRow>(`SELECT ${COLUMNS} FROM positions ORDER BY instrument_id, strategy_id`)
        .all()
        .map(toPosition),
    );
  }
}

function toPosition(row: PositionRow): Position {
  return { ...row, strategyId: row.strategyId === NO_STRATEGY ? null : (row.strategyId as StrategyId) };
}
