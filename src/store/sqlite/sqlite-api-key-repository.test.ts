import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../api-repositories.types.js';
import { openApiRepositories, type ApiRepositories } from './open-api-repositories.js';
import { openSqliteStore } from './open-sqlite-store.js';

function key(id: string, createdAt: number): ApiKeyRecord {
  return {
    id,
    name: `key ${id}`,
    role: 'viewer',
    salt: 'ab'.repeat(16),
    hash: 'cd'.repeat(32),
    createdAt,
    createdBy: 'alice',
    revokedAt: null,
  };
}

describe('API repositories (SQLite)', () => {
  let repositories: ApiRepositories;
  afterEach(() => repositories.close());

  it('stores, lists oldest first, and revokes keys keeping the first revocation time', async () => {
    repositories = openApiRepositories(':memory:');
    await repositories.apiKeys.create(key('bbbb', 2));
    await repositories.apiKeys.create(key('aaaa', 1));
    expect((await repositories.apiKeys.list()).map((k) => k.id)).toEqual(['aaaa', 'bbbb']);
    expect(await repositories.apiKeys.get('aaaa')).toEqual(key('aaaa', 1));
    expect(await repositories.apiKeys.get('zzzz')).toBeNull();
    expect((await repositories.apiKeys.revoke('aaaa', 10)).revokedAt).toBe(10);
    expect((await repositories.apiKeys.revoke('aaaa', 20)).revokedAt).toBe(10);
    await expect(repositories.apiKeys.revoke('zzzz', 1)).rejects.toThrow(/API key "zzzz" does not exist/);
    await expect(repositories.apiKeys.create(key('aaaa', 3))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses records that are not well formed, naming the field', async () => {
    repositories = openApiRepositories(':memory:');
    await expect(repositories.apiKeys.create({ ...key('x', 1), role: 'admin' as 'viewer' })).rejects.toThrow(
      /role "admin" must be one of viewer, trader/,
    );
    await expect(repositories.apiKeys.create({ ...key('x', 1), hash: 'NOT HEX' })).rejects.toThrow(
      /hash must be lower-case hex/,
    );
    await expect(repositories.apiKeys.create({ ...key('x', 1), name: ' ' })).rejects.toThrow(
      /name " " must not be empty/,
    );
    await expect(repositories.apiKeys.create({ ...key(' ', 1) })).rejects.toThrow(/id " " must not be empty/);
    await expect(repositories.apiKeys.create({ ...key('x', Number.NaN) })).rejects.toThrow(/createdAt/);
    await expect(repositories.apiKeys.revoke('x', Number.NaN)).rejects.toThrow(/revocation time/);
  });

  it('keeps named JSON settings and replaces them', async () => {
    repositories = openApiRepositories(':memory:');
    expect(await repositories.settings.get('risk.limits')).toBeNull();
    await repositories.settings.put('risk.limits', { preset: 'low', overrides: { a: [1, 2] } }, 5);
    await repositories.settings.put('risk.limits', { preset: 'high' }, 6);
    expect(await repositories.settings.get('risk.limits')).toEqual({
      value: { preset: 'high' },
      updatedAt: 6,
    });
    await expect(repositories.settings.put('', 1, 1)).rejects.toThrow(/setting key "" must not be empty/);
    await expect(repositories.settings.put('k', Number.NaN, 1)).rejects.toThrow(/finite number/);
    await expect(repositories.settings.put('k', 1, Number.NaN)).rejects.toThrow(/setting time/);
  });

  it('shares the store database file through a connection of its own (tables from the store migrations)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nt-keys-')), 'store.db');
    const store = openSqliteStore({ path });
    repositories = openApiRepositories(path);
    await repositories.apiKeys.create(key('cafe', 1));
    await repositories.close();
    repositories = openApiRepositories(path);
    expect((await repositories.apiKeys.get('cafe'))?.name).toBe('key cafe');
    expect(await store.integrityCheck()).toEqual([]);
    await store.close();
  });

  it('reports a database that cannot be opened as a store failure', () => {
    expect(() => openApiRepositories('/proc/definitely/not/here.db')).toThrow(/cannot open store/);
  });
});
