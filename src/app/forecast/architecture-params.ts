import type { NeuralModelKind } from '../../forecasting/registry/model-kinds.js';

/**
 * Architecture hyperparameters from flat `name=value` pairs (CLI `--arch hidden=64,layers=1`, search spaces).
 * Every name goes through to the architecture's own schema (which refuses unknown ones, naming them), except
 * the shorthand `hidden`, the width that matters most for each architecture:
 * - nhits: every block's MLP becomes `mlpLayers` (default 3, neuralforecast's depth) hidden layers of `hidden`
 *   units, mlpUnits = mlpLayers × [hidden, hidden];
 * - lstm: hiddenSize = hidden;
 * - transformer: modelSize = hidden (feedForwardSize stays as given or defaulted).
 */
export function architectureHyperparameters(
  kind: NeuralModelKind,
  flat: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const { hidden, mlpLayers, ...rest } = flat;
  const result: Record<string, unknown> = { ...rest };
  if (kind === 'nhits') {
    if (hidden !== undefined) {
      const depth = typeof mlpLayers === 'number' ? mlpLayers : 3;
      result['mlpUnits'] = Array.from({ length: depth }, () => [hidden, hidden]);
    } else if (mlpLayers !== undefined) {
      result['mlpLayers'] = mlpLayers; // refused by the NHITS schema with its value quoted
    }
    return result;
  }
  if (mlpLayers !== undefined) result['mlpLayers'] = mlpLayers;
  if (hidden !== undefined) result[kind === 'lstm' ? 'hiddenSize' : 'modelSize'] = hidden;
  return result;
}
