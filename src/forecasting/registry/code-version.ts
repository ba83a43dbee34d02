import { createHash } from 'node:crypto';
import { InvalidInputError, quote } from '../../core/errors.js';
import type { NeuralNetworkShape } from '../neural-network.types.js';

/**
 * The code version a registered model records: `<package version>/format-<F>/arch-<hash>`, e.g.
 * `0.1.0/format-1/arch-3f2a9c0d4b1e7a55`.
 * - The package version is the product's (package.json) at training time.
 * - The format is the registry's layout of params, scaler, calibration and weights (MODEL_FORMAT_VERSION):
 *   bumped whenever a stored model could be misread.
 * - The architecture hash is SHA-256 (first 16 hex digits) of the canonical JSON of kind, shape and the
 *   network's resolved hyperparameters. At load it is recomputed from the network the current code rebuilds
 *   from the stored parameters: if a default, a schema or a layout changed so that the same parameters no
 *   longer mean the same network, the hashes differ and the model is refused rather than silently misread.
 * A model loads when its format equals this code's, its architecture hash matches, and its package version is
 * caret-compatible with the running one (npm's `^stored`: same major version, same minor while the major is
 * 0, and not newer than the running code).
 */
export const MODEL_FORMAT_VERSION = 1;

export interface CodeVersion {
  readonly packageVersion: string;
  readonly format: number;
  readonly architecture: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;
const CODE_VERSION = /^([^/\s]+)\/format-(\d+)\/arch-([0-9a-f]{16})$/;

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The architecture hash of a network: kind, shape and resolved hyperparameters. */
export function architectureHash(
  kind: string,
  shape: NeuralNetworkShape,
  hyperparameters: Readonly<Record<string, unknown>>,
): string {
  const text = canonicalJson({
    kind,
    shape: {
      inputSize: shape.inputSize,
      horizon: shape.horizon,
      channels: shape.channels,
      quantiles: shape.quantiles,
    },
    hyperparameters,
  });
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function formatCodeVersion(version: CodeVersion): string {
  return `${version.packageVersion}/format-${version.format}/arch-${version.architecture}`;
}

export function parseCodeVersion(text: string): CodeVersion {
  const match = CODE_VERSION.exec(text);
  if (match === null) {
    throw new InvalidInputError(
      `code version ${quote(text)} must look like <package version>/format-<n>/arch-<16 hex digits>`,
    );
  }
  return {
    packageVersion: match[1] as string,
    format: Number(match[2]),
    architecture: match[3] as string,
  };
}

function semver(text: string, what: string): [number, number, number] {
  const match = SEMVER.exec(text);
  if (match === null) throw new InvalidInputError(`${what} ${quote(text)} must be a semantic version x.y.z`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether code at `running` may read what `stored` wrote: npm's caret range ^stored. */
export function packageVersionCompatible(stored: string, running: string): boolean {
  const [major, minor, patch] = semver(stored, 'stored package version');
  const [runMajor, runMinor, runPatch] = semver(running, 'running package version');
  if (runMajor !== major) return false;
  if (major === 0 && runMinor !== minor) return false;
  if (runMinor !== minor) return runMinor > minor;
  return runPatch >= patch;
}

/**
 * Throws unless a model stored with `stored` (its code version text) can be used by code at `runningPackage`
 * whose rebuilt network hashes to `rebuiltArchitecture`; the message names what differs and both values.
 */
export function checkCodeVersion(
  stored: string | null,
  runningPackage: string,
  rebuiltArchitecture: string,
): void {
  if (stored === null) {
    throw new InvalidInputError(
      'the model has no recorded code version (stored before the registry recorded one); retrain it',
    );
  }
  const version = parseCodeVersion(stored);
  if (version.format !== MODEL_FORMAT_VERSION) {
    throw new InvalidInputError(
      `the model was stored in registry format ${quote(version.format)}; this code reads format ${MODEL_FORMAT_VERSION}`,
    );
  }
  if (!packageVersionCompatible(version.packageVersion, runningPackage)) {
    throw new InvalidInputError(
      `the model was written by version ${quote(version.packageVersion)}, not compatible with the running ${quote(runningPackage)} (same major version, same minor while 0.x, not newer)`,
    );
  }
  if (version.architecture !== rebuiltArchitecture) {
    throw new InvalidInputError(
      `the model's architecture hash ${quote(version.architecture)} differs from ${quote(rebuiltArchitecture)}, the network this code rebuilds from its parameters`,
    );
  }
}
