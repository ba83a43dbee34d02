import { runDoctor } from '../../app/run-doctor.js';
import { secretStatus } from '../../config/redact.js';
import type { CliIo } from '../cli-io.js';
import { writeLine } from '../cli-io.js';
import { EXIT_FAILURE, EXIT_OK } from '../exit-codes.js';
import { printJson, withContext } from './context.js';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export async function runDoctorCommand(
  io: CliIo,
  _args: readonly string[],
  options: Record<string, unknown>,
): Promise<number> {
  return withContext(io, options, async (context) => {
    const report = await runDoctor({
      nodeVersion: process.version,
      dataDir: context.dataDir,
      checkDatabase: async () => {
        const store = context.store();
        const problems = await store.integrityCheck();
        const series = await store.bars.listSeries();
        return { problems, description: `${store.path} (${series.length} stored series)` };
      },
      redisUrl: context.config.data.redisUrl,
      databaseUrl: context.config.data.databaseUrl,
      providerKeys: secretStatus(context.config),
    });
    if (options['json'] === true) printJson(io, report);
    else
      for (const check of report.checks)
        writeLine(io.stdout, `${MARK[check.status]}  ${check.name.padEnd(28)} ${check.detail}`);
    return report.ok ? EXIT_OK : EXIT_FAILURE;
  });
}
