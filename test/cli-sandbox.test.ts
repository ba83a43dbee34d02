import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('neural-trader sandbox alpaca', () => {
  it('serves the Alpaca Trading API on loopback until interrupted, then exits cleanly', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'sandbox', 'alpaca', '--speed', '600'],
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
    const url = /ALPACA_BASE_URL=(\S+)/.exec(banner)?.[1] as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const keys = /APCA-API-KEY-ID=(\S+) APCA-API-SECRET-KEY=(\S+)/.exec(banner) as RegExpExecArray;
    const account = await fetch(`${url}/v2/account`, {
      headers: { 'APCA-API-KEY-ID': keys[1] as string, 'APCA-API-SECRET-KEY': keys[2] as string },
    });
    expect(account.status).toBe(200);
    expect(await account.json()).toMatchObject({ status: 'ACTIVE', currency: 'USD' });
    const refused = await fetch(`${url}/v2/account`, { headers: { 'APCA-API-KEY-ID': 'wrong' } });
    expect([401, 403]).toContain(refused.status);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
