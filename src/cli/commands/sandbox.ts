import { startLocalAlpacaSandbox } from '../../app/start-alpaca-sandbox.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { UsageError } from '../exit-codes.js';
import { waitForStopSignal } from '../wait-for-stop.js';
import { integerFlag } from './parse-flags.js';

/**
 * `neural-trader sandbox alpaca`: a local, offline Alpaca-compatible server (Trading API v2, Market Data v2,
 * both websocket streams) with the paper exchange behind it, replaying the synthetic universe as 1-minute bars.
 * Point an Alpaca client (ours, or the official SDK) at it to try trading code without an account.
 */
export async function runAlpacaSandbox(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const speed = Number(options['speed'] ?? '60');
  if (!(speed > 0 && Number.isFinite(speed))) {
    throw new UsageError(`--speed "${String(options['speed'])}" must be a number > 0, e.g. 60`);
  }
  const sandbox = await startLocalAlpacaSandbox({
    port: integerFlag('port', options['port'] ?? '0', 0, 65_535),
    speed,
    seed: integerFlag('seed', options['seed'] ?? '42', -2_147_483_648, 2_147_483_647),
  });
  writeLine(io.stdout, `Alpaca-compatible sandbox on ${sandbox.url} (replay speed ${speed}x)`);
  writeLine(io.stdout, `  ALPACA_BASE_URL=${sandbox.url}`);
  writeLine(io.stdout, `  data stream:    ${sandbox.dataStreamUrl}`);
  writeLine(io.stdout, `  trading stream: ${sandbox.tradingStreamUrl}`);
  writeLine(io.stdout, `  keys: APCA-API-KEY-ID=${sandbox.keyId} APCA-API-SECRET-KEY=${sandbox.secretKey}`);
  writeLine(io.stdout, `  symbols: ${sandbox.symbols.join(', ')}`);
  writeLine(io.stdout, 'Ctrl-C to stop');
  await waitForStopSignal();
  await sandbox.close();
}
