/**
 * Legacy Office files through LibreOffice. The conversions themselves need `soffice`: those
 * tests are skipped (and say so) only when it is absent; the errors without it always run.
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
      const xls = await extractDocument({ path: 'b.xls', bytes: fixture('office/budget-two-sheets.xls'), sha256: SHA }, {});
      expect(xls).toEqual({
        ok: false,
        error: { code: 'unsupported', message: '需要 LibreOffice 读取 .xls 表格：请安装 LibreOffice（soffice 在 PATH 上，或设置 BUDGETLINT_SOFFICE），或另存为 PDF 后重试' },
      });
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

  it.each(['xls', 'xlsx'])('a .%s workbook: each sheet a heading and a table, merged cells, title and unit rows', async (ext) => {
    const doc = await read(`budget.${ext}`, fixture(`office/budget-two-sheets.${ext}`));
    expect(doc.format).toBe('html');
    expect(doc.notices).toEqual([`已用 LibreOffice 将 .${ext} 表格转换为 HTML 后读取（无页码，定位为工作表和表中行序，空行不计）`]);
    const page = doc.pages[0]!;
    expect(page.lines.map((l) => [l.kind, l.locator, l.text])).toEqual([
      ['heading', '工作表“收支总表”', '收支总表'],
      ['table-row', '工作表“收支总表” 表中第 1 行', '2025年部门收支总表'],
      ['table-row', '工作表“收支总表” 表中第 2 行', '\t\t单位：万元'],
      ['table-row', '工作表“收支总表” 表中第 3 行', '项目\t预算数\t决算数'],
      ['table-row', '工作表“收支总表” 表中第 4 行', '支出\t176.12\t176.12'],
      ['table-row', '工作表“收支总表” 表中第 5 行', '182.68\t182.68'],
      ['table-row', '工作表“收支总表” 表中第 6 行', '合计\t358.8\t358.84'],
      ['heading', '工作表“说明”', '说明'],
      ['table-row', '工作表“说明” 表中第 1 行', '项目支出占比 50.92%'],
    ]);
    const table = page.tables[0]!;
    expect(table).toMatchObject({ index: 0, caption: '2025年部门收支总表', unit: '万元' });
    expect(table.rows[0]).toMatchObject([{ text: '2025年部门收支总表', col: 0, colSpan: 3 }]);
    expect(table.rows[3]![0]).toMatchObject({ text: '支出', rowSpan: 2, col: 0 });
    // Under the merged 支出 cell, the row's cells start at column 1.
    expect(table.rows[4]!.map((c) => [c.text, c.col])).toEqual([
      ['182.68', 1],
      ['182.68', 2],
    ]);
    expect(table.rows[5]![2]).toMatchObject({ text: '358.84', spans: [{ line: 7, start: 9, end: 15 }] });
    expect(page.tables[1]).toMatchObject({ index: 1, rows: [[{ text: '项目支出占比 50.92%' }]] });
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

  it('Word 2003 XML and Excel 2003 XML (named .doc and .xls)', async () => {
    const wordml = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>2025年支出 358.84 万元</w:t></w:r></w:p></w:body></w:wordDocument>',
    );
    expect(sniffOle(wordml)).toBe('wordml');
    const doc = await read('export.doc', wordml);
    expect(doc.format).toBe('doc');
    expect(doc.notices).toEqual(['已用 LibreOffice 将 Word 2003 XML 转换为 .docx 后读取']);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual(['2025年支出 358.84 万元']);

    const xmlss = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="决算表"><Table><Row><Cell><Data ss:Type="String">单位：万元</Data></Cell></Row><Row><Cell><Data ss:Type="String">合计</Data></Cell><Cell><Data ss:Type="Number">358.84</Data></Cell></Row></Table></Worksheet></Workbook>',
    );
    expect(sniffOle(xmlss)).toBe('xmlss');
    const sheet = await read('export.xls', xmlss);
    expect(sheet.pages[0]!.lines.map((l) => l.text)).toEqual(['单位：万元\t', '合计\t358.84']);
    expect(sheet.pages[0]!.tables[0]).toMatchObject({ unit: '万元' });
  });

  it('OpenDocument text and spreadsheet', async () => {
    expect(sniffFormat(fixture('office/jinkouhe-ybj-2025.odt'), 'x.zip')).toBe('ole');
    expect(sniffOle(fixture('office/jinkouhe-ybj-2025.odt'))).toBe('odt');
    const odt = await read('x.odt', fixture('office/jinkouhe-ybj-2025.odt'));
    const line = odt.pages[0]!.lines.find((l) => l.text.includes('支出 358.84 万元'));
    expect(line).toMatchObject({ locator: '第 18 段' });
    expect(odt.pages[0]!.tables[0]!.rows[13]!.map((c) => c.text)).toEqual(['', '产出指标', '数量指标', '按照实际举报数据', '≥', '0', '件', '5%', 'XXXX']);
    const ods = await read('x.ods', fixture('office/budget-two-sheets.ods'));
    expect(ods.pages[0]!.tables[0]).toMatchObject({ caption: '2025年部门收支总表', unit: '万元' });
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
    const [a, b] = await Promise.all([read('1.doc', fixture('office/jinkouhe-ybj-2025.doc')), read('2.xls', fixture('office/budget-two-sheets.xls'))]);
    expect(a.pages[0]!.lines).toHaveLength(77);
    expect(b.pages[0]!.tables).toHaveLength(2);
  });

  it('a conversion past its time limit is stopped with a timeout error', async () => {
    const result = await convertWithLibreOffice(fixture('office/jinkouhe-ybj-2025.doc'), 'doc', 'docx', { soffice: soffice!, timeoutMs: 50 });
    expect(result).toEqual({ ok: false, code: 'timeout', message: 'LibreOffice 转换超时（0 秒）' });
  });
});
