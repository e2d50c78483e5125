/**
 * Legacy Office documents through LibreOffice. The conversions themselves need `soffice`: those
 * tests are skipped (and say so) only when it is absent; the errors without it always run.
 * Workbooks are read without LibreOffice: test/spreadsheet.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentSchema, type Document } from '../model/document.js';
import { convertWithLibreOffice, extractViaLibreOffice, findSoffice } from '../extractors/convert.js';
import { extractDocx } from '../extractors/docx.js';
import { extractDocument } from '../extractors/index.js';
import { sniffFormat, sniffOle } from '../extractors/sniff.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const SHA = '0'.repeat(64);
const soffice = findSoffice();
const withSoffice = describe.skipIf(!soffice);

if (!soffice) console.warn('convert.test.ts: soffice (LibreOffice) not found: conversion tests skipped');

async function read(path: string, bytes: Uint8Array = fixture(path)): Promise<Document> {
  const result = await extractDocument({ path, bytes, sha256: SHA }, {});
  if (!result.ok) throw new Error(result.error.message);
  return DocumentSchema.parse(result.document);
}

function withEnv<T>(changes: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return run().finally(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}

describe('legacy Office files without LibreOffice', () => {
  it('say in one line how to convert them', async () => {
    await withEnv({ BUDGETLINT_SOFFICE: '/nonexistent/soffice' }, async () => {
      expect(findSoffice()).toBeUndefined();
      const doc = await extractViaLibreOffice({ path: 'a.doc', bytes: fixture('office/jinkouhe-ybj-2025.doc'), sha256: SHA }, {}, 'ole');
      expect(doc).toEqual({
        ok: false,
        error: {
          code: 'unsupported',
          message: '需要 LibreOffice 将 .doc 转换为 .docx：请安装 LibreOffice（soffice 在 PATH 上，或设置 BUDGETLINT_SOFFICE），或另存为 .docx/PDF 后重试',
        },
      });
      // Workbooks need no LibreOffice.
      const xls = await read('b.xls', fixture('office/budget-two-sheets.xls'));
      expect(xls.notices).toEqual(['已读取 .xls 表格（无页码，定位为工作表和表中行序，空行不计）']);
      expect(xls.pages[0]!.lines.find((l) => l.text.startsWith('合计'))).toMatchObject({ text: '合计\t358.8\t358.84', locator: '工作表“收支总表” 表中第 6 行' });
    });
  });

  it('tell the kind of OLE file by its streams', () => {
    expect(sniffFormat(fixture('office/jinkouhe-ybj-2025.doc'), 'x.pdf')).toBe('ole');
    expect(sniffOle(fixture('office/jinkouhe-ybj-2025.doc'))).toBe('doc');
    expect(sniffOle(fixture('office/budget-two-sheets.xls'))).toBe('xls');
    expect(sniffFormat(fixture('office/budget-two-sheets.xlsx'), 'x.bin')).toBe('xlsx');
  });

  it('a password-protected Office file is an encrypted error, not a conversion attempt', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
    bytes.set(Buffer.from('EncryptedPackage', 'utf16le'), 1152);
    expect(await extractDocument({ path: 'secret.docx', bytes, sha256: SHA }, {})).toEqual({
      ok: false,
      error: { code: 'encrypted', message: '文件有打开密码（已加密），无法读取：请去除密码后重试' },
    });
  });
});

describe('MHT web archives (Word "single file web page", often named .doc): read without LibreOffice', () => {
  const mht = (parts: string[]) =>
    new TextEncoder().encode(
      ['MIME-Version: 1.0', 'Content-Type: multipart/related; boundary="----=_NextPart_01DA"', '', 'This is a multi-part message in MIME format.', '', ...parts.flatMap((part) => ['------=_NextPart_01DA', part]), '------=_NextPart_01DA--', ''].join('\r\n'),
    );
  const html = '<html><body><p class=MsoNormal>2025年财政拨款支出358.84万元。</p><p>单位：万元</p><table><tr><td>基本支出</td><td>176.12</td></tr></table></body></html>';

  it('quoted-printable UTF-8', async () => {
    const qp = Buffer.from(html, 'utf8')
      .toString('latin1')
      .replace(/[\x80-\xff=]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
      .replace(/(.{70})/g, '$1=\r\n');
    const bytes = mht([
      'Content-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n' + qp,
      'Content-Location: file:///C:/report_files/image001.png\r\nContent-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=',
    ]);
    expect(sniffFormat(bytes, 'report.doc')).toBe('ole');
    expect(sniffOle(bytes)).toBe('mht');
    await withEnv({ BUDGETLINT_SOFFICE: '/nonexistent/soffice' }, async () => {
      const doc = await read('report.doc', bytes);
      expect(doc.format).toBe('html');
      expect(doc.notices).toEqual(['已从 MHT 网页存档（Word“单个文件网页”）中读取 HTML 正文']);
      expect(doc.pages[0]!.lines.map((l) => [l.text, l.kind, l.locator])).toEqual([
        ['2025年财政拨款支出358.84万元。', 'text', '第 1 段'],
        ['单位：万元', 'caption', '第 2 段'],
        ['基本支出\t176.12', 'table-row', '表 1 第 1 行'],
      ]);
      expect(doc.pages[0]!.tables[0]).toMatchObject({ unit: '万元' });
    });
  });

  it('base64 GB2312', async () => {
    const gbk = (await import('iconv-lite')).default.encode(html.replace('<html>', '<html><head><meta charset="gb2312"></head>'), 'gbk');
    const bytes = mht(['Content-Transfer-Encoding: base64\r\nContent-Type: text/html\r\n\r\n' + gbk.toString('base64').replace(/(.{76})/g, '$1\r\n')]);
    const doc = await read('report.mht', bytes);
    expect(doc.pages[0]!.lines[0]!.text).toBe('2025年财政拨款支出358.84万元。');
  });

  it('an archive without an HTML part', async () => {
    const bytes = mht(['Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=']);
    expect(await extractDocument({ path: 'x.mht', bytes, sha256: SHA }, {})).toEqual({ ok: false, error: { code: 'corrupt', message: 'MHT 网页存档中没有 HTML 正文' } });
  });
});

withSoffice('legacy Office files through LibreOffice', () => {
  it('a .doc reads exactly like the .docx it was saved from', async () => {
    const doc = await read('jinkouhe.doc', fixture('office/jinkouhe-ybj-2025.doc'));
    expect(doc.format).toBe('doc');
    expect(doc.pageNumbersKnown).toBe(false);
    expect(doc.notices).toEqual(['已用 LibreOffice 将 .doc 转换为 .docx 后读取']);
    const original = await extractDocx({ path: 'x.docx', bytes: fixture('reports/jinkouhe-ybj-2025.docx'), sha256: SHA }, {});
    if (!original.ok) throw new Error(original.error.message);
    expect(doc.pages[0]!.lines).toEqual(original.document.pages[0]!.lines);
    expect(doc.pages[0]!.tables).toEqual(original.document.pages[0]!.tables);
    const line = doc.pages[0]!.lines.find((l) => l.text.includes('支出 358.84 万元'));
    expect(line?.locator).toBe('第 18 段');
  });

  it('an RTF file named .doc', async () => {
    const text = '2025年财政拨款支出358.84万元。';
    const escaped = [...text].map((char) => (char.charCodeAt(0) < 128 ? char : `\\u${char.charCodeAt(0)}?`)).join('');
    const rtf = new TextEncoder().encode(`{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0\\fs32 ${escaped}\\par}`);
    const doc = await read('old.doc', rtf);
    expect(doc.format).toBe('doc');
    expect(doc.notices).toEqual(['已用 LibreOffice 将 RTF 转换为 .docx 后读取']);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual([text]);
  });

  it('Word 2003 XML (named .doc)', async () => {
    const wordml = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>2025年支出 358.84 万元</w:t></w:r></w:p></w:body></w:wordDocument>',
    );
    expect(sniffOle(wordml)).toBe('wordml');
    const doc = await read('export.doc', wordml);
    expect(doc.format).toBe('doc');
    expect(doc.notices).toEqual(['已用 LibreOffice 将 Word 2003 XML 转换为 .docx 后读取']);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual(['2025年支出 358.84 万元']);
  });

  it('OpenDocument text', async () => {
    expect(sniffFormat(fixture('office/jinkouhe-ybj-2025.odt'), 'x.zip')).toBe('ole');
    expect(sniffOle(fixture('office/jinkouhe-ybj-2025.odt'))).toBe('odt');
    const odt = await read('x.odt', fixture('office/jinkouhe-ybj-2025.odt'));
    const line = odt.pages[0]!.lines.find((l) => l.text.includes('支出 358.84 万元'));
    expect(line).toMatchObject({ locator: '第 18 段' });
    expect(odt.pages[0]!.tables[0]!.rows[13]!.map((c) => c.text)).toEqual(['', '产出指标', '数量指标', '按照实际举报数据', '≥', '0', '件', '5%', 'XXXX']);
  });

  it('a damaged .doc is a clear error', async () => {
    const doc = fixture('office/jinkouhe-ybj-2025.doc');
    const damaged = new Uint8Array(doc.subarray(0, 4096));
    const result = await extractDocument({ path: 'broken.doc', bytes: damaged, sha256: SHA }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('corrupt');
      expect(result.error.message).toMatch(/^\.doc 文件转换失败：LibreOffice 无法打开此文件/);
      expect(result.error.message).not.toContain('\n');
    }
  });

  it('parallel conversions do not get in each other’s way', async () => {
    const [a, b] = await Promise.all([read('1.doc', fixture('office/jinkouhe-ybj-2025.doc')), read('2.odt', fixture('office/jinkouhe-ybj-2025.odt'))]);
    expect(a.pages[0]!.lines).toHaveLength(77);
    expect(b.pages[0]!.lines.find((l) => l.text.includes('支出 358.84 万元'))).toMatchObject({ locator: '第 18 段' });
  });

  it('a conversion past its time limit is stopped with a timeout error', async () => {
    const result = await convertWithLibreOffice(fixture('office/jinkouhe-ybj-2025.doc'), 'doc', 'docx', { soffice: soffice!, timeoutMs: 50 });
    expect(result).toEqual({ ok: false, code: 'timeout', message: 'LibreOffice 转换超时（0 秒）' });
  });
});
