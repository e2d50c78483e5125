/** Text path: read → figures → facts, and the rules, in milliseconds per report on the bundled markdown. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const title = 'Text path (markdown): read, figures and facts, rules';

export async function run({ root }) {
  const { extractDocument } = await import(join(root, 'dist/extractors/index.js'));
  const { normalizeDocument } = await import(join(root, 'dist/normalizers/index.js'));
  const { analyze } = await import(join(root, 'dist/analyzers/index.js'));
  const dir = join(root, 'fixtures/reports');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  const inputs = files.map((name) => ({ name, path: join(dir, name), bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const rounds = 40;
  const rows = [];
  let totalExtract = 0, totalNormalize = 0, totalRules = 0, count = 0;
  for (const input of inputs) {
    const times = { extract: [], normalize: [], rules: [] };
    for (let i = 0; i < rounds + 5; i++) {
      let t = performance.now();
      const extracted = await extractDocument({ path: input.path, bytes: input.bytes, sha256: '0'.repeat(64) }, {});
      const t1 = performance.now();
      const normalized = normalizeDocument(extracted.document);
      const t2 = performance.now();
      analyze(normalized);
      const t3 = performance.now();
      if (i < 5) continue; // warm-up
      times.extract.push(t1 - t); times.normalize.push(t2 - t1); times.rules.push(t3 - t2);
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = { name: input.name, kb: (input.bytes.length / 1024).toFixed(1), extract: median(times.extract), normalize: median(times.normalize), rules: median(times.rules) };
    rows.push(row);
    totalExtract += row.extract; totalNormalize += row.normalize; totalRules += row.rules; count++;
  }
  const fmt = (x) => x.toFixed(2);
  return [
    `Median of ${rounds} runs after 5 warm-up runs, in one process (\`dist/\` build).`,
    '',
    '| report | size (KiB) | read (ms) | figures + facts (ms) | rules (ms) | text path total (ms) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.kb} | ${fmt(r.extract)} | ${fmt(r.normalize)} | ${fmt(r.rules)} | ${fmt(r.extract + r.normalize + r.rules)} |`),
    `| **mean per report** | | ${fmt(totalExtract / count)} | ${fmt(totalNormalize / count)} | ${fmt(totalRules / count)} | **${fmt((totalExtract + totalNormalize + totalRules) / count)}** |`,
    '',
    'Aims (issues 2 and 3): read → figures → facts under 20 ms per report; with the rules under 50 ms.',
  ].join('\n');
}
