import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import {
  accountId,
  clientOrderId,
  fillId,
  instrumentId,
  orderId,
  positionId,
  runId,
  strategyId,
} from './ids.js';

describe('branded ids', () => {
  it('are the plain string at run time', () => {
    const makers = [instrumentId, orderId, clientOrderId, fillId, positionId, accountId, strategyId, runId];
    for (const make of makers) expect(make('abc-1')).toBe('abc-1');
  });

  it('refuse an empty string, naming the kind of id', () => {
    expect(() => orderId('')).toThrow(new TypeError('OrderId must be a non-empty string'));
    expect(() => instrumentId('')).toThrow('InstrumentId must be a non-empty string');
  });

  it('cannot be mixed up at compile time', () => {
    const order = orderId('o-1');
    // @ts-expect-error an OrderId is not an InstrumentId
    const wrong: ReturnType<typeof instrumentId> = order;
    expect(wrong).toBe('o-1');
  });

  it('are re-exported with the rest of the core from its index', () => {
    for (const name of [
      'ok',
      'err',
      'unwrap',
      'quote',
      'invariant',
      'orderId',
      'SimulatedClock',
      'SeededRng',
    ]) {
      expect(core).toHaveProperty(name);
    }
  });
});
