import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Root of the hand-written EDGAR documents, laid out as EDGAR's archive (test/fixtures/sec/Archives/...). */
export const SEC_FIXTURES = fileURLToPath(new URL('../../../test/fixtures/sec/', import.meta.url));

/** Text of a fixture below Archives/edgar/data/. */
export function secFixture(path: string): string {
  return readFileSync(`${SEC_FIXTURES}Archives/edgar/data/${path}`, 'utf8');
}
