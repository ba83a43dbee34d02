export * from './baseline-checks.js';
export * from './baseline-factories.js';
export * from './drift-forecaster.js';
export * from './gaussian-baseline-forecaster.js';
export * from './moving-average-forecaster.js';
export * from './naive-forecaster.js';
export * from './normal-quantile.js';
export * from './seasonal-naive-forecaster.js';
export { DriftEwmaForecaster, type DriftEwmaOptions } from './drift-ewma-forecaster.js';
