import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId, orderId } from '../../core/ids.js';
import type { RiskAuditEntry } from '../../risk/risk-audit.types.js';
import { openSqliteStore, type SqliteStore } from './open-sqlite-store.js';

const denial: RiskAuditEntry = {
  kind: 'denial',
  ts: 1_000,
  rule: 'max-order-notional',
  message: 'order notional 125000 exceeds max 100000',
  values: { quantity: 1250, referencePrice: 100, notional: 125_000, maxNotional: 100_000 },
  orderId: orderId('O-1'),
  clientOrderId: clientOrderId('C-1'),
  instrumentId: instrumentId('AAPL'),
  strategyId: null,
  side: 'buy',
  quantity: 1250,
  purpose: 'strategy',
};
const transition: RiskAuditEntry = {
  kind: 'transition',
  ts: 2_000,
  from: 'active',
  to: 'halted',
  cause: 'kill-switch',
  rule: null,
  operator: 'alice',
  reason: 'exchange outage',
};
const killSwitch: RiskAuditEntry = {
  kind: 'kill-switch',
  ts: 2_000,
  operator: 'alice',
  reason: 'exchange outage',
  flatten: true,
  cancel: [orderId('O-2')],
  flattenOrders: [{ instrumentId: instrumentId('AAPL'), side: 'sell', quantity: 100 }],
};
const violation = (ts: number, values: Record<string, number | string> = {}): RiskAuditEntry => ({
  kind: 'violation',
  ts,
  rule: 'max-gross-leverage',
  key: 'max-gross-leverage',
  message: 'gross leverage 2.1 exceeds max 2',
  values,
  instrumentId: null,
});

describe('SqliteRiskAuditRepository', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = openSqliteStore({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('stores every kind of entry and reads them back unchanged, oldest first', async () => {
    await store.riskAudit.append([transition, denial]);
    await store.riskAudit.append([killSwitch, violation(1_500, { grossLeverage: 2.1 })]);
    // By ts, then by order of appending (the transition and the kill switch share ts 2,000).
    expect(await store.riskAudit.list()).toEqual([
      denial,
      violation(1_500, { grossLeverage: 2.1 }),
      transition,
      killSwitch,
    ]);
  });

  it('filters by time range [from, to), kind and limit', async () => {
    await store.riskAudit.append([denial, violation(1_500), transition, killSwitch]);
    expect(await store.riskAudit.list({ from: 1_500, to: 2_000 })).toEqual([violation(1_500)]);
    expect(await store.riskAudit.list({ kind: 'denial' })).toEqual([denial]);
    expect(await store.riskAudit.list({ from: 1_000, limit: 2 })).toEqual([denial, violation(1_500)]);
    await expect(store.riskAudit.list({ limit: 0 })).rejects.toThrow('limit "0" must be an integer >= 1');
  });

  it('keeps non-finite numbers as strings instead of refusing the entry', async () => {
    await store.riskAudit.append([violation(1, { leverage: Infinity, ratio: Number.NaN })]);
    expect((await store.riskAudit.list())[0]).toMatchObject({
      values: { leverage: 'Infinity', ratio: 'NaN' },
    });
  });

  it('appends a batch in one transaction: an entry that fails rolls back those before it', async () => {
    const bad = { ...violation(3), ts: Number.NaN };
    await expect(store.riskAudit.append([violation(1), violation(2), bad])).rejects.toThrow(
      'risk audit entry [2] ts "NaN" must be a finite epoch ms',
    );
    const unknown = { ...violation(3), kind: 'gossip' } as unknown as RiskAuditEntry;
    await expect(store.riskAudit.append([violation(1), unknown])).rejects.toThrow(
      'risk audit entry [1] kind "gossip" must be one of denial, transition, kill-switch, violation',
    );
    expect(await store.riskAudit.list()).toEqual([]);
    await store.riskAudit.append([]);
    expect(await store.riskAudit.list()).toEqual([]);
  });
});

describe('the risk audit log of a process killed while appending', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nt-audit-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds whole batches only', async () => {
    const BATCH = 400;
    const path = join(dir, 'audit.db');
    const storeUrl = pathToFileURL(join(import.meta.dirname, 'open-sqlite-store.ts')).href;
    // The child appends batches of BATCH violations (ts = batch × 1,000,000 + i) until it is killed.
    const code = `
      const { openSqliteStore } = await import(${JSON.stringify(storeUrl)});
      const store = openSqliteStore({ path: ${JSON.stringify(path)} });
      for (let b = 0; b < 100000; b++) {
        const entries = Array.from({ length: ${BATCH} }, (_, i) => ({
          kind: 'violation', ts: b * 1000000 + i, rule: 'max-position', key: 'max-position:X',
          message: 'position notional 1 exceeds max 0', values: { batch: b, index: i, padding: 'x'.repeat(200) },
          instrumentId: 'X',
        }));
        await store.riskAudit.append(entries);
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let done = false;
    void exited.then(() => (done = true));
    let killed = false;
    let probe: Database.Database | null = null;
    // Once a few batches are committed, kill the writer without warning (SIGKILL: no handler runs).
    while (!done) {
      await sleep(2);
      try {
        probe ??= new Database(path, { readonly: true, fileMustExist: true });
        const seen = probe.prepare('SELECT COUNT(*) FROM risk_audit').pluck().get() as number;
        if (seen >= 3 * BATCH) {
          killed = child.kill('SIGKILL');
          break;
        }
      } catch {
        // the database or its table does not exist yet
      }
    }
    probe?.close();
    await exited;
    expect(killed, `the writer stopped before it could be killed: ${stderr}`).toBe(true);

    const store = openSqliteStore({ path });
    try {
      expect(await store.integrityCheck()).toEqual([]);
      const entries = await store.riskAudit.list({ limit: 10_000_000 });
      expect(entries.length % BATCH).toBe(0);
      const batches = new Map<number, number>();
      for (const entry of entries) {
        const batch = entry.kind === 'violation' ? (entry.values.batch as number) : -1;
        batches.set(batch, (batches.get(batch) ?? 0) + 1);
      }
      // Batches 0..k−1, each complete.
      expect([...batches.keys()]).toEqual(Array.from({ length: batches.size }, (_, b) => b));
      for (const count of batches.values()) expect(count).toBe(BATCH);
    } finally {
      await store.close();
    }
  });
});
