import { CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { CliIo } from './cli-io.js';
import { writeLine } from './cli-io.js';
import { buildProgram } from './program.js';
import { EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes.js';

export function packageVersion(): string {
  // src/cli and dist/cli are both two levels below the package root.
  const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
  return pkg.version;
}

/** Runs one CLI invocation and returns its exit code; failures print one clear line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, packageVersion(), (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    writeLine(io.stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodeFor(error);
  }
}
