import { writeFileSync } from 'node:fs';
import { SeededRng } from '../../src/core/rng.js';

/**
 * Writes a CSV of `rows` consecutive 1-minute bars (ISO timestamps, a seeded random walk with valid OHLC),
 * the shape a user exports from a data vendor. Deterministic: the same rows and seed give the same file.
 */
export function writeMinuteBarsCsv(path: string, rows: number, seed = 1): void {
  const rng = new SeededRng(seed);
  const parts: string[] = ['timestamp,open,high,low,close,volume'];
  let price = 100;
  let ts = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + 0.001 * rng.normal()));
    const high = Math.max(open, close) * (1 + 0.0005 * rng.next());
    const low = Math.min(open, close) * (1 - 0.0005 * rng.next());
    const volume = 100 + Math.floor(rng.next() * 10_000);
    parts.push(
      `${new Date(ts).toISOString()},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${volume}`,
    );
    price = close;
    ts += 60_000;
  }
  writeFileSync(path, `${parts.join('\n')}\n`);
}
