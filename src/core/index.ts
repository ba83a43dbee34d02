export * from './result.js';
export * from './errors.js';
export * from './ids.js';
export * from './clock.js';
export * from './rng.js';
