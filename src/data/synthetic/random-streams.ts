import { SeededRng } from '../../core/rng.js';
import type { ShockSpec } from './market-spec.types.js';

/**
 * An independent random stream per (seed, label), e.g. label "symbol/AAPL/path". Streams are derived from
 * the label's name rather than forked in order, so adding, removing or reordering a symbol leaves every other
 * symbol's stream, and so its series, unchanged. The label and seed are hashed with 32-bit FNV-1a; the RNG's
 * splitmix seeding then spreads nearby hashes apart.
 */
export function randomStream(seed: number, label: string): SeededRng {
  const text = `${seed}:${label}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return new SeededRng(hash | 0);
}

/**
 * A draw function with unit variance for the shock law: normal, or Student-t scaled by sqrt((dof - 2) / dof).
 * Student-t uses Bailey's polar method (Math. Comp. 62, 1994), exact and one pair of uniforms per draw on
 * average (SeededRng.studentT sums dof squared normals, several times slower on millions of bars):
 * U, V uniform on (-1, 1) until W = U^2 + V^2 is in (0, 1], then T = U sqrt(dof (W^(-2/dof) - 1) / W).
 */
export function shockSampler(rng: SeededRng, shocks: ShockSpec): () => number {
  if (shocks.distribution === 'normal') return () => rng.normal();
  const dof = shocks.degreesOfFreedom ?? 5;
  const scale = Math.sqrt((dof - 2) / dof);
  const exponent = -2 / dof;
  return () => {
    let u: number;
    let w: number;
    do {
      u = rng.next() * 2 - 1;
      const v = rng.next() * 2 - 1;
      w = u * u + v * v;
    } while (w > 1 || w === 0);
    return u * Math.sqrt((dof * (w ** exponent - 1)) / w) * scale;
  };
}
