/** Notices summarised per kind (pipeline/notices.ts): page ranges, never a line per page. */
import { describe, expect, it } from 'vitest';
import { readingDeadline, summarizeNotices, timeoutMessage } from '../pipeline/notices.js';
import { resultOfDocument } from '../pipeline/process.js';
import type { Document, Page } from '../model/document.js';

describe('summarizeNotices', () => {
  it('joins 1,998 pages that need OCR into one line with the range and the count', () => {
    const notices = Array.from({ length: 1998 }, (_, i) => `第 ${i + 3} 页无可用文本层，需要 OCR`);
    expect(summarizeNotices(notices)).toEqual(['第 3–2000 页无可用文本层，需要 OCR（共 1998 页）']);
  });

  it('keeps kinds apart and in order, lists scattered pages as ranges, and leaves other notices and single pages alone', () => {
    expect(summarizeNotices([
      'PDF 没有可用的文本层（共 9 页），需要 OCR',
      '第 1 页无可用文本层，需要 OCR',
      '第 2 页 OCR 失败：超时',
      '第 2 页无可用文本层，需要 OCR',
      '第 5 页无可用文本层，需要 OCR',
      '第 7 页无可用文本层，需要 OCR',
      '第 6 页无可用文本层，需要 OCR',
      '第 6 页无可用文本层，需要 OCR',
      '文档含 2 张图片，图片中的文字未识别',
    ])).toEqual([
      'PDF 没有可用的文本层（共 9 页），需要 OCR',
      '第 1–2、5–7 页无可用文本层，需要 OCR（共 5 页）',
      '第 2 页 OCR 失败：超时',
      '文档含 2 张图片，图片中的文字未识别',
    ]);
  });

  it('cuts a long list of scattered pages after 12 ranges', () => {
    const notices = Array.from({ length: 30 }, (_, i) => `第 ${i * 2 + 1} 页图片过大`);
    expect(summarizeNotices(notices)).toEqual(['第 1、3、5、7、9、11、13、15、17、19、21、23 等 页图片过大（共 30 页）']);
  });

  it('is what a file result lists: one line for a 2,000-page scan read without OCR', () => {
    const pages: Page[] = Array.from({ length: 2000 }, (_, i) => ({
      number: i + 1, width: 595, height: 842, lines: [], tables: [], source: 'text-layer', needsOcr: i >= 2, notices: i >= 2 ? [`第 ${i + 1} 页无可用文本层，需要 OCR`] : [],
    }));
    const document: Document = { path: 'scan.pdf', format: 'pdf', sha256: '0'.repeat(64), pageNumbersKnown: true, pages, notices: [] };
    expect(resultOfDocument('scan.pdf', document).notices).toEqual(['第 3–2000 页无可用文本层，需要 OCR（共 1998 页）']);
  });
});

describe('a file out of time', () => {
  const page = (number: number, needsOcr: boolean): Page => ({ number, width: 595, height: 842, lines: [], tables: [], source: needsOcr ? 'text-layer' : 'ocr', needsOcr, notices: [] });

  it('says which pages were not read and how many were checked', () => {
    const pages = [page(1, false), page(2, false), ...Array.from({ length: 1998 }, (_, i) => page(i + 3, true))];
    expect(timeoutMessage(300_000, { pages })).toBe('处理超时（超过 300 秒）：第 3–2000 页未读取（共 1998 页），只核对了已读的 2 页');
    expect(timeoutMessage(300_000, { pages: [page(1, true)] })).toBe('处理超时（超过 300 秒），已中止');
    expect(timeoutMessage(500, undefined)).toBe('处理超时（超过 0.5 秒），已中止');
  });

  it('stops reading a tenth (at most 30 s) before the limit, to check what was read', () => {
    expect([500, 10_000, 300_000, 3_600_000].map(readingDeadline)).toEqual([500, 9_000, 270_000, 3_570_000]);
  });
});
