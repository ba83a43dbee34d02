import { describe, expect, it } from 'vitest';
import type { RiskAuditEntry } from '../risk-audit.types.js';
import { RiskAuditBuffer } from './risk-audit-buffer.js';

describe('RiskAuditBuffer', () => {
  it('hands back what was recorded, oldest first, and empties', () => {
    const buffer = new RiskAuditBuffer();
    const first: RiskAuditEntry = {
      kind: 'transition',
      ts: 1,
      from: 'active',
      to: 'halted',
      cause: 'kill-switch',
      rule: null,
      operator: 'ops',
      reason: 'r',
    };
    const second: RiskAuditEntry = { ...first, ts: 2, from: 'halted', to: 'active', cause: 'operator' };
    buffer.record(first);
    buffer.record(second);
    expect(buffer.size).toBe(2);
    expect(buffer.drain()).toEqual([first, second]);
    expect(buffer.size).toBe(0);
    expect(buffer.drain()).toEqual([]);
  });
});
