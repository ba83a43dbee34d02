import { err, ok, type Result } from '../core/result.js';
import { quote } from '../core/errors.js';
import type { AppConfig } from './app-config.types.js';
import { ConfigError } from './config-error.js';
import {
  configFileKnownKeys,
  configFileSchema,
  parseConfigFileText,
  type ConfigFile,
} from './config-file-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { createEnvSchema, pickEnv, type Env, type RawEnv } from './env-schema.js';
import { formatIssues } from './format-issues.js';
import { isSecretEnvKey } from './redact.js';
import { PATH_RULE } from './rules.js';
import { TRADING_DEFAULTS } from './trading-config-schema.js';

export interface LoadConfigOptions {
  /** The process environment (or a test's). Only the variables in ENV_KEYS are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default for MAX_WORKERS, normally os.availableParallelism(). */
  readonly cpuCount: number;
  /** Reads a UTF-8 text file, throwing when it cannot (normally fs.readFileSync(path, 'utf8')). */
  readonly readFile: (path: string) => string;
  /** Explicit choices (CLI flags) that win over the environment and the file. */
  readonly overrides?: {
    readonly dataDir?: string;
    readonly configPath?: string;
  };
}

/**
 * Resolves the application configuration from the environment and the optional config file (NT_CONFIG or
 * `overrides.configPath`). Precedence per setting: overrides > environment > file > default. Pure apart
 * from the injected `readFile`. Every problem found is reported, one line each, in one ConfigError.
 */
export function loadConfig(options: LoadConfigOptions): Result<AppConfig, ConfigError> {
  const problems: string[] = [];
  const raw = pickEnv(options.env);
  const envResult = createEnvSchema({ cpuCount: options.cpuCount }).safeParse(raw);
  if (!envResult.success) {
    problems.push(
      ...formatIssues(envResult.error.issues, {
        input: raw,
        isSecret: (path) => isSecretEnvKey(String(path[0])),
      }),
    );
  }

  const overrides = options.overrides ?? {};
  for (const [name, value] of [
    ['data directory', overrides.dataDir],
    ['config path', overrides.configPath],
  ] as const) {
    if (value !== undefined && value.trim() === '') problems.push(`${name} ${quote(value)} ${PATH_RULE}`);
  }

  const configPath = nonBlank(overrides.configPath) ?? nonBlank(raw.NT_CONFIG);
  const file = configPath === undefined ? {} : readConfigFile(configPath, options.readFile, problems);

  if (!envResult.success || file === undefined || problems.length > 0) return err(new ConfigError(problems));
  return ok(assemble(envResult.data, raw, file, nonBlank(overrides.dataDir), configPath));
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** The validated file, or undefined after pushing the reasons it cannot be used. */
function readConfigFile(
  path: string,
  readFile: (path: string) => string,
  problems: string[],
): ConfigFile | undefined {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    problems.push(`config file ${quote(path)} could not be read: ${reason}`);
    return undefined;
  }
  const parsed = parseConfigFileText(path, text);
  if (!parsed.ok) {
    problems.push(parsed.error);
    return undefined;
  }
  const result = configFileSchema.safeParse(parsed.value);
  if (!result.success) {
    problems.push(
      ...formatIssues(result.error.issues, { input: parsed.value, knownKeys: configFileKnownKeys }),
    );
    return undefined;
  }
  return result.data;
}

function assemble(
  env: Env,
  raw: RawEnv,
  file: ConfigFile,
  dataDirOverride: string | undefined,
  configPath: string | undefined,
): AppConfig {
  // The environment wins only where the variable is actually set; otherwise the file, then the default.
  const pick = <T>(key: keyof RawEnv, envValue: T, fileValue: T | undefined): T =>
    raw[key] !== undefined ? envValue : (fileValue ?? envValue);
  return deepFreeze({
    server: {
      host: pick('HOST', env.HOST, file.server?.host),
      port: pick('PORT', env.PORT, file.server?.port),
      logLevel: pick('LOG_LEVEL', env.LOG_LEVEL, file.server?.log_level),
      workers: pick('WORKERS', env.WORKERS, file.server?.workers),
    },
    auth: {
      enabled: env.AUTH_ENABLED,
      jwtSecretKey: env.JWT_SECRET_KEY ?? null,
      username: env.AUTH_USERNAME ?? null,
      password: env.AUTH_PASSWORD ?? null,
    },
    alpaca: {
      apiKey: env.ALPACA_API_KEY ?? null,
      secretKey: env.ALPACA_SECRET_KEY ?? null,
      baseUrl: env.ALPACA_BASE_URL,
    },
    providers: {
      newsApiKey: env.NEWS_API_KEY ?? null,
      finnhubApiKey: env.FINNHUB_API_KEY ?? null,
      polygonApiKey: env.POLYGON_API_KEY ?? null,
      alphaVantageApiKey: env.ALPHA_VANTAGE_API_KEY ?? null,
      fredApiKey: env.FRED_API_KEY ?? null,
    },
    performance: {
      batchSize: pick('BATCH_SIZE', env.BATCH_SIZE, file.performance?.batch_size),
      maxWorkers: pick('MAX_WORKERS', env.MAX_WORKERS, file.performance?.max_workers),
      cacheTtlSeconds: pick('CACHE_TTL', env.CACHE_TTL, file.performance?.cache_ttl),
    },
    data: {
      dir: dataDirOverride ?? pick('NT_DATA_DIR', env.NT_DATA_DIR, file.data?.dir),
      databaseUrl: env.DATABASE_URL ?? null,
      redisUrl: env.REDIS_URL ?? null,
    },
    gpu: { cudaVisibleDevices: env.CUDA_VISIBLE_DEVICES ?? null },
    trading: {
      ...(file.trading ?? TRADING_DEFAULTS),
      liveTradingEnabled: env.LIVE_TRADING_ENABLED,
    },
    configPath: configPath ?? null,
  });
}
