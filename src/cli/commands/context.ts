import { AppContext } from '../../app/app-context.js';
import type { CliIo } from '../cli-io.js';

/** Builds the app context from the global flags; the caller closes it. */
export function contextFor(io: CliIo, options: Record<string, unknown>): AppContext {
  return AppContext.create({
    env: io.env,
    cwd: io.cwd,
    logDestination: io.stderr,
    ...(typeof options['dataDir'] === 'string' ? { dataDir: options['dataDir'] } : {}),
    ...(typeof options['config'] === 'string' ? { configPath: options['config'] } : {}),
  });
}

export async function withContext<T>(
  io: CliIo,
  options: Record<string, unknown>,
  body: (context: AppContext) => Promise<T>,
): Promise<T> {
  const context = contextFor(io, options);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
