/**
 * PDF reading speed and memory: budgetlint's PDF reader (pdf.js) side by side with poppler's
 * `pdftotext -layout` on the same files in the same run, and peak RSS on files of 14 to 400+
 * pages (built by concatenating the corpus PDFs with qpdf in a temporary folder).
 *
 * Needs poppler-utils and qpdf (`apt-get install poppler-utils qpdf`); when they are missing
 * and apt-get is usable (root), the bench installs them, otherwise it says how.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const title = 'PDF reading: pages per second and memory, budgetlint vs pdftotext';

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function ensureTools() {
  if (has('pdftotext') && has('qpdf')) return undefined;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && has('apt-get')) {
    console.error('   installing poppler-utils and qpdf with apt-get …');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils qpdf'], { stdio: 'ignore' });
  }
  if (has('pdftotext') && has('qpdf')) return undefined;
  return 'poppler-utils and qpdf are not installed: run `sudo apt-get install poppler-utils qpdf` (Debian/Ubuntu) or `brew install poppler qpdf` (macOS), then `npm run bench -- pdf` again.';
}

function pageCount(file) {
  return Number(execFileSync('qpdf', ['--show-npages', file]).toString().trim());
}

/** Runs pdftotext `runs` times; returns the median wall time and user+system CPU (ms). */
function poppler(file, runs) {
  const useTime = existsSync('/usr/bin/time');
  const walls = [];
  const cpusMs = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = useTime
      ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'pdftotext', '-layout', file, '/dev/null'], { encoding: 'utf8' })
      : spawnSync('pdftotext', ['-layout', file, '/dev/null'], { encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (useTime) {
      const [user, sys] = (result.stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
      cpusMs.push(((user ?? 0) + (sys ?? 0)) * 1000);
    }
  }
  return { wall: median(walls), cpu: cpusMs.length ? median(cpusMs) : undefined };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The child: reads files with budgetlint's PDF reader and reports times (and peak RSS). */
const CHILD = `
import { readFileSync } from 'node:fs';
const [readerUrl, mode, runs, ...files] = process.argv.slice(2);
const { extractPdf } = await import(readerUrl);
const out = [];
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const timer = setInterval(sample, 20);
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const input = { path: file, bytes, sha256: '0'.repeat(64) };
  const once = async () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await extractPdf(input, {});
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (!result.ok) throw new Error(file + ': ' + result.error.message);
    return { wall, cpu: (c.user + c.system) / 1000, pages: result.document.pages.length };
  };
  if (mode === 'speed') await once(); // warm-up: module compilation, fonts, JIT
  const walls = [], cpus = [];
  let pages = 0;
  for (let i = 0; i < Number(runs); i++) {
    const r = await once();
    walls.push(r.wall); cpus.push(r.cpu); pages = r.pages;
  }
  const med = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  out.push({ file, pages, wall: med(walls), cpu: med(cpus) });
}
clearInterval(timer);
sample();
const maxRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ results: out, peakRss: Math.max(peak, maxRss) }));
`;

function child(dir, readerUrl, mode, runs, files) {
  const script = join(dir, 'pdf-child.mjs');
  writeFileSync(script, CHILD);
  const result = spawnSync(process.execPath, [script, readerUrl, mode, String(runs), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`bench child failed: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(result.stdout);
}

const fmt = (n, digits = 0) => (n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const mib = (bytes) => `${fmt(bytes / 1048576)} MiB`;

export async function run(context) {
  const missing = ensureTools();
  if (missing) return `Not measured: ${missing}`;
  const readerUrl = pathToFileURL(join(context.root, 'dist/extractors/pdf.js')).href;
  const pdfsIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(dir, f)) : []);
  const reports = pdfsIn(join(context.root, 'fixtures/reports'));
  const sharedReal = join(context.root, '../shared/corpus/real');
  const real = existsSync(sharedReal) ? pdfsIn(sharedReal) : pdfsIn(join(context.root, 'fixtures/real'));
  const files = [...reports, ...real];
  const runs = 3;
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-pdf-bench-'));
  try {
    const load = loadavg()[0];
    // Speed, file by file, warm (one warm-up read per file, median of three).
    const ours = child(dir, readerUrl, 'speed', runs, files).results;
    const rows = [];
    let totalPages = 0;
    const sums = { oursWall: 0, oursCpu: 0, popWall: 0, popCpu: 0 };
    for (const r of ours) {
      const pop = poppler(r.file, runs);
      totalPages += r.pages;
      sums.oursWall += r.wall;
      sums.oursCpu += r.cpu;
      sums.popWall += pop.wall;
      sums.popCpu += pop.cpu ?? NaN;
      rows.push(`| ${basename(r.file)} | ${r.pages} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${fmt((r.pages / r.wall) * 1000, 1)} | ${fmt(pop.wall)} | ${fmt(pop.cpu)} | ${fmt((r.pages / pop.wall) * 1000, 1)} |`);
    }
    const oursRate = (totalPages / sums.oursWall) * 1000;
    const popRate = (totalPages / sums.popWall) * 1000;
    const oursCpuRate = (totalPages / sums.oursCpu) * 1000;
    const popCpuRate = (totalPages / sums.popCpu) * 1000;
    rows.push(`| **all ${files.length} files** | **${totalPages}** | **${fmt(sums.oursWall)}** | **${fmt(sums.oursCpu)}** | **${fmt(oursRate, 1)}** | **${fmt(sums.popWall)}** | **${fmt(sums.popCpu)}** | **${fmt(popRate, 1)}** |`);

    // Memory: one cold process per file size; the big files repeat the corpus PDFs.
    const big = join(dir, 'concatenated-1x.pdf');
    execFileSync('qpdf', ['--empty', '--pages', ...files, '--', big]);
    const big4 = join(dir, 'concatenated-4x.pdf');
    execFileSync('qpdf', ['--empty', '--pages', big, big, big, big, '--', big4]);
    const small = reports.find((f) => f.includes('jinkouhe')) ?? files[0];
    const memoryRows = [];
    let largest;
    for (const file of [small, big, big4]) {
      const m = child(dir, readerUrl, 'memory', 1, [file]);
      const r = m.results[0];
      const pop = poppler(file, runs);
      largest = { pages: r.pages, ours: r, pop };
      memoryRows.push(
        `| ${basename(file)} | ${r.pages} | ${mib(m.peakRss)} | ${fmt(r.wall / 1000, 1)} s | ${fmt(r.cpu / 1000, 1)} s | ${fmt((r.pages / r.cpu) * 1000, 1)} | ${fmt(pop.wall / 1000, 2)} s | ${fmt(pop.cpu === undefined ? undefined : pop.cpu / 1000, 2)} s | ${fmt(pop.cpu ? (r.pages / pop.cpu) * 1000 : undefined, 1)} |`,
      );
    }
    const bigRatio = largest.pop.cpu ? (largest.ours.cpu ? largest.pop.cpu / largest.ours.cpu : 0) : undefined;
    const cpuRatio = oursCpuRate / popCpuRate;
    const verdict =
      bigRatio === undefined
        ? 'CPU time of pdftotext could not be measured (no /usr/bin/time), so the aim is not judged.'
        : `On the ${largest.pages}-page file, where start-up costs are spread thin, budgetlint runs at ${fmt(bigRatio * 100)} % of poppler's pages per CPU second: the aim of half of poppler's rate is ${bigRatio >= 0.5 ? 'met' : '**not met**'}.` +
          (bigRatio >= 0.5
            ? ''
            : ' pdf.js parses each page\'s content stream twice (the text, then the operator list for table rulings; the second pass is skipped on pages of running text), rebuilds glyph outlines for the operator list, and passes every message through a structured clone between its in-process "worker" and the API; that, not the layout code (a few % of the profile), is the gap.');
    return [
      `Files: the ${reports.length} corpus reports (fixtures/reports) and ${real.length} published documents (${existsSync(sharedReal) ? '../shared/corpus/real' : 'fixtures/real'}); ${cpus().length} cores, load average ${load.toFixed(1)} when the bench started. The machine may be shared with other work: wall times then swing, CPU times much less, so the comparison below is by CPU time.`,
      '',
      `Per file: budgetlint runs \`extractPdf\` in one Node process, after one warm-up read of each file, median of ${runs} reads. pdftotext runs \`pdftotext -layout FILE /dev/null\` once per read (process start-up included, as a user would run it), median of ${runs}.`,
      '',
      '| file | pages | budgetlint ms | budgetlint CPU ms | budgetlint pages/s | pdftotext ms | pdftotext CPU ms | pdftotext pages/s |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
      ...rows,
      '',
      `Over these files budgetlint reads ${fmt(oursRate, 1)} pages/s (wall) against pdftotext's ${fmt(popRate, 1)}; by CPU time ${fmt(oursCpuRate, 1)} against ${fmt(popCpuRate, 1)} pages per CPU second (${fmt(cpuRatio * 100)} %). pdftotext's figures for small files are mostly its process start-up.`,
      '',
      'Large files and peak memory: one fresh process per file (Node start-up, module loading and the first use of each font included); the concatenated files repeat all the files above in one PDF (`qpdf --empty --pages`). Peak RSS is the process maximum (`process.resourceUsage().maxRSS`), Node itself and the returned document (about 30 KiB per page) included.',
      '',
      '| file | pages | peak RSS | budgetlint wall | budgetlint CPU | budgetlint pages per CPU s | pdftotext wall | pdftotext CPU | pdftotext pages per CPU s |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...memoryRows,
      '',
      verdict,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
