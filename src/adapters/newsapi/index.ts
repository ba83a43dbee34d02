export { NewsApiSource } from './newsapi-source.js';
export { newsApiConfigSchema, type NewsApiConfig, type NewsApiConfigInput } from './newsapi-config.js';
export { describeNewsApiError, newsApiItem, newsApiPageSchema } from './newsapi-payload.js';
