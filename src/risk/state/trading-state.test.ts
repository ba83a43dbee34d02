import { describe, expect, it } from 'vitest';
import { TradingStateMachine } from './trading-state.js';

describe('TradingStateMachine', () => {
  it('starts active', () => {
    expect(new TradingStateMachine().state).toBe('active');
  });

  it('tightens active → reducing → halted and records each transition', () => {
    const machine = new TradingStateMachine();
    expect(
      machine.restrict('reducing', { cause: 'breach', rule: 'daily-loss', reason: 'loss 3%' }, 10),
    ).toEqual({
      from: 'active',
      to: 'reducing',
      cause: 'breach',
      rule: 'daily-loss',
      operator: null,
      reason: 'loss 3%',
      ts: 10,
    });
    expect(
      machine.restrict('halted', { cause: 'kill-switch', operator: 'ops', reason: 'stop' }, 20),
    ).toMatchObject({
      from: 'reducing',
      to: 'halted',
      operator: 'ops',
    });
    expect(machine.state).toBe('halted');
  });

  it('never loosens on a breach or the kill switch', () => {
    const machine = new TradingStateMachine();
    machine.restrict('halted', { cause: 'breach', rule: 'max-drawdown', reason: 'dd' }, 1);
    expect(
      machine.restrict('reducing', { cause: 'breach', rule: 'daily-loss', reason: 'loss' }, 2),
    ).toBeNull();
    expect(
      machine.restrict('halted', { cause: 'kill-switch', operator: 'ops', reason: 'again' }, 3),
    ).toBeNull();
    expect(machine.state).toBe('halted');
  });

  it('returns to active only by an operator resume', () => {
    const machine = new TradingStateMachine();
    expect(machine.resume('ops', 'nothing to do', 1)).toBeNull();
    machine.restrict('reducing', { cause: 'breach', rule: 'daily-loss', reason: 'loss' }, 2);
    expect(machine.resume('alice', 'reviewed the loss', 3)).toEqual({
      from: 'reducing',
      to: 'active',
      cause: 'operator',
      rule: null,
      operator: 'alice',
      reason: 'reviewed the loss',
      ts: 3,
    });
    expect(machine.state).toBe('active');
  });

  it('requires an operator name and a reason to resume', () => {
    const machine = new TradingStateMachine();
    machine.restrict('halted', { cause: 'kill-switch', operator: 'ops', reason: 'stop' }, 1);
    expect(() => machine.resume(' ', 'why', 2)).toThrow('operator " " must be a non-empty name');
    expect(() => machine.resume('alice', '', 2)).toThrow('reason "" must be a non-empty explanation');
    expect(machine.state).toBe('halted');
  });
});
