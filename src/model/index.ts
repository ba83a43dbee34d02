export * from './instrument.js';
export * from './timeframe.js';
export * from './bar.js';
