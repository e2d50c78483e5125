/**
 * The review report (issue 12): how long `check --format html` takes to build the report of a
 * 30-page PDF once the file is checked (page images of the pages with findings, boxes, HTML),
 * and, as the worst case, drawing all 30 pages. The PDF is built from two corpus reports with
 * qpdf in a temporary folder (`apt-get install qpdf`; installed here when missing and root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const title = 'Review report: building the HTML report of a 30-page PDF';

const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

export async function run({ root }) {
  if (!has('qpdf') && process.getuid?.() === 0) {
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qpdf'], { stdio: 'ignore' });
  }
  if (!has('qpdf')) return 'qpdf is not installed: run `sudo apt-get install qpdf`, then `npm run bench -- report` again.';
  const { processFile } = await import(join(root, 'dist/pipeline/process.js'));
  const { buildHtmlReport, pagesOfFindings } = await import(join(root, 'dist/pipeline/report/build.js'));
  const { renderPageImages } = await import(join(root, 'dist/pipeline/report/images.js'));
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-report-bench-'));
  try {
    const pdf = join(dir, 'thirty-pages.pdf');
    const reports = join(root, 'fixtures/reports');
    execFileSync('qpdf', ['--empty', '--pages', join(reports, 'meizhou-ybj-2023.pdf'), '1-20', join(reports, 'jinkouhe-ybj-2025.pdf'), '1-10', '--', pdf]);
    let t = performance.now();
    const processed = await processFile(pdf);
    const checkMs = performance.now() - t;
    const source = { result: processed.result, document: processed.document };
    const pages = pagesOfFindings(processed.result);
    await buildHtmlReport([source], 'bench'); // warm-up: pdf.js fonts, canvas
    const times = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      const html = await buildHtmlReport([source], 'bench');
      times.push(performance.now() - t);
      size = Buffer.byteLength(html);
    }
    t = performance.now();
    const { readFileSync } = await import('node:fs');
    const all = await renderPageImages(new Uint8Array(readFileSync(pdf)), 'pdf', Array.from({ length: processed.result.pages }, (_, i) => i + 1));
    const allMs = performance.now() - t;
    const allBytes = all.images.reduce((n, image) => n + image.data.length, 0);
    const median = [...times].sort((a, b) => a - b)[1];
    return [
      `A ${processed.result.pages}-page PDF (meizhou-ybj-2023 pages 1–20 + jinkouhe-ybj-2025 pages 1–10, joined with qpdf), ${processed.result.findings.length} findings on ${pages.length} pages (${pages.join(', ')}). One process (\`dist/\` build), after one warm-up build; median of 3.`,
      '',
      '| step | time | output |',
      '|---|--:|--:|',
      `| check the file (read, facts, rules; not part of the report) | ${(checkMs / 1000).toFixed(2)} s | |`,
      `| **build the report** (${pages.length} pages drawn at 110 dpi, JPEG, inline; boxes; HTML) | **${(median / 1000).toFixed(2)} s** | ${(size / 1048576).toFixed(1)} MiB HTML |`,
      `| draw all ${processed.result.pages} pages at 110 dpi (worst case, not what the report does) | ${(allMs / 1000).toFixed(2)} s | ${(allBytes / 1048576).toFixed(1)} MiB JPEG |`,
      '',
      'Aim (issue 12): the report of a 30-page PDF builds in under 5 s.',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
