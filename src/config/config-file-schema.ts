import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { err, ok, type Result } from '../core/result.js';
import { quote } from '../core/errors.js';
import { fileInteger, fileLogLevel, filePath, hostName } from './rules.js';
import { TRADING_KEYS, tradingConfigSchema } from './trading-config-schema.js';
import type { IssuePath } from './format-issues.js';

/**
 * The optional config file (NT_CONFIG), JSON or YAML:
 *
 * ```yaml
 * server:      { host: 127.0.0.1, port: 8080, log_level: info, workers: 1 }
 * data:        { dir: ./.neural-trader }
 * performance: { batch_size: 32, max_workers: 4, cache_ttl: 60 }
 * trading:     { strategies: [momentum_trader], symbols: [SPY, QQQ], risk_level: medium, ... }
 * ```
 *
 * It holds operational settings only. Secrets, AUTH_ENABLED, LIVE_TRADING_ENABLED, ALPACA_BASE_URL and
 * connection URLs come from the environment alone: files get copied, committed and shared, and a safety
 * switch or a credential should not travel with them. Every section is strict: an unknown key is an error.
 */
const serverSection = z.strictObject(
  {
    host: hostName().optional(),
    port: fileInteger(1, 65535).optional(),
    log_level: fileLogLevel().optional(),
    workers: fileInteger(1).optional(),
  },
  { error: 'must be a mapping of server settings' },
);

const dataSection = z.strictObject(
  { dir: filePath().optional() },
  { error: 'must be a mapping of data settings' },
);

const performanceSection = z.strictObject(
  {
    batch_size: fileInteger(1).optional(),
    max_workers: fileInteger(1).optional(),
    cache_ttl: fileInteger(0).optional(),
  },
  { error: 'must be a mapping of performance settings' },
);

export const configFileSchema = z.strictObject(
  {
    server: serverSection.optional(),
    data: dataSection.optional(),
    performance: performanceSection.optional(),
    trading: tradingConfigSchema.optional(),
  },
  { error: 'must be a mapping with the sections server, data, performance, trading' },
);

export type ConfigFile = z.output<typeof configFileSchema>;

const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['server', 'data', 'performance', 'trading'],
  server: Object.keys(serverSection.shape),
  data: Object.keys(dataSection.shape),
  performance: Object.keys(performanceSection.shape),
  trading: TRADING_KEYS,
};

/** The keys allowed at a path of the file, for "did you mean" hints. */
export function configFileKnownKeys(path: IssuePath): readonly string[] | undefined {
  return KNOWN_KEYS[path.map(String).join('.')];
}

export const CONFIG_FILE_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/**
 * Parses the text of a config file by its extension. An empty file is an empty config. Parser messages are
 * cut to their first line: YAML and V8 append an excerpt of the source, which could hold a secret someone
 * pasted by mistake.
 */
export function parseConfigFileText(path: string, text: string): Result<unknown, string> {
  const lower = path.toLowerCase();
  const label = `config file ${quote(path)}`;
  if (lower.endsWith('.json')) {
    if (text.trim() === '') return ok({});
    try {
      return ok(JSON.parse(text) as unknown);
    } catch (error) {
      return err(`${label} is not valid JSON${jsonLocation(error, text)}`);
    }
  }
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    try {
      return ok((parseYaml(text) as unknown) ?? {});
    } catch (error) {
      const first = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/:$/, '') : '';
      return err(`${label} is not valid YAML: ${first}`);
    }
  }
  return err(`${label} must end in ${CONFIG_FILE_EXTENSIONS.join(', ')}`);
}

/** " at line L, column C" from V8's JSON.parse message, which states a character position. */
function jsonLocation(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn !== null) return ` at line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (position === null) return '';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}
