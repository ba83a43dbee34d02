import type { RiskAuditEntry, RiskAuditSink } from '../risk-audit.types.js';

/**
 * A RiskAuditSink that keeps entries in memory until drained. The engine records synchronously on the order
 * path; the caller moves the entries to the store's `riskAudit` repository (one transaction per drain) at a
 * convenient moment, e.g. after each bar or at the end of a backtest:
 *   `await store.riskAudit.append(buffer.drain())`.
 */
export class RiskAuditBuffer implements RiskAuditSink {
  private entries: RiskAuditEntry[] = [];

  record(entry: RiskAuditEntry): void {
    this.entries.push(entry);
  }

  /** Entries recorded since the last drain, oldest first; the buffer is empty afterwards. */
  drain(): RiskAuditEntry[] {
    const drained = this.entries;
    this.entries = [];
    return drained;
  }

  get size(): number {
    return this.entries.length;
  }
}
