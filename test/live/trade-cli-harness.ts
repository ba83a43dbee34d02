import { Command, CommanderError } from 'commander';
import { PassThrough } from 'node:stream';
import { writeLine } from '../../src/cli/cli-io.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import type { CommandRunner } from '../../src/cli/program.js';
import { addTradeCommands } from '../../src/cli/commands/trade-program.js';
import type { CliRun } from '../helpers/run-cli-in-process.js';

/**
 * Runs `neural-trader trade ...` in this process with the same global options and error handling as
 * run-cli.ts (program.ts joins the trade commands through the same addTradeCommands call).
 */
export async function tradeCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const io = { stdout, stderr, cwd, env: { LOG_LEVEL: 'silent', ...env } };
  let exitCode = 0;
  const program = new Command('neural-trader')
    .option('--data-dir <dir>')
    .option('--config <file>')
    .exitOverride()
    .configureOutput({ writeOut: (t) => stdout.write(t), writeErr: (t) => stderr.write(t) });
  addTradeCommands(program, (load: () => Promise<CommandRunner>) => async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const code = await (await load())(io, command.args, command.optsWithGlobals());
    if (typeof code === 'number') exitCode = code;
  });
  try {
    await program.parseAsync(['trade', ...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) exitCode = error.exitCode === 0 ? 0 : 2;
    else {
      writeLine(stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
      exitCode = exitCodeFor(error);
    }
  }
  return {
    code: exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}
