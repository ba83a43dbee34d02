import type { CliIo } from './cli-io.js';

export interface Progress {
  /** `detail` is appended to the line (e.g. "best 1.23 · ETA 40 s"). */
  update(done: number, total: number, detail?: string): void;
  finish(): void;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and JSON output was not asked for:
 * pipes and logs stay clean. Redraws at most every 100 ms of progress calls (by count, not by the clock).
 */
export function createProgress(io: CliIo, label: string, enabled: boolean): Progress {
  const stream = io.stderr;
  if (!enabled || stream.isTTY !== true) return SILENT;
  let lastPercent = -1;
  let drawn = false;
  return {
    update(done, total, detail) {
      const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
      if (percent === lastPercent && detail === undefined) return;
      lastPercent = percent;
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
      const filled = Math.round((percent / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done}/${total}` +
          (detail === undefined ? '' : ` ${detail}\x1b[K`),
      );
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
