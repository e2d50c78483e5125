/**
 * The PDF engines side by side (issue 13), on one file joining the pdf bench's PDFs four times:
 * budgetlint's reader on PDFium (the default, read cold and then again warm in the same process)
 * and on pdf.js, the bare PDFium builds on npm (`@embedpdf/pdfium`, `@hyzyla/pdfium`: text and
 * every character box, no layout), and pdftotext as the reference. Each runs in a fresh process:
 * CPU time, pages per CPU second, peak RSS, and fidelity as the share of pdftotext's numbers (per
 * page) that the engine's text holds too. Needs poppler-utils and qpdf, like the pdf bench.
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
const [readerUrl, file, engine, again] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { extractPdf } = await import(readerUrl);
const bytes = new Uint8Array(readFileSync(file));
const c0 = process.cpuUsage(); const t0 = performance.now();
const result = await extractPdf({ path: file, bytes, sha256: '0'.repeat(64) }, { ocr: 'off', engine });
const wall = performance.now() - t0; const c = process.cpuUsage(c0);
if (!result.ok) throw new Error(result.error.message);
const pages = result.document.pages.map((p) => p.lines.map((l) => l.text).join('\\n'));
let warm;
if (again) {
  // The same file once more in the same process: compiled code warm, as in a batch worker's next file.
  const c1 = process.cpuUsage(); const t1 = performance.now();
  await extractPdf({ path: file, bytes, sha256: '0'.repeat(64) }, { ocr: 'off', engine });
  const w = process.cpuUsage(c1);
  warm = { wall: performance.now() - t1, cpu: (w.user + w.system) / 1000 };
}
process.stdout.write(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS * 1024, pages, warm }));
`;

const PDFIUM_CHILD = `
const [build, moduleUrl, wasmPath, file] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const c0 = process.cpuUsage(); const t0 = performance.now();
// The raw exports of either build (no argument-converting wrappers), so that the builds compare.
let heap; let f;
if (build === 'embedpdf') {
  const { init } = await import(moduleUrl);
  const m = await init({ wasmBinary: readFileSync(wasmPath) });
  m.FPDF_InitLibrary();
  heap = () => m.pdfium.HEAPU8;
  f = m.pdfium.wasmExports;
} else {
  const { PDFiumLibrary } = await import(moduleUrl);
  const library = await PDFiumLibrary.init({ wasmBinary: readFileSync(wasmPath) });
  const module = library.module;
  heap = () => module.HEAPU8;
  f = new Proxy({}, { get: (_, name) => module['_' + String(name)] });
}
const bytes = readFileSync(file);
const ptr = f.malloc(bytes.length);
heap().set(bytes, ptr);
const doc = f.FPDF_LoadMemDocument(ptr, bytes.length, 0);
const count = f.FPDF_GetPageCount(doc);
const box = f.malloc(32);
const pages = [];
let boxes = 0;
for (let i = 0; i < count; i++) {
  const page = f.FPDF_LoadPage(doc, i);
  const textPage = f.FPDFText_LoadPage(page);
  const chars = f.FPDFText_CountChars(textPage);
  let text = '';
  for (let k = 0; k < chars; k++) {
    text += String.fromCodePoint(f.FPDFText_GetUnicode(textPage, k));
    // Every character's box, as budgetlint's layout would need them.
    if (f.FPDFText_GetCharBox(textPage, k, box, box + 8, box + 16, box + 24)) boxes++;
  }
  pages.push(text);
  f.FPDFText_ClosePage(textPage);
  f.FPDF_ClosePage(page);
}
f.FPDF_CloseDocument(doc);
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
  // The other WebAssembly build of PDFium on npm (a devDependency, for this comparison only).
  let hyzyla;
  try {
    const entry = require.resolve('@hyzyla/pdfium');
    hyzyla = { url: pathToFileURL(join(entry, '..', 'index.esm.js')).href, wasm: join(entry, '..', 'pdfium.wasm') };
  } catch {
    hyzyla = undefined;
  }
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
    const pdfiumReader = runChild(READER_CHILD, [reader, file, 'pdfium', '1']);
    const pdfiumWarm = { ...pdfiumReader, ...pdfiumReader.warm, rss: undefined };
    const pdfium = runChild(PDFIUM_CHILD, ['embedpdf', pathToFileURL(pdfiumEntry).href, wasm, file]);
    const other = hyzyla ? runChild(PDFIUM_CHILD, ['hyzyla', hyzyla.url, hyzyla.wasm, file]) : undefined;
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
      row('budgetlint `extractPdf`, PDFium (the default), fresh process', pdfiumReader, 'lines with segments and boxes, tables, notices'),
      row('the same, read again in that process (as a batch worker reads its next file)', pdfiumWarm, 'the same'),
      row('budgetlint `extractPdf`, pdf.js 5.6 (`engine: pdfjs`)', pdfjs, 'the same, from pdf.js text items and operator lists'),
      row('bare PDFium (`@embedpdf/pdfium`, WASM): text and every character box', pdfium, `raw characters and ${fmt(pdfium.boxes)} boxes, no layout`),
      ...(other ? [row('bare PDFium (`@hyzyla/pdfium`, WASM, the other npm build): the same', other, `raw characters and ${fmt(other.boxes)} boxes, no layout`)] : []),
      '',
      'The numbers the reader does not keep are ones it drops on purpose: page numbers (`─ 3 ─`) and running labels such as `公开05表` removed as page furniture, and an amount wrapped in a narrow table cell (`396.356` over `4`) that it joins into one (`396.3564`). The bare engine keeps them all.',
      '',
      `By CPU time budgetlint's whole reader (layout and tables included) runs at ${percent(pdfiumReader)} % of pdftotext's pages per CPU second on PDFium in a fresh process, and at ${percent(pdfiumWarm)} % once its code is compiled (a fresh process spends about ${fmt((pdfiumReader.cpu - pdfiumWarm.cpu) / 1000, 1)} CPU seconds more, mostly V8 compiling the reader's JavaScript and PDFium's hot functions on background threads); on pdf.js it runs at ${percent(pdfjs)} %; PDFium's bare text and character boxes take ${percent(pdfium)} %${other ? ` (the other build ${percent(other)} %)` : ''}${share(pdfium) < 0.6 ? ': the engine alone, before any layout, is near half, so no reader built on it can pass half by much' : ''}.`,
      '',
      share(pdfiumReader) >= share(pdfjs)
        ? `PDFium is the engine budgetlint reads with${other ? (share(pdfium) >= share(other) ? ', in the `@embedpdf/pdfium` build (the faster of the two on npm, and the newer PDFium)' : ' (note: the `@hyzyla/pdfium` build measured faster this time)') : ''}: ${fmt(share(pdfiumReader) / (share(pdfjs) || 1), 1)} times pdf.js's pages per CPU second, ${fmt((fidelity(poppler.pages, pdfiumReader.pages).found / fidelity(poppler.pages, pdfiumReader.pages).wanted) * 100, 2)} % of pdftotext's numbers against ${fmt((fidelity(poppler.pages, pdfjs.pages).found / fidelity(poppler.pages, pdfjs.pages).wanted) * 100, 2)} %, and a measured box for every character. pdf.js stays for drawing pages (OCR, the review report) and as the fallback for a file PDFium cannot open. mupdf.js would be faster still but is AGPL; pdftotext gives no character boxes a finding could point to and runs as a separate program.`
        : 'By these figures pdf.js would be the better engine: PDFium has fallen behind and should not be the default.',
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
