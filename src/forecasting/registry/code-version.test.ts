import { describe, expect, it } from 'vitest';
import {
  architectureHash,
  canonicalJson,
  checkCodeVersion,
  formatCodeVersion,
  MODEL_FORMAT_VERSION,
  packageVersionCompatible,
  parseCodeVersion,
} from './code-version.js';

const shape = { inputSize: 24, horizon: 12, channels: 1, quantiles: [0.1, 0.5, 0.9] };

describe('code version', () => {
  it('writes canonical JSON whatever the key order, skipping undefined fields', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null, e: undefined })).toBe(
      '{"a":null,"b":[1,{"c":"x","d":2}]}',
    );
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('hashes kind, shape and hyperparameters: any difference changes the hash', () => {
    const base = architectureHash('nhits', shape, { poolingMode: 'max', dropout: 0 });
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(architectureHash('nhits', shape, { dropout: 0, poolingMode: 'max' })).toBe(base);
    expect(architectureHash('lstm', shape, { poolingMode: 'max', dropout: 0 })).not.toBe(base);
    expect(architectureHash('nhits', { ...shape, horizon: 6 }, { poolingMode: 'max', dropout: 0 })).not.toBe(
      base,
    );
    expect(architectureHash('nhits', shape, { poolingMode: 'mean', dropout: 0 })).not.toBe(base);
  });

  it('formats and parses package version, format and architecture', () => {
    const text = formatCodeVersion({ packageVersion: '0.1.0', format: 1, architecture: '0123456789abcdef' });
    expect(text).toBe('0.1.0/format-1/arch-0123456789abcdef');
    expect(parseCodeVersion(text)).toEqual({
      packageVersion: '0.1.0',
      format: 1,
      architecture: '0123456789abcdef',
    });
    expect(() => parseCodeVersion('0.1.0')).toThrow(/code version "0.1.0" must look like/);
  });

  it('accepts a stored package version under npm caret rules only', () => {
    const cases: Array<[string, string, boolean]> = [
      ['0.1.0', '0.1.0', true],
      ['0.1.0', '0.1.7', true],
      ['0.1.3', '0.1.2', false], // written by newer code
      ['0.1.0', '0.2.0', false], // 0.x minor bumps may break
      ['0.2.0', '0.1.9', false],
      ['1.2.3', '1.2.3', true],
      ['1.2.3', '1.9.0', true],
      ['1.2.3', '1.2.2', false],
      ['1.2.3', '1.1.9', false],
      ['1.2.3', '2.0.0', false],
      ['1.0.0', '1.0.1-beta.1', true],
    ];
    for (const [stored, running, expected] of cases) {
      expect([stored, running, packageVersionCompatible(stored, running)]).toEqual([
        stored,
        running,
        expected,
      ]);
    }
    expect(() => packageVersionCompatible('one', '0.1.0')).toThrow(/stored package version "one"/);
  });

  it('refuses a missing, foreign-format, incompatible or differently hashed code version, naming both values', () => {
    const arch = '0123456789abcdef';
    const ok = `0.1.0/format-${MODEL_FORMAT_VERSION}/arch-${arch}`;
    expect(() => checkCodeVersion(ok, '0.1.4', arch)).not.toThrow();
    expect(() => checkCodeVersion(null, '0.1.0', arch)).toThrow(/no recorded code version/);
    expect(() => checkCodeVersion(`0.1.0/format-9/arch-${arch}`, '0.1.0', arch)).toThrow(
      /registry format "9"; this code reads format 1/,
    );
    expect(() => checkCodeVersion(ok, '0.2.0', arch)).toThrow(
      /written by version "0.1.0", not compatible with the running "0.2.0"/,
    );
    expect(() => checkCodeVersion(ok, '0.1.0', 'ffffffffffffffff')).toThrow(
      /architecture hash "0123456789abcdef" differs from "ffffffffffffffff"/,
    );
  });
});
