import { NeuralTraderError } from '../core/errors.js';

/**
 * Invalid configuration (environment, config file or a trading config passed in). The message holds one
 * line per problem, each naming the setting, its value (secrets as "***") and what is allowed; `problems`
 * holds the same lines for callers that print them their own way.
 */
export class ConfigError extends NeuralTraderError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('CONFIG_INVALID', problems.length > 0 ? problems.join('\n') : 'configuration is invalid');
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}
