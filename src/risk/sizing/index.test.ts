import { describe, expect, it } from 'vitest';
import * as sizing from './index.js';

describe('position sizing index', () => {
  it('exports the public API', () => {
    for (const name of [
      'fixedFractionalSize',
      'atrPositionSize',
      'volatilityTargetSize',
      'kellyFraction',
      'kellyFractionFromReturns',
      'kellyPositionSize',
    ]) {
      expect(typeof (sizing as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
