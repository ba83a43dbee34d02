export * from './import-options.js';
export * from './validation-issue.js';
export * from './import-rejected-error.js';
export { parseBars, type ImportReport } from './parse-bars.js';
