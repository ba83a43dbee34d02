import { describe, expect, it } from 'vitest';
import { configFileKnownKeys, configFileSchema, parseConfigFileText } from './config-file-schema.js';

describe('parseConfigFileText', () => {
  it('parses JSON by the .json extension', () => {
    expect(parseConfigFileText('nt.json', '{"server":{"port":9000}}')).toEqual({
      ok: true,
      value: { server: { port: 9000 } },
    });
  });

  it('parses YAML by the .yaml and .yml extensions, in any letter case', () => {
    for (const path of ['nt.yaml', 'conf/NT.YML']) {
      expect(parseConfigFileText(path, 'server:\n  port: 9000\n')).toEqual({
        ok: true,
        value: { server: { port: 9000 } },
      });
    }
  });

  it('reads an empty file as an empty config', () => {
    expect(parseConfigFileText('nt.yaml', '')).toEqual({ ok: true, value: {} });
    expect(parseConfigFileText('nt.json', '  \n')).toEqual({ ok: true, value: {} });
  });

  it('refuses other extensions', () => {
    expect(parseConfigFileText('nt.toml', 'a = 1')).toEqual({
      ok: false,
      error: 'config file "nt.toml" must end in .json, .yaml, .yml',
    });
  });

  it('locates a JSON syntax error without echoing the file', () => {
    const result = parseConfigFileText(
      'nt.json',
      '{\n  "server": { "port": 80, },\n  "key": "zq9-pasted-secret"\n}',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^config file "nt\.json" is not valid JSON at line 2, column \d+$/);
    expect(result.error).not.toContain('zq9');
  });

  it('reports a truncated JSON file', () => {
    const result = parseConfigFileText('nt.json', '{"server": ');
    expect(result).toEqual({ ok: false, error: 'config file "nt.json" is not valid JSON' });
  });

  it('keeps only the first line of a YAML error, without the source excerpt', () => {
    const result = parseConfigFileText('nt.yaml', 'server:\n  port: 1\n  port: 2\nkey: zq9-pasted-secret\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(
      /^config file "nt\.yaml" is not valid YAML: Map keys must be unique at line 3/,
    );
    expect(result.error).not.toContain('\n');
    expect(result.error).not.toContain('zq9');
  });
});

describe('configFileSchema', () => {
  it('accepts every section', () => {
    const file = configFileSchema.parse({
      server: { host: '0.0.0.0', port: 9000, log_level: 'debug', workers: 2 },
      data: { dir: '/var/lib/nt' },
      performance: { batch_size: 64, max_workers: 8, cache_ttl: 0 },
      trading: { symbols: ['aapl'] },
    });
    expect(file.server).toEqual({ host: '0.0.0.0', port: 9000, log_level: 'debug', workers: 2 });
    expect(file.trading?.symbols).toEqual(['AAPL']);
  });

  it('refuses unknown keys at every level, secrets included (they belong in the environment)', () => {
    const result = configFileSchema.safeParse({ alpaca_secret_key: 'x', server: { prot: 1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.code)).toEqual([
      'unrecognized_keys',
      'unrecognized_keys',
    ]);
  });

  it('refuses numbers written as strings', () => {
    expect(configFileSchema.safeParse({ server: { port: '8080' } }).success).toBe(false);
  });
});

describe('configFileKnownKeys', () => {
  it('lists the keys allowed at each level', () => {
    expect(configFileKnownKeys([])).toEqual(['server', 'data', 'performance', 'trading']);
    expect(configFileKnownKeys(['server'])).toEqual(['host', 'port', 'log_level', 'workers']);
    expect(configFileKnownKeys(['performance'])).toEqual(['batch_size', 'max_workers', 'cache_ttl']);
    expect(configFileKnownKeys(['trading'])).toContain('risk_level');
    expect(configFileKnownKeys(['nope'])).toBeUndefined();
  });
});
