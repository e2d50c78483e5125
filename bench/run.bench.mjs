/**
 * `budgetlint run` on a synthetic collection: copies of fixtures/reports/*.md with varied
 * figures and department names (≥ 1,000 documents), and copies of the text-layer PDFs.
 * Reports documents/s and peak RSS of the whole process (workers included) at concurrency 1
 * and 2, and the time of a second, all-reused run. Runs the built CLI (dist/) in child processes.
 *
 * BENCH_RUN_MD / BENCH_RUN_PDF change the collection sizes (defaults 1000 and 100); BENCH_RUN_REPEAT how many
 * times each configuration runs (default 2, the best is reported).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const title = 'budgetlint run: batch throughput, memory and reuse';

const BUREAUS = [
  '医疗保障局', '财政局', '教育局', '卫生健康局', '民政局', '人力资源和社会保障局', '自然资源局', '生态环境局',
  '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化广电旅游体育局', '应急管理局',
  '市场监督管理局', '统计局', '审计局', '司法局', '林业局',
];

/** Copy `index` of a report: another department, every 万元 figure scaled by the same factor. */
function vary(text, index) {
  const factor = 1 + ((index % 37) + 1) / 100;
  const bureau = BUREAUS[index % BUREAUS.length];
  return text
    .replaceAll('医疗保障局', bureau)
    .replace(/(\d+(?:,\d{3})*\.\d{2})(\s*万元)/g, (_, number, unit) => `${(Number(number.replaceAll(',', '')) * factor).toFixed(2)}${unit}`)
    + `\n附注：合成副本，编号 ${index}。\n`;
}

export function buildCollection(root, fixtures, mdCount, pdfCount) {
  const md = readdirSync(fixtures).filter((name) => name.endsWith('.md')).sort();
  const pdf = readdirSync(fixtures).filter((name) => name.endsWith('.pdf')).sort();
  const mdDir = join(root, 'md');
  const pdfDir = join(root, 'pdf');
  for (let i = 0; i < mdCount; i++) {
    const name = md[i % md.length];
    const sub = join(mdDir, String(Math.floor(i / 100)).padStart(3, '0'));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `${i}-${name}`), vary(readFileSync(join(fixtures, name), 'utf8'), i));
  }
  mkdirSync(pdfDir, { recursive: true });
  for (let i = 0; i < pdfCount; i++) {
    const name = pdf[i % pdf.length];
    // Bytes after %%EOF are ignored by readers: a distinct file with the same pages.
    writeFileSync(join(pdfDir, `${i}-${name}`), Buffer.concat([readFileSync(join(fixtures, name)), Buffer.from(`\n% synthetic copy ${i}\n`)]));
  }
  return { mdDir, pdfDir };
}

/** Runs the CLI in a child process; the wrapper reports the process's peak RSS (worker threads included). */
function runCli(root, wrapper, args) {
  return new Promise((resolve, reject) => {
    const rssFile = join(root, `rss-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [wrapper, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 && code !== 1) return reject(new Error(`budgetlint run exited ${code}: ${stderr.slice(-2000)}`));
      const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
      resolve({ seconds, rssMb: usage.maxRSS / 1024, cpuSeconds: usage.cpuMicros / 1e6, summary: JSON.parse(stdout) });
    });
  });
}

/**
 * How busy the workers were: the time they spent on documents (documents.elapsed_ms) over
 * wall time × concurrency. Near 100% means the runner keeps every worker fed, so a missing
 * speed-up comes from the CPU the machine had to give, not from the runner.
 */
function workerOccupancy(root, db, seconds, concurrency) {
  const Database = createRequire(join(root, 'package.json'))('better-sqlite3');
  const store = new Database(db, { readonly: true });
  try {
    const { busy } = store.prepare('SELECT sum(elapsed_ms) AS busy FROM documents').get();
    return busy / 1000 / (seconds * concurrency);
  } finally {
    store.close();
  }
}

export async function run(context) {
  const mdCount = Number(process.env.BENCH_RUN_MD ?? 1000);
  const pdfCount = Number(process.env.BENCH_RUN_PDF ?? 100);
  const repeat = Number(process.env.BENCH_RUN_REPEAT ?? 2);
  const root = mkdtempSync(join(tmpdir(), 'budgetlint-bench-run-'));
  const loadBefore = loadavg()[0];
  try {
    const { mdDir, pdfDir } = buildCollection(root, join(context.root, 'fixtures', 'reports'), mdCount, pdfCount);
    const wrapper = join(root, 'wrapper.mjs');
    writeFileSync(wrapper, `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime })); });
