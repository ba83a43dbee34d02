/** Position sizing: fixed fractional, ATR-based, volatility target, Kelly and fractional Kelly. */
export type { FixedFractionalInput, FixedFractionalSize } from './fixed-fractional.js';
export { fixedFractionalSize } from './fixed-fractional.js';
export type { AtrSize, AtrSizeInput } from './atr-position-size.js';
export { atrPositionSize } from './atr-position-size.js';
export type { VolatilityTargetInput, VolatilityTargetSize } from './volatility-target.js';
export { volatilityTargetSize } from './volatility-target.js';
export type { KellySize, KellySizeInput } from './kelly.js';
export { kellyFraction, kellyFractionFromReturns, kellyPositionSize } from './kelly.js';
