export type { AppConfig } from './app-config.types.js';
export { ConfigError } from './config-error.js';
export { CONFIG_FILE_EXTENSIONS, configFileSchema, type ConfigFile } from './config-file-schema.js';
export {
  createEnvSchema,
  ENV_DEFAULTS,
  ENV_KEYS,
  LIVE_ALPACA_HOST,
  PAPER_ALPACA_BASE_URL,
  pickEnv,
  type Env,
  type EnvKey,
  type RawEnv,
} from './env-schema.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';
export {
  CREDENTIAL_URL_KEYS,
  isSecretEnvKey,
  REDACTED,
  redactConfig,
  redactUrl,
  scrubSecrets,
  SECRET_KEYS,
  secretStatus,
  type SecretKey,
  type SecretStatus,
} from './redact.js';
export { LOG_LEVELS, type LogLevel } from './rules.js';
export {
  normalizeStrategyName,
  parseTradingConfig,
  RISK_LEVELS,
  STRATEGY_ALIASES,
  STRATEGY_NAMES,
  TRADING_DEFAULTS,
  TRADING_TIME_FRAMES,
  tradingConfigSchema,
  type RiskLevel,
  type StrategyName,
  type TradingConfig,
  type TradingTimeFrame,
} from './trading-config-schema.js';
