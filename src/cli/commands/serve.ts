import { startApiServer } from '../../api/index.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { waitForStopSignal } from '../wait-for-stop.js';
import { withContext } from './context.js';
import { integerFlag } from './parse-flags.js';

/**
 * `neural-trader serve`: the REST + WebSocket API over the same store and use cases as the CLI, until Ctrl-C
 * (then it stops accepting, finishes requests in flight and closes the store). With auth off (the default)
 * the server answers on loopback only unless a host is given explicitly.
 */
export async function runServe(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<void> {
  const port = options['port'] === undefined ? undefined : integerFlag('port', options['port'], 0, 65_535);
  const host = typeof options['host'] === 'string' ? options['host'] : undefined;
  await withContext(io, options, async (context) => {
    const server = await startApiServer({
      config: context.config,
      store: context.store(),
      logger: context.logger,
      closeStore: false,
      ...(host === undefined ? {} : { host }),
      ...(port === undefined ? {} : { port }),
    });
    writeLine(io.stdout, `Neural Trader API on ${server.url} (docs ${server.url}/docs); Ctrl-C to stop`);
    await waitForStopSignal();
    await server.close();
  });
}
