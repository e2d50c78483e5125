/**
 * Bad PDF input gives one clear error (or a per-page notice) and never throws. The small PDFs
 * in fixtures/bad/ are written by fixtures/bad/make.py.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { extractPdf } from '../extractors/pdf.js';
import { openPdf, closePdf, PdfOpenError } from '../extractors/pdfjs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(root, 'fixtures', path)));
}

function input(path: string, bytes: Uint8Array) {
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('bad PDF input', () => {
  it('a truncated report is a clear corrupt-file error', async () => {
    const whole = fixture('reports/jinkouhe-ybj-2025.pdf');
    for (const share of [0.3, 0.8, 0.97]) {
      const result = await extractPdf(input('cut.pdf', whole.subarray(0, Math.floor(whole.length * share))), {});
      expect(result).toEqual({ ok: false, error: { code: 'corrupt', message: 'PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取' } });
    }
    const small = await extractPdf(input('truncated.pdf', fixture('bad/truncated.pdf')), {});
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.error.code).toBe('corrupt');
  });

  it('garbage after a PDF header is a corrupt file', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n这不是一个真正的 PDF 文件\n%%EOF\n');
    const result = await extractDocument(input('fake.pdf', bytes));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('corrupt');
      expect(result.error.message).toMatch(/^PDF 文件已损坏或不完整，无法读取/);
    }
  });

  it('a user password is a clear encrypted-file error; the right password opens it', async () => {
    const bytes = fixture('bad/user-password.pdf');
    expect(await extractPdf(input('locked.pdf', bytes), {})).toEqual({
      ok: false,
      error: { code: 'encrypted', message: 'PDF 已加密，需要打开密码（用户密码）才能读取' },
    });
    expect(await extractPdf(input('locked.pdf', bytes), { password: 'wrong' })).toEqual({
      ok: false,
      error: { code: 'encrypted', message: 'PDF 已加密，提供的打开密码不正确' },
    });
    const opened = await extractPdf(input('locked.pdf', bytes), { password: 'secret' });
    expect(opened.ok && opened.document.pages[0]!.lines.map((l) => l.text)).toEqual(['Budget performance report', 'Total expense 358.84 and basic 176.12']);
  });

  it('an owner password only (no printing, no copying) still reads', async () => {
    const result = await extractDocument(input('owner.pdf', fixture('bad/owner-password.pdf')));
    expect(result.ok && result.document.pages[0]!.lines.map((l) => l.text)).toEqual(['Budget performance report', 'Total expense 358.84 and basic 176.12']);
  });

  it('a zero-byte file is empty, through the dispatcher and the reader', async () => {
    const empty = new Uint8Array(0);
    const viaIndex = await extractDocument(input('empty.pdf', empty));
    expect(viaIndex).toEqual({ ok: false, error: { code: 'empty', message: '文件为空（0 字节）' } });
    const direct = await extractPdf(input('empty.pdf', empty), {});
    expect(direct).toEqual({ ok: false, error: { code: 'empty', message: '文件为空（0 字节）' } });
  });

  it('a text file named .pdf is read as text, not as a broken PDF', async () => {
    const bytes = new TextEncoder().encode('这不是 PDF，只是一段文字：支出 358.84 万元。\n');
    const result = await extractDocument(input('report.pdf', bytes));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.format).toBe('text');
      expect(result.document.pages[0]!.lines[0]!.text).toBe('这不是 PDF，只是一段文字：支出 358.84 万元。');
    }
  });

  it('a PDF with an image and no text needs OCR, with a notice for the page (OCR off)', async () => {
    const result = await extractDocument(input('scan.pdf', fixture('bad/image-only.pdf')), { ocr: 'off' });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.pages).toEqual([
        { number: 1, width: 595, height: 842, lines: [], tables: [], source: 'text-layer', needsOcr: true, notices: ['第 1 页无可用文本层，需要 OCR'] },
      ]);
      expect(result.document.notices).toEqual(['PDF 没有可用的文本层（共 1 页），需要 OCR']);
    }
  });

  it('a page-sized image with a one-line stamp of real text still needs OCR (the stamp is kept)', async () => {
    const result = await extractPdf(input('stamped.pdf', fixture('bad/stamped-scan.pdf')), {});
    expect(result.ok && result.document.pages[0]).toMatchObject({ needsOcr: true, notices: ['第 1 页无可用文本层，需要 OCR'] });
    expect(result.ok && result.document.pages[0]!.lines.map((l) => l.text)).toEqual(['Scan 0001']);
  });

  it('slanted watermark text is not read into the page', async () => {
    const result = await extractPdf(input('watermark.pdf', fixture('bad/watermark.pdf')), {});
    expect(result.ok && result.document.pages[0]!.lines.map((l) => l.text)).toEqual(['Budget performance report', 'Total expense 358.84 and basic 176.12']);
  });

  it('an aborted read stops with a timeout error', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await extractPdf(input('r.pdf', fixture('reports/jinkouhe-ybj-2025.pdf')), { signal: controller.signal });
    expect(result).toEqual({ ok: false, error: { code: 'timeout', message: 'PDF 读取超时，已停止' } });
  });
});

describe('pdfjs loader (used by OCR to render pages)', () => {
  it('opens from bytes without touching the caller buffer, and maps errors to PdfOpenError', async () => {
    const bytes = fixture('bad/text.pdf');
    const before = Buffer.from(bytes).toString('base64');
    const doc = await openPdf(bytes);
    expect(doc.numPages).toBe(1);
    const p = await doc.getPage(1);
    const content = await p.getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('|')).toContain('358.84');
    p.cleanup();
    await closePdf(doc);
    await closePdf(doc); // twice is fine
    expect(Buffer.from(bytes).toString('base64')).toBe(before);
    await expect(openPdf(fixture('bad/user-password.pdf'))).rejects.toMatchObject({ name: 'PdfOpenError', code: 'encrypted' });
    await expect(openPdf(new Uint8Array(0))).rejects.toBeInstanceOf(PdfOpenError);
  });
});
