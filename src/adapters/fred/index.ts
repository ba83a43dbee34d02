export { FredClient } from './fred-client.js';
export {
  describeFredError,
  fredConfigSchema,
  observationsSchema,
  type FredConfig,
  type FredConfigInput,
} from './fred-payload.js';
export type { MacroObservation, MacroQuery, MacroSeries } from '../../news/macro-series.types.js';
