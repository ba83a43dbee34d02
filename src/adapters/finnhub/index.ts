export { FinnhubSource } from './finnhub-source.js';
export { finnhubConfigSchema, type FinnhubConfig, type FinnhubConfigInput } from './finnhub-config.js';
export { describeFinnhubError, finnhubItem, finnhubNewsSchema } from './finnhub-payload.js';
