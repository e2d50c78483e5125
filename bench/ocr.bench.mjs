/**
 * OCR on the corpus scans (../shared/corpus/reports/*.scanned.pdf: 150 dpi grey photocopies):
 * seconds per page and the share of amounts read exactly, for budgetlint's OCR (each engine
 * that is installed) and for the native `tesseract` CLI on the same pages, in one run.
 *
 * Ground truth: the amounts (numbers with decimals or thousands separators, with a following
 * `%` if any) on the same page of the text-layer PDF of each report (fixtures/reports/NAME.pdf,
 * the same text as NAME.md, with the same page and line breaks as the scan).
 *
 * Both sides use the two cores: budgetlint with `--ocr-workers 2` (its pool; the time covers
 * reading the PDF, rendering, OCR and layout), the CLI as two processes at a time
 * (OMP_THREAD_LIMIT=1) on the scans as stored, extracted with pdfimages (time included). Native tesseract: `apt-get install tesseract-ocr tesseract-ocr-chi-sim` (Debian; its
 * chi_sim is the same "fast" LSTM model as tesseract.js's). Without it that row is skipped.
 *
 * BENCH_OCR_REPORTS=jinkouhe-ybj-2025,meixian-ybj-2025 limits the reports (default: all five).
 * BENCH_OCR_ENGINES=tesseract,paddle picks budgetlint's engines (default: tesseract, plus
 * paddle when its packages are installed).
 * BENCH_OCR_UPSAMPLE=1.5,2 adds rows for the default engine rendering scans at those multiples of
 * their own resolution (the corpus scans are 150 dpi for an A4 page: ×1.5 ≈ 225 dpi, ×2 ≈ 300 dpi);
 * empty to skip. Default 1.5,2.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const title = 'OCR: amounts read exactly and seconds per page (budgetlint vs native tesseract)';

const here = dirname(fileURLToPath(import.meta.url));
const REPORTS = ['jinkouhe-ybj-2025', 'meixian-ybj-2025', 'meizhou-ybj-2023', 'potou-ybj-2022', 'huizhou-ybj-2022'];
const AMOUNT_RE = /(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|(?<![\d.,])\d+\.\d+%?/g;

function amounts(lines) {
  return lines.flatMap((text) => text.match(AMOUNT_RE) ?? []);
}

/** Exact matches of `got` against `want` (multisets): [matched, missing[], extra[]]. */
function compare(want, got) {
  const pool = new Map();
  for (const a of got) pool.set(a, (pool.get(a) ?? 0) + 1);
  const missing = [];
  let matched = 0;
  for (const a of want) {
    const n = pool.get(a) ?? 0;
    if (n > 0) {
      pool.set(a, n - 1);
      matched++;
    } else missing.push(a);
  }
  const extra = [...pool].flatMap(([a, n]) => Array(n).fill(a));
  return { matched, missing, extra };
}

/** Child mode: `node ocr.bench.mjs --child ROOT ENGINE FILE…` prints per-page lines and timing as JSON. */
async function child(root, engine, files) {
  const { extractDocument } = await import(pathToFileURL(join(root, 'dist/extractors/index.js')).href);
  const { closeOcrPools } = await import(pathToFileURL(join(root, 'dist/extractors/ocr/index.js')).href);
  const out = { engine, docs: {}, seconds: 0, pages: 0, failures: [] };
  const started = process.hrtime.bigint();
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const ocrUpsample = Number(process.env.BENCH_CHILD_UPSAMPLE ?? '1');
    const result = await extractDocument({ path: file, bytes, sha256 }, { ocr: engine, ocrWorkers: 2, ocrUpsample });
    if (!result.ok) {
      out.failures.push(`${file}: ${result.error.message}`);
      continue;
    }
    out.docs[file] = result.document.pages.map((p) => p.lines.map((l) => l.text));
    out.pages += result.document.pages.length;
    for (const p of result.document.pages) if (p.needsOcr) out.failures.push(`${file} p${p.number}: ${p.notices.join(' ')}`);
  }
  out.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await closeOcrPools();
  out.maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out));
}

function runChild(root, engine, files, upsample = 1) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, BENCH_CHILD_UPSAMPLE: String(upsample) };
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', root, engine, ...files], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => { stdout += c; });
    proc.stderr.on('data', (c) => { stderr += c; });
    proc.on('close', (code) => {
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`${engine} child exited ${code}: ${stderr.slice(0, 500)}`));
      }
    });
  });
}

function hasNativeTesseract() {
  const r = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return r.status === 0 && /chi_sim/.test(r.stdout + r.stderr);
}

/**
 * Native tesseract on each page's scan (extracted with pdfimages: the image as stored, at its
 * own resolution), two processes at a time. The time includes the extraction.
 */
