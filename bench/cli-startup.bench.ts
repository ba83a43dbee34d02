/**
 * Cold start of the built CLI: `node dist/cli/main.js --help`, wall time per process, against the bare
 * `node -e 0` start-up of the same Node binary in the same run (the floor no CLI can beat).
 * Target (issue 2): <= 150 ms median.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median } from './stats.js';

const cli = 'dist/cli/main.js';
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);

function timeSpawn(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  }
  return times;
}

const runs = 31;
timeSpawn([cli, '--help'], 3); // warm the file-system cache
// Interleave the three commands so a burst of load on the shared machine hits all of them alike.
const samples: number[][] = [[], [], []];
for (let i = 0; i < runs; i++) {
  samples[0]?.push(...timeSpawn(['-e', '0'], 1));
  samples[1]?.push(...timeSpawn([cli, '--help'], 1));
  samples[2]?.push(...timeSpawn([cli, '--version'], 1));
}
const [baseline, help, version] = samples.map((s) => median(s)) as [number, number, number];

console.log('| command | median wall (ms) | target |');
console.log('|---|---:|---:|');
console.log(`| baseline: \`node -e 0\` | ${baseline.toFixed(1)} | |`);
console.log(`| \`neural-trader --help\` | ${help.toFixed(1)} | <= 150 |`);
console.log(`| \`neural-trader --version\` | ${version.toFixed(1)} | |`);
console.log(`\nCLI overhead above bare Node: ${(help - baseline).toFixed(1)} ms (${runs} runs each).`);
