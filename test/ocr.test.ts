/**
 * OCR on real scans: pages cut from the corpus's photocopied reports (150 dpi grey, skew and
 * noise), a page image of a published budget explanation, and a crop saved as PNG. Every
 * amount OCR reads must equal the text version's, on the same line. Kept to a few pages so CI
 * stays fast; the whole corpus is in bench/ocr.bench.mjs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, Line } from '../model/document.js';
import { extractDocument } from '../extractors/index.js';
import { extractPdf } from '../extractors/pdf.js';
import { closeOcrPools, ocrPdfPages, OcrPool } from '../extractors/ocr/index.js';
import { decodeImageFile } from '../extractors/ocr/render.js';
import UTIF from 'utif2';
import { normalizeDocument } from '../normalizers/index.js';
import { analyze } from '../analyzers/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function input(path: string) {
  const bytes = new Uint8Array(readFileSync(join(root, 'fixtures', path)));
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function read(path: string, options = {}): Promise<Document> {
  const result = await extractDocument(input(path), { ocrWorkers: 2, ...options });
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
  return result.document;
}

/** Amounts and percents as printed (decimals or thousands separators), per line: `line: a, b`. */
const AMOUNT_RE = /(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|(?<![\d.,])\d+\.\d+%?/g;
function amountsByLine(lines: Line[]): string[] {
  return lines
    .map((l) => ({ n: l.number, amounts: l.text.match(AMOUNT_RE) ?? [] }))
    .filter((x) => x.amounts.length > 0)
    .map((x) => `${x.n}: ${x.amounts.join(', ')}`);
}

afterAll(async () => {
  await closeOcrPools();
});

describe('scanned report pages', () => {
  let jinkouhe: Document;
  let jinkouheText: Document;
  beforeAll(async () => {
    [jinkouhe, jinkouheText] = await Promise.all([read('scanned/jinkouhe-ybj-2025-p2.scanned.pdf'), read('reports/jinkouhe-ybj-2025.pdf')]);
  }, 120_000);

  it('reads every amount of jinkouhe page 2 exactly as the text version, line by line', () => {
    const page = jinkouhe.pages[0]!;
    expect(page.number).toBe(1); // the fixture is page 2 of the report, cut out alone
    expect(page.source).toBe('ocr');
    expect(page.needsOcr).toBeUndefined();
    const text = jinkouheText.pages.find((p) => p.number === 2)!;
    expect(amountsByLine(page.lines)).toEqual(amountsByLine(text.lines));
    expect(amountsByLine(page.lines)).toEqual([
      '17: 358.84',
      '18: 358.84',
      '19: 358.84',
      '20: 176.12, 49.08%, 182.68',
      '21: 50.92%',
    ]);
  });

  it('keeps boxes and per-word confidence, and the figures carry it', () => {
    const page = jinkouhe.pages[0]!;
    const line = page.lines.find((l) => l.text.includes('176.12'))!;
    expect(line.text).toMatch(/^基本支出 ?176\.12 ?万元，占 ?49\.08%；?;? ?项目支出 ?182\.68 ?万元，占$/);
    const at = line.text.indexOf('176.12');
    const segment = line.segments!.find((s) => s.start <= at && s.end >= at + 6)!;
    expect(segment.confidence).toBeGreaterThan(0);
    expect(segment.bbox.x1).toBeGreaterThan(segment.bbox.x0);
    // Page units are PDF points, like text-layer pages.
    expect(segment.bbox.x1).toBeLessThanOrEqual(page.width!);
    const figures = normalizeDocument(jinkouhe).figures.filter((f) => f.number === '176.12');
    expect(figures.length).toBe(1);
    expect(figures[0]!.confidence).toBeTypeOf('number');
    expect(figures[0]!.location).toMatchObject({ page: 1, line: line.number });
  });

  it('marks soft-wrapped lines and drops the page number footer', () => {
    const page = jinkouhe.pages[0]!;
    const income = page.lines.find((l) => l.text.startsWith('（一）') || l.text.includes('收入情况'))!;
    expect(income.continues).toBe(true);
    expect(page.lines.some((l) => /^[—-]\s*2\s*[—-]$/.test(l.text.trim()))).toBe(false);
    expect(jinkouhe.notices.some((n) => n.includes('OCR 识别'))).toBe(true);
  });

  it('reads the same amounts with the other engine, PaddleOCR (`--ocr paddle`)', async () => {
    const doc = await read('scanned/jinkouhe-ybj-2025-p2.scanned.pdf', { ocr: 'paddle' });
    expect(doc.notices.some((n) => n.includes('PaddleOCR'))).toBe(true);
    const text = jinkouheText.pages.find((p) => p.number === 2)!;
    expect(amountsByLine(doc.pages[0]!.lines)).toEqual(amountsByLine(text.lines));
  });

  it('reads huizhou page 7 (income and expense breakdown) with the same amounts as the text version', async () => {
    const [scan, text] = await Promise.all([read('scanned/huizhou-ybj-2022-p7.scanned.pdf'), read('reports/huizhou-ybj-2022.pdf')]);
    const textPage = text.pages.find((p) => p.number === 7)!;
    expect(amountsByLine(scan.pages[0]!.lines)).toEqual(amountsByLine(textPage.lines));
  });
});

describe('a scanned table over three pages', () => {
  // jinkouhe pages 12–14: the indicator table runs on over two page breaks. Each page lies a
  // few points further left on the glass, and the page numbers under the table are read as
  // noise (`a foi`, `qa`); neither may stop the three parts being read as one table.
  let document: Document;
  beforeAll(async () => {
    document = await read('scanned/jinkouhe-ybj-2025-p12-14.scanned.pdf');
  }, 120_000);

  it('joins the parts into one table spanning pages 1–3', () => {
    const tables = document.pages.flatMap((p) => p.tables);
    expect(tables.map((t) => t.pages)).toEqual([[1, 2, 3]]);
  });

  it('adds up the weights of all three parts: 90 %, an error with every weight located', () => {
    const findings = analyze(normalizeDocument(document)).filter((f) => f.ruleId === 'weights-sum');
    expect(findings.map((f) => `${f.severity} ${f.page}:${f.line} ${f.message}`)).toEqual([
      'error 1:8 权重列各项合计 5+5+10+5+5+5+10+10+10+10+5+5+5 = 90%，不等于 100%',
    ]);
    expect(findings[0]!.evidence.map((e) => `${e.page}:${e.line} ${e.raw}`)).toEqual([
      '1:8 5%', '1:9 5%', '1:10 10%', '1:11 5%',
      '2:2 5%', '2:3 5%', '2:4 10%', '2:5 10%', '2:6 10%', '2:7 10%', '2:8 5%',
      '3:2 5%', '3:3 5%',
    ]);
  });
});

describe('image files', () => {
  it('reads a PNG crop of a scanned page', async () => {
    const doc = await read('scanned/jinkouhe-ybj-2025-p2-crop.png');
    expect(doc.format).toBe('image');
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]!.source).toBe('ocr');
    const all = doc.pages[0]!.lines.flatMap((l) => l.text.match(AMOUNT_RE) ?? []);
    expect(all).toEqual(['358.84', '358.84', '358.84', '176.12', '49.08%', '182.68', '50.92%']);
  });

  it('reads a TIFF (sniffed by content, whatever the name says)', async () => {
    const png = new Uint8Array(readFileSync(join(root, 'fixtures/scanned/jinkouhe-ybj-2025-p2-crop.png')));
    const grey = (await decodeImageFile(png))[0]!;
    const rgba = new Uint8Array(grey.width * grey.height * 4);
    grey.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    const bytes = new Uint8Array(UTIF.encodeImage(rgba, grey.width, grey.height));
    const result = await extractDocument({ path: 'scan.png', bytes, sha256: '0'.repeat(64) }, { ocrWorkers: 2 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.document.format).toBe('image');
    const all = result.document.pages[0]!.lines.flatMap((l) => l.text.match(AMOUNT_RE) ?? []);
    expect(all).toEqual(['358.84', '358.84', '358.84', '176.12', '49.08%', '182.68', '50.92%']);
  });

  it('reads a published page image with thousands separators', async () => {
    const doc = await read('scanned/sh-putuo-shiquan-2026-unit-p06.png');
    const text = doc.pages[0]!.lines.map((l) => l.text).join('\n');
    const amounts = text.match(AMOUNT_RE) ?? [];
    expect(amounts).toEqual(['7,630.61', '7,630.61', '2,163.37', '7,630.61', '7,630.61', '2,163.37', '7,262.61', '1,168.37']);
    expect(text).toMatch(/收入预算7,630\.61 ?万元/);
    expect(doc.pages[0]!.width).toBe(1684);
  });

  it('returns the page marked needsOcr when OCR is off', async () => {
    const doc = await read('scanned/jinkouhe-ybj-2025-p2-crop.png', { ocr: 'off' });
    expect(doc.pages[0]!.needsOcr).toBe(true);
    expect(doc.pages[0]!.lines).toEqual([]);
  });

  it('gives a one-line error for a broken image', async () => {
    const bytes = new Uint8Array(readFileSync(join(root, 'fixtures/scanned/jinkouhe-ybj-2025-p2-crop.png'))).slice(0, 300);
    const result = await extractDocument({ path: 'broken.png', bytes, sha256: '0'.repeat(64) }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('corrupt');
      expect(result.error.message).toBe('图片文件不完整（可能下载中断或被截断）');
    }
  });
});

