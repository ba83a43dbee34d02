/** Statistics: returns, moments, covariance/correlation, OLS, unit-root and cointegration tests, mean reversion. */
export { logReturns, simpleReturns } from './returns.js';
export type { MomentOptions, Moments } from './moments.js';
export { excessKurtosis, mean, moments, skewness, standardDeviation, variance } from './moments.js';
export type {
  AssetObservations,
  CovarianceMatrixOptions,
  MissingDataPolicy,
  RowMajorObservations,
  SymmetricMatrix,
} from './correlation-matrix.js';
export { MISSING_DATA_POLICIES, correlationMatrix, covarianceMatrix } from './correlation-matrix.js';
export type { OlsOptions, OlsResult } from './ols.js';
export { ordinaryLeastSquares } from './ols.js';
export type { CriticalValues, MackinnonRegression } from './mackinnon.js';
export { MACKINNON_REGRESSIONS, mackinnonCriticalValues, mackinnonPValue } from './mackinnon.js';
export type { AdfOptions, AdfRegression, AdfResult, AutolagMethod } from './adf.js';
export { AUTOLAG_METHODS, augmentedDickeyFuller } from './adf.js';
export type { EngleGrangerOptions, EngleGrangerResult } from './engle-granger.js';
export { engleGranger } from './engle-granger.js';
export type { HalfLifeResult } from './half-life.js';
export { halfLife } from './half-life.js';
export type { HurstMethod, HurstOptions, HurstResult } from './hurst.js';
export { HURST_METHODS, hurstExponent } from './hurst.js';
export type { KalmanHedgeRatioOptions, KalmanHedgeRatioResult } from './kalman-hedge-ratio.js';
export { kalmanHedgeRatio } from './kalman-hedge-ratio.js';
export { normalCdf } from './normal-distribution.js';
