import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { createProgress } from './progress.js';

function io(tty: boolean): { io: CliIo; written: string[] } {
  const written: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        done();
      },
    }),
    { isTTY: tty, columns: 80 },
  );
  return { io: { stdout: stream, stderr: stream, env: {}, cwd: '/' }, written };
}

describe('createProgress', () => {
  it('draws the bar with the count and an optional detail, then clears the line', () => {
    const { io: terminal, written } = io(true);
    const progress = createProgress(terminal, 'optimizing', true);
    progress.update(1, 4);
    progress.update(1, 4); // same percent, no detail: not redrawn
    progress.update(2, 4, 'best 1.500 · ETA 3 s');
    progress.finish();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\roptimizing \[#+-+\] 25% 1\/4$/);
    expect(written[1]).toContain('50% 2/4 best 1.500 · ETA 3 s');
    expect(written[2]).toBe('\r\x1b[2K');
  });

  it('stays silent off a terminal or when disabled', () => {
    const { io: pipe, written } = io(false);
    createProgress(pipe, 'x', true).update(1, 2);
    const { io: terminal, written: terminalWritten } = io(true);
    createProgress(terminal, 'x', false).update(1, 2);
    expect(written).toEqual([]);
    expect(terminalWritten).toEqual([]);
  });
});
