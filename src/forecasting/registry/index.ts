export * from './code-version.js';
export * from './data-fingerprint.js';
export * from './ensemble-forecaster.js';
export * from './fit-neural-model.js';
export * from './model-codec.js';
export * from './model-kinds.js';
export * from './model-params.js';
export * from './validation-error.js';
