import { resolve } from 'node:path';
import { computeIndicatorsFile, type IndicatorTable } from '../../app/compute-indicators-file.js';
import type { DateFormat } from '../../data/import/import-options.js';
import { BAR_INPUT_FIELDS } from '../../data/import/import-options.js';
import type { CliIo } from '../cli-io.js';
import { columnMapFlag, shortTime } from './parse-flags.js';

export function runIndicators(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const table = computeIndicatorsFile({
    path: resolve(io.cwd, String(options['input'])),
    indicators: String(options['indicators']),
    dateFormat: options['dateFormat'] as DateFormat,
    ...(typeof options['columns'] === 'string'
      ? { columns: columnMapFlag(options['columns'], BAR_INPUT_FIELDS) }
      : {}),
  });
  if (options['format'] === 'json') writeJson(io, table);
  else writeCsv(io, table);
  return Promise.resolve();
}

function writeCsv(io: CliIo, table: IndicatorTable): void {
  const lines = [['date', ...table.names].join(',')];
  for (let i = 0; i < table.bars.length; i++) {
    const cells = [shortTime(table.bars.ts[i] as number)];
    for (const column of table.columns) {
      const value = column[i] as number;
      cells.push(Number.isNaN(value) ? '' : String(value));
    }
    lines.push(cells.join(','));
  }
  io.stdout.write(`${lines.join('\n')}\n`);
}

function writeJson(io: CliIo, table: IndicatorTable): void {
  const rows = [];
  for (let i = 0; i < table.bars.length; i++) {
    const row: Record<string, string | number | null> = { date: shortTime(table.bars.ts[i] as number) };
    table.names.forEach((name, c) => {
      const value = table.columns[c]?.[i] as number;
      row[name] = Number.isNaN(value) ? null : value;
    });
    rows.push(row);
  }
  io.stdout.write(`${JSON.stringify({ columns: ['date', ...table.names], rows })}\n`);
}
