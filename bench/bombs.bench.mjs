/**
 * Bounded cost per file (issue 27): one batch of every hostile input the tests build — a .docx
 * declaring 4 GB, a .docx of 19 KB inflating to 250 MB, a PNG claiming 30,000 × 30,000 pixels,
 * a 49 KB PDF painting a 20,000 × 20,000 image — plus two good reports, checked by `check` on two
 * workers with OCR on. Peak RSS is the whole process's (main thread, file workers and OCR workers
 * are threads of it), read from getrusage at exit.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const title = 'Bombs: peak memory of a batch of hostile inputs and two good reports';

/** The stated bound: a batch on two workers stays under it whatever the inputs. */
const BOUND_MB = 1536;

export async function run({ root }) {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-bombs-'));
  try {
    const made = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/helpers/zip-bomb.ts'), dir], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(made.stderr);
    copyFileSync(join(root, 'fixtures/reports/jinkouhe-ybj-2025.pdf'), join(dir, 'jinkouhe-ybj-2025.pdf'));
    copyFileSync(join(root, 'fixtures/reports/meixian-ybj-2025.docx'), join(dir, 'meixian-ybj-2025.docx'));
    const wrapper = join(dir, '..', `bombs-peak-${process.pid}.mjs`);
    writeFileSync(wrapper, `const [cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...args];
process.on('exit', () => process.stderr.write('peak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));
await import(cli);
`);
    const started = Date.now();
    const child = spawnSync(process.execPath, [wrapper, join(root, 'dist/pipeline/cli.js'), 'check', '--format', 'json', '--concurrency', '2', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = (Date.now() - started) / 1000;
    rmSync(wrapper, { force: true });
    const peakMb = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024;
    const report = JSON.parse(child.stdout);
    const rows = report.files.map((file) => {
      const size = statSync(file.path).size;
      const outcome = file.errors.length ? file.errors.map((error) => `${error.code}: ${error.message}`).join('; ') : `checked, ${file.findings.length} findings`;
      return `| ${file.path.slice(dir.length + 1)} | ${(size / 1024).toFixed(1)} | ${outcome} |`;
    });
    console.error(`   ${readdirSync(dir).length} files, peak ${peakMb.toFixed(0)} MiB, ${seconds.toFixed(1)} s`);
    return [
      '`budgetlint check --concurrency 2 --format json` on one folder (OCR on, default limits: 200 MB inflated per ZIP container, 50 million pixels per image):',
      '',
      '| file | size (KiB) | outcome |',
      '|---|---:|---|',
      ...rows,
      '',
      `Peak RSS of the process: **${peakMb.toFixed(0)} MiB** (stated bound ${BOUND_MB} MiB on two workers); wall time ${seconds.toFixed(1)} s, exit code ${child.status}.`,
      'Issue 27 reported, before these limits, 1.2–2.2 GB for one such .docx or .xlsx and 1.65 GB for a PDF with a huge image (not re-measured here).',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
