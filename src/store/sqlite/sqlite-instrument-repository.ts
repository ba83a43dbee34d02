import type Database from 'better-sqlite3';
import { instrumentId } from '../../core/ids.js';
import { normalizeSymbol, type AssetClass, type Instrument } from '../../model/instrument.js';
import type { InstrumentRepository } from '../repositories.types.js';
import { settle } from './settle.js';

interface InstrumentRow {
  readonly id: string;
  readonly symbol: string;
  readonly assetClass: string;
  readonly tickSize: number;
  readonly lotSize: number;
  readonly currency: string;
  readonly sector: string | null;
  readonly name: string | null;
}

const COLUMNS = `id, symbol, asset_class AS assetClass, tick_size AS tickSize, lot_size AS lotSize, currency, sector, name`;

export class SqliteInstrumentRepository implements InstrumentRepository {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
  }

  upsert(instruments: Instrument | readonly Instrument[]): Promise<void> {
    return settle(() => {
      const list: readonly Instrument[] = Array.isArray(instruments)
        ? instruments
        : [instruments as Instrument];
      const write = this.db.prepare(
        `INSERT INTO instruments (symbol, id, asset_class, tick_size, lot_size, currency, sector, name)
         VALUES (@symbol, @id, @assetClass, @tickSize, @lotSize, @currency, @sector, @name)
         ON CONFLICT (symbol) DO UPDATE SET id = excluded.id, asset_class = excluded.asset_class,
           tick_size = excluded.tick_size, lot_size = excluded.lot_size, currency = excluded.currency,
           sector = excluded.sector, name = excluded.name`,
      );
      this.db.transaction(() => {
        for (const instrument of list)
          write.run({ ...instrument, symbol: normalizeSymbol(instrument.symbol) });
      })();
    });
  }

  get(symbol: string): Promise<Instrument | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], InstrumentRow>(`SELECT ${COLUMNS} FROM instruments WHERE symbol = ?`)
        .get(normalizeSymbol(symbol));
      return row === undefined ? null : toInstrument(row);
    });
  }

  list(): Promise<Instrument[]> {
    return settle(() =>
      this.db
        .prepare<[], InstrumentRow>(`SELECT ${COLUMNS} FROM instruments ORDER BY symbol`)
        .all()
        .map(toInstrument),
    );
  }
}

function toInstrument(row: InstrumentRow): Instrument {
  return { ...row, id: instrumentId(row.id), assetClass: row.assetClass as AssetClass };
}
