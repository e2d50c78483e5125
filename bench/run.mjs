#!/usr/bin/env node
/**
 * npm run bench [-- NAME…]: runs bench/NAME.bench.mjs (all of them when none is named) and
 * rewrites their sections of BENCHMARKS.md, keeping the sections of benches not run this time.
 * Each bench module exports `title` and `async run(context)` returning markdown.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const outputPath = join(root, 'BENCHMARKS.md');
const available = readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace(/\.bench\.mjs$/, '')).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted) if (!available.includes(name)) { console.error(`unknown bench "${name}" (have: ${available.join(', ')})`); process.exit(2); }
const toRun = wanted.length ? wanted : available;

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  let os = process.platform;
  try { os = execSync('uname -srm').toString().trim(); } catch {}
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os}, Node ${process.version}`;
}

// Existing sections: "<!-- bench:NAME -->" … "<!-- /bench:NAME -->", read when writing, so that benches run at the
// same time in other processes keep their sections.
function readSections() {
  const previous = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : '';
  const found = new Map();
  for (const match of previous.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) found.set(match[1], match[2]);
  return found;
}
const written = new Map();

const context = { root, machine: machine(), date: new Date().toISOString().slice(0, 10) };
for (const name of toRun) {
  const module = await import(join(benchDir, `${name}.bench.mjs`));
  console.error(`== bench ${name}: ${module.title}`);
  const started = Date.now();
  const body = await module.run(context);
  console.error(`   done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  written.set(name, `## ${module.title}\n\n_Measured ${context.date} on ${context.machine}._\n\n${body.trim()}\n\n`);
}

const sections = readSections();
for (const [name, text] of written) sections.set(name, text);

const intro = `# Benchmarks\n\nWritten by \`npm run bench\` (one section per \`bench/*.bench.mjs\`; \`npm run bench -- NAME\` reruns one section).\nNumbers are measurements on the machine named in each section, not guarantees; no test asserts them.\n\n`;
const ordered = [...sections.keys()].sort();
writeFileSync(outputPath, intro + ordered.map((name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->\n`).join('\n'));
console.error(`wrote ${outputPath}`);
