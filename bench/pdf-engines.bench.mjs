/**
 * A second PDF engine beside pdf.js (issue 13): PDFium compiled to WebAssembly (`@embedpdf/pdfium`,
 * MIT, with PDFium's per-character boxes), on the same concatenated file as the pdf bench (628 pages
 * with the shared corpus). Each engine reads the file once in a fresh process: CPU time, pages per CPU
 * second, peak RSS, and text fidelity as the share of pdftotext's numbers (per page) that the engine's
 * text holds too. Needs poppler-utils and qpdf, like the pdf bench.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const title = 'PDF engines: budgetlint on PDFium and on pdf.js, against pdftotext';

const NUMBERS = /\d[\d,]*(?:\.\d+)?/g;
/** A page's numbers as a multiset (thousands separators dropped): what an engine must not lose. */
const numbersOf = (text) => (text.match(NUMBERS) ?? []).map((n) => n.replace(/,/g, ''));

const READER_CHILD = `
const [readerUrl, file, engine] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { extractPdf } = await import(readerUrl);
const bytes = new Uint8Array(readFileSync(file));
const c0 = process.cpuUsage(); const t0 = performance.now();
const result = await extractPdf({ path: file, bytes, sha256: '0'.repeat(64) }, { ocr: 'off', engine });
const wall = performance.now() - t0; const c = process.cpuUsage(c0);
if (!result.ok) throw new Error(result.error.message);
const pages = result.document.pages.map((p) => p.lines.map((l) => l.text).join('\\n'));
process.stdout.write(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS * 1024, pages }));
`;

const PDFIUM_CHILD = `
const [moduleUrl, wasmPath, file] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { init } = await import(moduleUrl);
const c0 = process.cpuUsage(); const t0 = performance.now();
const m = await init({ wasmBinary: readFileSync(wasmPath) });
m.FPDF_InitLibrary();
const bytes = readFileSync(file);
const ptr = m.pdfium.wasmExports.malloc(bytes.length);
m.pdfium.HEAPU8.set(bytes, ptr);
const doc = m.FPDF_LoadMemDocument(ptr, bytes.length, '');
const count = m.FPDF_GetPageCount(doc);
const box = m.pdfium.wasmExports.malloc(32);
const pages = [];
let boxes = 0;
for (let i = 0; i < count; i++) {
  const page = m.FPDF_LoadPage(doc, i);
  const textPage = m.FPDFText_LoadPage(page);
  const chars = m.FPDFText_CountChars(textPage);
  let text = '';
  for (let k = 0; k < chars; k++) {
    text += String.fromCodePoint(m.FPDFText_GetUnicode(textPage, k));
    // Every character's box, as budgetlint's layout would need them.
    if (m.FPDFText_GetCharBox(textPage, k, box, box + 8, box + 16, box + 24)) boxes++;
  }
  pages.push(text);
  m.FPDFText_ClosePage(textPage);
  m.FPDF_ClosePage(page);
}
m.FPDF_CloseDocument(doc);
const wall = performance.now() - t0; const c = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS * 1024, pages, boxes }));
`;

function runChild(script, args) {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(result.stderr.slice(0, 500));
  return JSON.parse(result.stdout);
}

