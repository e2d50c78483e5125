/**
 * Bounded cost per file: ZIP containers are bounded before any reader inflates them
 * (extractors/zip-guard.ts) — a few KB that declare, or inflate to, more than the limit get one
 * line, and real packages pass; images past the pixel budget are refused from their header
 * (extractors/pixel-budget.ts).
 */
import { readFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { imageDimensions, MAX_IMAGE_PIXELS } from '../extractors/pixel-budget.js';
import { DEFAULT_MAX_INFLATED_BYTES, guardZip } from '../extractors/zip-guard.js';
import { limitWithOcrPages } from '../pipeline/notices.js';
import { resultOfDocument, sha256Hex } from '../pipeline/process.js';
import { WorkerPool } from '../pipeline/run/pool.js';
import { pdfWithPages } from './helpers/pdf-pages.js';
import { declaredBomb, hugeImagePdf, overlapBomb, pngClaiming } from './helpers/zip-bomb.js';

const REFUSED = { ok: false, error: { message: '解压后超过 200 MB（疑似压缩炸弹），未读取', code: 'decompression-bomb' } };

function input(path: string, bytes: Uint8Array) {
  return { path, bytes, sha256: sha256Hex(bytes) };
}

describe('ZIP bombs', () => {
  it('a .docx of under 1 KB declaring 4 GB is refused by its central directory', async () => {
    const bomb = declaredBomb();
    expect(bomb.length).toBeLessThan(1024);
    expect(await extractDocument(input('declared.docx', bomb))).toEqual(REFUSED);
  });

  it('a .docx of a few KB whose entries declare 250 KB but inflate to 250 MB is refused while inflating', async () => {
    const bomb = overlapBomb(250);
    expect(bomb.length).toBeLessThan(20 * 1024);
    // What the headers say passes: only counting what comes out finds it.
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(200_000_000);
    expect(await extractDocument(input('overlap.docx', bomb))).toEqual(REFUSED);
    // Under the limit it passes the guard (and is then the reader's to judge).
    // Declared: 150 × 1 KB and the two XML parts (534 bytes).
    expect(await guardZip(overlapBomb(150))).toEqual({ ok: true, declared: 150 * 1000 + 534, entries: 152 });
  });

  it('real packages pass: Word, Excel and OpenDocument fixtures are read as before', async () => {
    for (const path of ['fixtures/reports/jinkouhe-ybj-2025.docx', 'fixtures/office/budget-two-sheets.xlsx', 'fixtures/office/budget-two-sheets.ods']) {
      const guard = await guardZip(readFileSync(path));
      expect(guard.ok, path).toBe(true);
    }
    const docx = await extractDocument(input('jinkouhe.docx', readFileSync('fixtures/reports/jinkouhe-ybj-2025.docx')));
    expect(docx.ok).toBe(true);
  });

  it('the limit is a setting: a 1 MB limit refuses the jinkouhe .docx, whose parts inflate to more', async () => {
    const bytes = readFileSync('fixtures/reports/jinkouhe-ybj-2025.docx');
    const guard = await guardZip(bytes);
    expect(guard.ok && guard.declared).toBeGreaterThan(10_000);
    const limit = guard.ok ? Math.floor(guard.declared / 2) : 0;
    expect(await extractDocument(input('jinkouhe.docx', bytes), { maxInflatedBytes: limit })).toEqual({
      ok: false, error: { message: `解压后超过 ${Number((limit / 1_000_000).toPrecision(3))} MB（疑似压缩炸弹），未读取`, code: 'decompression-bomb' },
    });
  });
});

describe('pixel budget', () => {
  it('an image file declaring 20,000 × 20,000 pixels is refused from its header, before decoding', async () => {
    const png = pngClaiming(20_000, 20_000);
    expect(png.length).toBeLessThan(200);
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
    expect(await extractDocument(input('huge.png', png), { ocr: 'off' })).toEqual({
      ok: false, error: { message: '图片过大（20000×20000 像素，约 40000 万像素，上限 5000 万像素），未读取', code: 'too-large' },
    });
    // Under the budget the same kind of file is read (here: marked for OCR, which is off).
    const small = await extractDocument(input('small.png', createCanvas(300, 200).toBuffer('image/png')), { ocr: 'off' });
    expect(small.ok && small.document.pages.map((page) => [page.width, page.height, page.needsOcr])).toEqual([[300, 200, true]]);
  });

  it('a PDF page of one 20,000 × 20,000 image is not drawn nor sent to OCR, and says why', async () => {
    const pdf = hugeImagePdf(20_000);
    expect(pdf.length).toBeLessThan(60 * 1024);
    const result = await extractDocument(input('huge.pdf', pdf));
    expect(result.ok && result.document.pages.map((page) => [page.number, Boolean(page.needsOcr), page.notices])).toEqual([
      [1, false, ['第 1 页的图像过大（20000×20000 像素，上限 5000 万像素），未读取']],
    ]);
  });

  it('reads the size from PNG, JPEG, WebP, GIF and BMP headers', () => {
    const drawn = createCanvas(123, 45);
    expect(imageDimensions(drawn.toBuffer('image/png'))).toEqual({ width: 123, height: 45 });
    expect(imageDimensions(drawn.toBuffer('image/jpeg'))).toEqual({ width: 123, height: 45 });
    expect(imageDimensions(drawn.toBuffer('image/webp'))).toEqual({ width: 123, height: 45 });
    expect(imageDimensions(readFileSync('fixtures/sniff/really-jpeg.png'))).toEqual({ width: 40, height: 20 });
    const gif = Buffer.from('474946383961' + '7b00' + '2d00', 'hex');
    expect(imageDimensions(gif)).toEqual({ width: 123, height: 45 });
    const bmp = Buffer.alloc(26);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(123, 18);
    bmp.writeInt32LE(-45, 22); // top-down rows
    expect(imageDimensions(bmp)).toEqual({ width: 123, height: 45 });
  });
});

describe('long scans', () => {
  it('blank pages of a scan are not sent to OCR; the pages with an image are, and the notices say so once per kind', async () => {
    const bytes = pdfWithPages(['blank', 'image', 'image', 'blank', 'image', 'blank']);
    const result = await extractDocument(input('scan.pdf', bytes), { ocr: 'off' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.pages.map((page) => [page.number, Boolean(page.needsOcr)])).toEqual([[1, false], [2, true], [3, true], [4, false], [5, true], [6, false]]);
    expect(resultOfDocument('scan.pdf', result.document).notices).toEqual([
      '第 1、4、6 页为空白页（无文字、无图像），未做 OCR（共 3 页）',
      '第 2–3、5 页无可用文本层，需要 OCR（共 3 页）',
    ]);
  });
});

describe('OCR time per page', () => {
  it('a file that needs OCR of N pages gets 30 s per page on top of its time limit; a file that asks nothing keeps the limit', async () => {
    expect(limitWithOcrPages(300_000, 2000)).toBe(60_300_000);
    const pool = new WorkerPool({ size: 2, timeoutMs: 1000, memoryLimitMb: 256, script: new URL('./pool-extend.worker.mjs', import.meta.url) });
    try {
      const [scan, plain] = await Promise.all([pool.run({ id: 1, path: 'scan-2.pdf', options: {} }), pool.run({ id: 2, path: 'plain.pdf', options: {} })]);
      expect(scan).toMatchObject({ ok: true, message: { result: { path: 'scan-2.pdf', pages: 2 } } });
      expect(plain).toEqual({ ok: false, code: 'timeout', message: '处理超时（超过 1 秒），已中止' });
    } finally {
      await pool.close();
    }
  });
});