async function runNative(files) {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-ocr-bench-'));
  try {
    const started = process.hrtime.bigint();
    const jobs = [];
    for (const file of files) {
      const name = file.split('/').pop().replace(/\.scanned\.pdf$/, '');
      execFileSync('pdfimages', ['-p', '-png', file, join(dir, name)]);
      // NAME-PAGE-NUM.png (NUM counts over the file); the corpus scans hold one image per page.
      const seen = new Set();
      for (const png of readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort()) {
        const m = /-(\d+)-(\d+)\.png$/.exec(png);
        if (!m || seen.has(m[1])) continue;
        seen.add(m[1]);
        jobs.push({ name, page: Number(m[1]), png: join(dir, png) });
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        await new Promise((resolve) => {
          const p = spawn('tesseract', [job.png, job.png.replace(/\.png$/, ''), '-l', 'chi_sim+eng', '--psm', '3', '-c', 'preserve_interword_spaces=1'], {
            stdio: 'ignore',
            env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          });
          p.on('close', resolve);
        });
        job.lines = readFileSync(job.png.replace(/\.png$/, '.txt'), 'utf8').split('\n');
      }
    };
    await Promise.all([worker(), worker()]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const docs = {};
    for (const job of jobs) ((docs[job.name] ??= [])[job.page - 1] = job.lines);
    return { seconds, pages: jobs.length, docs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(context) {
  const root = context.root;
  const corpus = join(root, '..', 'shared', 'corpus', 'reports');
  if (!existsSync(corpus)) return 'Skipped: ../shared/corpus/reports not found.';
  const names = (process.env.BENCH_OCR_REPORTS ?? REPORTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const files = names.map((n) => join(corpus, `${n}.scanned.pdf`));
  const require = createRequire(join(root, 'package.json'));
  const paddleInstalled = (() => {
    try {
      require.resolve('onnxruntime-node');
      return true;
    } catch {
      return false;
    }
  })();
  const engines = (process.env.BENCH_OCR_ENGINES ?? (paddleInstalled ? 'tesseract,paddle' : 'tesseract')).split(',').filter(Boolean);

  // Ground truth: the text-layer PDFs, page by page.
  const { extractDocument } = await import(pathToFileURL(join(root, 'dist/extractors/index.js')).href);
  const truth = {};
  for (const name of names) {
    const path = join(root, 'fixtures', 'reports', `${name}.pdf`);
    const bytes = new Uint8Array(readFileSync(path));
    const result = await extractDocument({ path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') }, { ocr: 'off' });
    truth[name] = result.ok ? result.document.pages.map((p) => amounts(p.lines.map((l) => l.text))) : [];
  }
  const totalAmounts = Object.values(truth).flat(2).length;

  const rows = [];
  const details = [];
  const score = (label, docsByName, seconds, pages, extra = '') => {
    let matched = 0;
    const missing = [];
    const wrong = [];
    for (const name of names) {
      const pagesTruth = truth[name] ?? [];
      const got = docsByName[name] ?? [];
      pagesTruth.forEach((want, i) => {
        const r = compare(want, amounts(got[i] ?? []));
        matched += r.matched;
        for (const m of r.missing) missing.push(`${name} p${i + 1} ${m}`);
        for (const x of r.extra) wrong.push(`${name} p${i + 1} ${x}`);
      });
    }
    rows.push(`| ${label} | ${pages} | ${(seconds / Math.max(1, pages)).toFixed(2)} | ${matched}/${totalAmounts} = ${((100 * matched) / Math.max(1, totalAmounts)).toFixed(2)}% | ${wrong.length} | ${extra} |`);
    details.push(`- ${label}: missed ${missing.length ? missing.join('; ') : 'none'}; read but not in the text version: ${wrong.length ? wrong.join('; ') : 'none'}`);
  };

  for (const engine of engines) {
    const out = await runChild(root, engine, files);
    const byName = {};
    for (const [file, pages] of Object.entries(out.docs)) byName[file.split('/').pop().replace(/\.scanned\.pdf$/, '')] = pages;
    score(`budgetlint \`--ocr ${engine}\` (2 workers), at the scan's resolution`, byName, out.seconds, out.pages, `peak RSS ${Math.round(out.maxRssMb)} MiB${out.failures.length ? `; failures: ${out.failures.join('; ')}` : ''}`);
  }
  // Render resolution: the default engine on scans rendered above their own resolution.
  const upsamples = (process.env.BENCH_OCR_UPSAMPLE ?? '1.5,2').split(',').map(Number).filter((n) => n > 0 && n !== 1);
  for (const upsample of upsamples) {
    const out = await runChild(root, engines[0], files, upsample);
    const byName = {};
    for (const [file, pages] of Object.entries(out.docs)) byName[file.split('/').pop().replace(/\.scanned\.pdf$/, '')] = pages;
    score(`budgetlint \`--ocr ${engines[0]}\`, rendered ×${upsample} (≈ ${Math.round(150 * upsample)} dpi)`, byName, out.seconds, out.pages, `peak RSS ${Math.round(out.maxRssMb)} MiB${out.failures.length ? `; failures: ${out.failures.join('; ')}` : ''}`);
  }
  if (hasNativeTesseract()) {
    const native = await runNative(files);
    score('native `tesseract` 5 CLI (2 processes)', native.docs, native.seconds, native.pages, 'chi_sim+eng, PSM 3, on the scans as stored (pdfimages; its time included)');
  } else {
    rows.push('| native `tesseract` CLI | – | – | – | – | not installed (`apt-get install tesseract-ocr tesseract-ocr-chi-sim`) |');
  }

  return [
    `Reports: ${names.join(', ')} (${totalAmounts} amounts on the text-layer pages). Load average at the end: ${loadavg().map((v) => v.toFixed(1)).join(' ')} (other work on the machine slows every row alike).`,
    '',
    '| reader | pages | s/page (wall) | amounts exact | amounts not in text | notes |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    ...details,
  ].join('\n');
}

if (process.argv[2] === '--child') {
  const [, , , root, engine, ...files] = process.argv;
  await child(root, engine, files);
}
