export * from './compare-models.js';
export * from './conformal-factory.js';
export * from './conformal-forecaster.js';
export * from './forecast-metrics.js';
export * from './point-metrics.js';
export * from './probabilistic-metrics.js';
export * from './rolling-origin.js';
export * from './series-window.js';
