import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.types.js';
import { loadConfig } from '../config/load-config.js';
import type { Store } from '../store/repositories.types.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store.js';
import { createLogger } from './logger.js';

export const DATABASE_FILE = 'neural-trader.db';

export interface AppContextOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** --data-dir: wins over NT_DATA_DIR and the config file. */
  readonly dataDir?: string;
  /** --config: wins over NT_CONFIG. */
  readonly configPath?: string;
  /** Where logs go (stderr for the CLI, so stdout stays machine-readable). */
  readonly logDestination?: NodeJS.WritableStream;
}

/**
 * The composition root for one process: the resolved config, a logger and the store, opened on first use.
 * Every entry point (CLI, API, MCP) builds one of these and passes it to the use cases.
 */
export class AppContext {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly databasePath: string;
  private openedStore: Store | null = null;

  private constructor(config: AppConfig, logger: Logger, cwd: string) {
    this.config = config;
    this.logger = logger;
    this.dataDir = resolve(cwd, config.data.dir);
    this.databasePath = join(this.dataDir, DATABASE_FILE);
  }

  /** Throws the ConfigError (every problem, one line each) when the configuration is invalid. */
  static create(options: AppContextOptions): AppContext {
    const overrides = {
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.configPath === undefined ? {} : { configPath: resolve(options.cwd, options.configPath) }),
    };
    const result = loadConfig({
      env: options.env,
      cpuCount: availableParallelism(),
      readFile: (path) => readFileSync(resolve(options.cwd, path), 'utf8'),
      overrides,
    });
    if (!result.ok) throw result.error;
    const logger = createLogger({
      level: result.value.server.logLevel,
      pretty: false,
      ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
    });
    return new AppContext(result.value, logger, options.cwd);
  }

  /** The embedded SQLite store (created with its schema on first use). */
  store(): Store {
    this.openedStore ??= openSqliteStore({ path: this.databasePath });
    return this.openedStore;
  }

  async close(): Promise<void> {
    const store = this.openedStore;
    this.openedStore = null;
    if (store !== null) await store.close();
  }
}
