/**
 * Runs every benchmark script in its own process (so one benchmark's heap and JIT state cannot skew another),
 * echoes its output, and rewrites bench/RESULTS.md with each script's markdown section and the machine it ran
 * on. `npm run bench` compiles src/ and bench/ with tsc first (tsconfig.bench.json) and runs the plain
 * JavaScript, so the figures are those of the code users run, not of an on-the-fly transpiler.
 * Usage: `npm run bench` (all) or `npm run bench -- store cli` (script names containing a word; only their
 * sections of RESULTS.md are replaced).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.bench.js'))
  .filter((name) => filters.length === 0 || filters.some((word) => name.includes(word)))
  .sort();

const sections: string[] = [];
for (const script of scripts) {
  const name = script.replace(/\.js$/, '.ts');
  process.stdout.write(`\n### ${name}\n`);
  const output = execFileSync(process.execPath, [join(here, script)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(output);
  sections.push(`## ${name}\n\n${output.trim()}\n`);
}

// A filtered run replaces only its own sections and keeps the others from the last full run.
const resultsPath = join(process.cwd(), 'bench', 'RESULTS.md');
const previous = filters.length > 0 && existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const kept = previous
  .split(/^(?=## )/m)
  .slice(1)
  .filter((section) => !sections.some((fresh) => fresh.split('\n')[0] === section.split('\n')[0]));
const ordered = [...kept.map((section) => `${section.trimEnd()}\n`), ...sections].sort((a, b) =>
  (a.split('\n')[0] ?? '').localeCompare(b.split('\n')[0] ?? ''),
);
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const body = [
  '# Benchmark results',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} — ${machine}.`,
  'Each figure is printed beside the baseline measured in the same run. Timings on this shared VM vary by',
  'roughly ±30% between runs; compare a figure with the baseline printed next to it.',
  '',
  ...ordered,
].join('\n');
writeFileSync(resultsPath, body);
process.stdout.write('\nwrote bench/RESULTS.md\n');
