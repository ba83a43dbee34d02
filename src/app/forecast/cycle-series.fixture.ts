import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRng } from '../../core/rng.js';

/**
 * A small daily-cycle series as a CSV (date, close, volume) for the forecast use-case and CLI tests: a
 * 12-step sine on a level, with noise, and a volume column that follows it. Tiny models learn it in a few
 * dozen steps.
 */
export function writeCycleCsv(dir: string, rows = 240, seed = 1, level = 100, file = 'cycle.csv'): string {
  const rng = new SeededRng(seed);
  const lines = ['date,close,volume'];
  for (let i = 0; i < rows; i++) {
    const close = level + 5 * Math.sin((2 * Math.PI * i) / 12) + 0.5 * rng.normal();
    const volume = 1000 + 100 * Math.cos((2 * Math.PI * i) / 12) + 10 * rng.normal();
    lines.push(
      `${new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString()},${close.toFixed(4)},${volume.toFixed(2)}`,
    );
  }
  const path = join(dir, file);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A tiny NHITS (one hidden layer of 16 per block, two stacks): trains in milliseconds per step. */
export const TINY_NHITS = {
  hidden: 16,
  mlpLayers: 1,
  blocksPerStack: [1, 1],
  poolingKernelSizes: [2, 1],
  frequencyDownsample: [2, 1],
} as const;
