import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/run-cli-in-process.js';

describe('neural-trader serve', () => {
  it('serves the API on loopback until interrupted, then exits cleanly', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', tempDir(), 'serve', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const banner = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C to stop')) resolve(output);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const url = /API on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] as string;
    expect(url).toBeDefined();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const spec = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/strategies');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