describe('other scans', () => {
  it('reads a page of a scanned book stored as CCITT strips (image-only PDF)', async () => {
    const doc = await read('real/scanned-capital-zh-p1.pdf');
    const page = doc.pages[0]!;
    expect(page.source).toBe('ocr');
    expect(page.needsOcr).toBeUndefined();
    const text = page.lines.map((l) => l.text).join('');
    expect(text.length).toBeGreaterThan(300);
    expect(text).toMatch(/商品/);
  });
});

describe('failures stay on their page', () => {
  it('a page that fails keeps needsOcr with a notice; the other page is read', async () => {
    const file = input('scanned/jinkouhe-ybj-2025-p2-twice-rotated.scanned.pdf');
    const pdf = await extractPdf(file, {});
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(pdf.document.pages.map((p) => p.needsOcr)).toEqual([true, true]);
    const pool = new OcrPool({ engine: 'tesseract', size: 1, worker: { testHooks: { failLandscape: true } } });
    try {
      const result = await ocrPdfPages(file, pdf.document, {}, { pool });
      if (!result.ok) throw new Error(result.error.message);
      const [first, second] = result.document.pages;
      expect(first!.source).toBe('ocr');
      expect(first!.lines.some((l) => l.text.includes('176.12'))).toBe(true);
      expect(second!.needsOcr).toBe(true);
      expect(second!.notices).toContain('第 2 页 OCR 失败：OCR 识别失败（test hook: this page fails on purpose）');
      expect(result.document.notices.some((n) => n.includes('1 页 OCR 未成功'))).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('OCR pool', () => {
  const tiny = (width: number) => ({ kind: 'grey' as const, image: { width, height: 20, data: new Uint8Array(width * 20).fill(255) } });

  it('survives a failing, a crashing and a hanging page, and recycles workers', async () => {
    const pool = new OcrPool({
      engine: 'tesseract',
      size: 1,
      recycleAfter: 2,
      pageTimeoutMs: 3000,
      worker: { testHooks: { failWidth: 11, crashWidth: 12, hangWidth: 13 } },
    });
    try {
      await expect(pool.recognize(tiny(11))).rejects.toMatchObject({ code: 'failed' });
      await expect(pool.recognize(tiny(12))).rejects.toMatchObject({ code: 'crashed' });
      await expect(pool.recognize(tiny(13))).rejects.toMatchObject({ code: 'timeout' });
      const results = await Promise.all([pool.recognize(tiny(40)), pool.recognize(tiny(41)), pool.recognize(tiny(42))]);
      expect(results.map((r) => r.lines.length)).toEqual([0, 0, 0]);
      // failing page: same worker (1); crash and hang: replaced (2, 3); three blank pages with recycling after 2 pages: 4.
      expect(pool.started).toBe(4);
    } finally {
      await pool.close();
    }
  });

  it('cancels a queued page when the signal aborts', async () => {
    const pool = new OcrPool({ engine: 'tesseract', size: 1, worker: { testHooks: { hangWidth: 13 } } });
    try {
      const controller = new AbortController();
      const hanging = pool.recognize(tiny(13), controller.signal);
      const queued = pool.recognize(tiny(40), controller.signal);
      controller.abort();
      await expect(hanging).rejects.toMatchObject({ code: 'aborted' });
      await expect(queued).rejects.toMatchObject({ code: 'aborted' });
    } finally {
      await pool.close();
    }
  });
});