await import(${JSON.stringify(join(context.root, 'dist', 'pipeline', 'cli.js'))});
`);
    const rows = [];
    for (const [label, dir, count] of [['markdown', mdDir, mdCount], ['PDF (text layer)', pdfDir, pdfCount]]) {
      if (count === 0) continue;
      let firstAtOne;
      for (const concurrency of [1, 2]) {
        const args = (db) => ['run', dir, '--db', db, '--concurrency', String(concurrency), '--format', 'json', '--progress-every', '100000'];
        // Best of `repeat` (each on a fresh store): the machine is shared, and the best run is the least disturbed one.
        let first;
        let second;
        for (let attempt = 1; attempt <= repeat; attempt++) {
          const db = join(root, `${label.split(' ')[0]}-${concurrency}-${attempt}.sqlite`);
          console.error(`   run ${label} × ${count}, concurrency ${concurrency} (${attempt}/${repeat})…`);
          const run = await runCli(root, wrapper, args(db));
          if (run.summary.counts.processed !== count) throw new Error(`expected ${count} processed, got ${JSON.stringify(run.summary.counts)}`);
          const again = await runCli(root, wrapper, args(db));
          if (again.summary.counts.processed !== 0) throw new Error(`second run processed ${again.summary.counts.processed}`);
          run.occupancy = workerOccupancy(context.root, db, run.seconds, concurrency);
          if (!first || run.seconds < first.seconds) first = run;
          if (!second || again.seconds < second.seconds) second = again;
        }
        firstAtOne ??= first.seconds;
        rows.push({
          label, count, concurrency,
          seconds: first.seconds,
          docsPerSecond: count / first.seconds,
          pagesPerSecond: first.summary.pagesProcessed / first.seconds,
          speedup: firstAtOne / first.seconds,
          cpuMsPerDoc: (first.cpuSeconds * 1000) / count,
          coresUsed: first.cpuSeconds / first.seconds,
          occupancy: first.occupancy,
          rssMb: first.rssMb,
          failed: first.summary.counts.failed,
          reuseSeconds: second.seconds,
          reuseShare: second.seconds / first.seconds,
          reuseCpuShare: second.cpuSeconds / first.cpuSeconds,
          reuseRssMb: second.rssMb,
        });
      }
    }
    const table = [
      '| collection | documents | concurrency | first run | documents/s | pages/s | speed-up vs 1 | CPU ms/document | cores used | worker occupancy | peak RSS | failed | second run (all reused) | reused / first (wall) | reused / first (CPU) | peak RSS (reused) |',
      `| --- |${' ---: |'.repeat(15)}`,
      ...rows.map((row) => `| ${row.label} | ${row.count} | ${row.concurrency} | ${row.seconds.toFixed(1)} s | ${row.docsPerSecond.toFixed(1)} | ${row.pagesPerSecond.toFixed(1)} | ${row.speedup.toFixed(2)}× | ${row.cpuMsPerDoc.toFixed(0)} | ${row.coresUsed.toFixed(2)} | ${(row.occupancy * 100).toFixed(0)}% | ${row.rssMb.toFixed(0)} MiB | ${row.failed} | ${row.reuseSeconds.toFixed(2)} s | ${(row.reuseShare * 100).toFixed(1)}% | ${(row.reuseCpuShare * 100).toFixed(1)}% | ${row.reuseRssMb.toFixed(0)} MiB |`),
    ];
    return `Synthetic collections built by \`bench/run.bench.mjs\`: ${mdCount} markdown reports (the five fixture reports with every 万元 figure
scaled by a per-copy factor and the department renamed among ${BUREAUS.length} bureaus) and ${pdfCount} copies of the five
text-layer PDFs (distinct bytes after \`%%EOF\`). Each row is the best of ${repeat} attempts, each on a fresh store:
\`budgetlint run DIR --concurrency N\` in a child process (times include Node start-up), then the same command again,
when every file is hashed and reused. Peak RSS is the
process's maximum resident set (worker threads included). "failed" counts files with a file-level error (e.g. a copy the
normalizer found no figures in). "CPU ms/document" is the process's user + system CPU time per document: it does not
depend on what else runs on the machine, while wall times and speed-ups do. "cores used" is CPU time over wall time; "worker
occupancy" is the time workers spent on documents over wall time × concurrency: near 100% means the runner keeps every worker
busy, so a speed-up below 2× at concurrency 2 comes from the CPU the machine could give, not from the runner (1-minute load average when the bench started:
${loadBefore.toFixed(2)}, after: ${loadavg()[0].toFixed(2)}). Aims (issue 6): linear scaling with cores, reused run < 5% of
the first, peak RSS < 1.5 GB.

${table.join('\n')}
`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
