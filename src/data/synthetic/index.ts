export * from './market-spec.types.js';
export * from './market-defaults.js';
export * from './generate-market.js';
export * from './default-universe.js';
export { BARS_PER_SESSION, SESSION_OPEN_MINUTE_UTC, tradingDays } from './bar-clock.js';
export * from './seasonal-demand.js';
