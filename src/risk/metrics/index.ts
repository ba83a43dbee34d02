/**
 * Risk metrics: VaR and ES (historical, Gaussian, Cornish-Fisher, Monte Carlo), portfolio VaR with marginal
 * and component decomposition, concentration and stress tests. Pure functions over Float64Array returns;
 * definitions and sign convention (returns, losses negative) follow R's PerformanceAnalytics.
 */
export { assertConfidence, confidenceKey, tailProbability } from './confidence.js';
export { normalDensity, normalQuantile } from './normal-quantile.js';
export { sortedQuantile, sortedTailMean } from './sample-quantile.js';
export type { ReturnSample } from './return-sample.js';
export { describeReturns } from './return-sample.js';
export { historicalEs, historicalVar } from './historical-var.js';
export { gaussianEs, gaussianVar } from './gaussian-var.js';
export { cornishFisherQuantile, modifiedEs, modifiedVar } from './modified-var.js';
export type { RiskTable, SampleVarMethod, VarMethod } from './var-methods.js';
export { VAR_METHODS, sampleRiskTables } from './var-methods.js';
export { choleskyFactor } from './cholesky.js';
export type { MonteCarloVarInput, MonteCarloVarResult } from './monte-carlo-var.js';
export { monteCarloVar } from './monte-carlo-var.js';
export type { PortfolioVarInput, PortfolioVarResult, RiskDecomposition } from './portfolio-var.js';
export { gaussianPortfolioVar } from './portfolio-var.js';
export { portfolioReturns } from './portfolio-returns.js';
export type { PositionExposure } from './position-exposure.types.js';
export type { ConcentrationReport } from './concentration.js';
export { concentration } from './concentration.js';
export type { ScenarioResult, ShockScenario, ShockSource } from './shock-scenario.js';
export { SHOCK_SOURCES, applyShockScenario } from './shock-scenario.js';
export type { StressWindow } from './worst-windows.js';
export { worstWindows } from './worst-windows.js';
export type { PortfolioRiskInput, PortfolioRiskProfile, PositionRisk } from './portfolio-risk-profile.js';
export { portfolioRiskProfile } from './portfolio-risk-profile.js';
