import { confidenceKey } from './confidence.js';
import { gaussianEs, gaussianVar } from './gaussian-var.js';
import { historicalEs, historicalVar } from './historical-var.js';
import { modifiedEs, modifiedVar } from './modified-var.js';
import type { ReturnSample } from './return-sample.js';

/**
 * The VaR/ES estimators by name. 'historical', 'gaussian' and 'modified' need only the return series
 * (PerformanceAnalytics' methods of the same names); 'montecarlo' simulates the holdings (monte-carlo-var.ts).
 */
export const VAR_METHODS = ['historical', 'gaussian', 'modified', 'montecarlo'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];
export type SampleVarMethod = Exclude<VarMethod, 'montecarlo'>;

/** VaR or ES by method, then by confidence key ("0.95"); returns, losses negative. */
export type RiskTable = Partial<Record<VarMethod, Record<string, number>>>;

const ESTIMATORS: Readonly<
  Record<
    SampleVarMethod,
    readonly [(s: ReturnSample, c: number) => number, (s: ReturnSample, c: number) => number]
  >
> = {
  historical: [historicalVar, historicalEs],
  gaussian: [gaussianVar, gaussianEs],
  modified: [modifiedVar, modifiedEs],
};

/** VaR and ES of one return sample for every (sample) method and confidence asked for. */
export function sampleRiskTables(
  sample: ReturnSample,
  methods: readonly SampleVarMethod[],
  confidences: readonly number[],
): { readonly var: RiskTable; readonly es: RiskTable } {
  const varTable: RiskTable = {};
  const esTable: RiskTable = {};
  for (const method of methods) {
    const [valueAtRisk, expectedShortfall] = ESTIMATORS[method];
    const byVar: Record<string, number> = {};
    const byEs: Record<string, number> = {};
    for (const confidence of confidences) {
      byVar[confidenceKey(confidence)] = valueAtRisk(sample, confidence);
      byEs[confidenceKey(confidence)] = expectedShortfall(sample, confidence);
    }
    varTable[method] = byVar;
    esTable[method] = byEs;
  }
  return { var: varTable, es: esTable };
}
