import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function tempDir(prefix = 'nt-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs the CLI in this process with captured output (stdout/stderr are not terminals: no progress bar). */
export async function cli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const errText = collect(stderr);
  const code = await runCli(args, {
    stdout,
    stderr,
    cwd: options.cwd,
    env: { LOG_LEVEL: 'silent', ...options.env },
  });
  return { code, stdout: out(), stderr: errText() };
}
