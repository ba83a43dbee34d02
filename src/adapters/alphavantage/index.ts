export { AlphaVantageSource } from './alpha-vantage-source.js';
export {
  alphaVantageConfigSchema,
  type AlphaVantageConfig,
  type AlphaVantageConfigInput,
} from './alpha-vantage-config.js';
export { alphaVantageItem, newsSentimentSchema, throwAlphaVantageNotice } from './alpha-vantage-payload.js';