function pdftotext(file) {
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', 'pdftotext', '-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  let cpu;
  let rss;
  if (timed) {
    const [user, sys, kb] = (result.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
    cpu = ((user ?? 0) + (sys ?? 0)) * 1000;
    rss = (kb ?? 0) * 1024;
  }
  return { wall, cpu, rss, pages: result.stdout.split('\f').slice(0, -1) };
}

/** The share of the reference's numbers, page by page, that `pages` hold too. */
function fidelity(reference, pages) {
  let wanted = 0;
  let found = 0;
  reference.forEach((text, i) => {
    const have = new Map();
    for (const n of numbersOf(pages[i] ?? '')) have.set(n, (have.get(n) ?? 0) + 1);
    for (const n of numbersOf(text)) {
      wanted++;
      const left = have.get(n) ?? 0;
      if (left > 0) {
        found++;
        have.set(n, left - 1);
      }
    }
  });
  return { wanted, found };
}

const fmt = (n, digits = 0) => (n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export async function run({ root }) {
  const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!has('pdftotext') || !has('qpdf')) return 'Not measured: poppler-utils and qpdf are not installed (`apt-get install poppler-utils qpdf`).';
  const require = createRequire(join(root, 'package.json'));
  let pdfiumEntry;
  try {
    pdfiumEntry = require.resolve('@embedpdf/pdfium');
  } catch {
    return 'Not measured: `@embedpdf/pdfium` is not installed (`npm install`).';
  }
  const wasm = join(pdfiumEntry, '..', 'pdfium.wasm');
  const pdfsIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(dir, f)) : []);
  const sharedReal = join(root, '../shared/corpus/real');
  const files = [...pdfsIn(join(root, 'fixtures/reports')), ...(existsSync(sharedReal) ? pdfsIn(sharedReal) : pdfsIn(join(root, 'fixtures/real')))];
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-engines-'));
  try {
    const once = join(dir, 'concatenated-1x.pdf');
    execFileSync('qpdf', ['--empty', '--pages', ...files, '--', once]);
    const file = join(dir, 'concatenated-4x.pdf');
    execFileSync('qpdf', ['--empty', '--pages', once, once, once, once, '--', file]);
    writeFileSync(join(dir, '.keep'), '');
    const poppler = pdftotext(file);
    const reader = pathToFileURL(join(root, 'dist/extractors/pdf.js')).href;
    const pdfjs = runChild(READER_CHILD, [reader, file, 'pdfjs']);
    const pdfiumReader = runChild(READER_CHILD, [reader, file, 'pdfium']);
    const pdfium = runChild(PDFIUM_CHILD, [pathToFileURL(pdfiumEntry).href, wasm, file]);
    const pages = poppler.pages.length;
    const row = (name, m, extra) => {
      const f = fidelity(poppler.pages, m.pages);
      return `| ${name} | ${m.pages.length} | ${fmt(m.wall / 1000, 1)} s | ${fmt(m.cpu === undefined ? undefined : m.cpu / 1000, 1)} s | ${fmt(m.cpu ? (m.pages.length / m.cpu) * 1000 : undefined, 1)} | ${fmt(m.rss === undefined ? undefined : m.rss / 1048576)} MiB | ${fmt((f.found / f.wanted) * 100, 2)} % (${fmt(f.found)} / ${fmt(f.wanted)}) | ${extra} |`;
    };
    const rate = (m) => (m.cpu ? m.pages.length / m.cpu : undefined);
    const share = (m) => (rate(m) && rate(poppler) ? rate(m) / rate(poppler) : 0);
    const percent = (m) => fmt(share(m) * 100);
    return [
      `One file of ${pages} pages (the ${files.length} PDFs of the pdf bench joined four times with qpdf), read once by each engine in a fresh process: start-up, font loading and WebAssembly compilation included. Fidelity is the share of the numbers pdftotext finds on each page that the engine's text of that page holds too (a multiset, thousands separators dropped); pdftotext is the reference, so its own row is 100 %.`,
      '',
      '| engine | pages | wall | CPU | pages per CPU s | peak RSS | numbers of pdftotext kept | what it gives |',
      '|---|--:|--:|--:|--:|--:|--:|---|',
      row('pdftotext -layout (poppler)', poppler, 'text only, laid out'),
      row('budgetlint `extractPdf`, PDFium (the default)', pdfiumReader, 'lines with segments and boxes, tables, notices'),
      row('budgetlint `extractPdf`, pdf.js 5.6 (`engine: pdfjs`)', pdfjs, 'the same, from pdf.js text items and operator lists'),
      row('bare PDFium (`@embedpdf/pdfium`, WASM): text and every character box', pdfium, `raw characters and ${fmt(pdfium.boxes)} boxes, no layout`),
      '',
      `By CPU time budgetlint's whole reader (layout and tables included) runs at ${percent(pdfiumReader)} % of pdftotext's pages per CPU second on PDFium and at ${percent(pdfjs)} % on pdf.js; PDFium's bare text and character boxes take ${percent(pdfium)} %.`,
      '',
      share(pdfiumReader) >= share(pdfjs)
        ? `PDFium is the engine budgetlint reads with: ${fmt(share(pdfiumReader) / (share(pdfjs) || 1), 1)} times pdf.js's pages per CPU second, ${fmt((fidelity(poppler.pages, pdfiumReader.pages).found / fidelity(poppler.pages, pdfiumReader.pages).wanted) * 100, 2)} % of pdftotext's numbers against ${fmt((fidelity(poppler.pages, pdfjs.pages).found / fidelity(poppler.pages, pdfjs.pages).wanted) * 100, 2)} %, and a measured box for every character. pdf.js stays for drawing pages (OCR, the review report) and as the fallback for a file PDFium cannot open. mupdf.js would be faster still but is AGPL; pdftotext gives no character boxes a finding could point to and runs as a separate program.`
        : 'By these figures pdf.js would be the better engine: PDFium has fallen behind and should not be the default.',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
