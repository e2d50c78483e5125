/**
 * Workbooks read in JS (extractors/spreadsheet.ts), never through LibreOffice. Besides the
 * fixtures, workbooks are written here with SheetJS itself (and patched where SheetJS cannot
 * write what a test needs: a GBK BIFF5 file, a password, a huge declared range).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentSchema, type Document } from '../model/document.js';
import { extractDocument } from '../extractors/index.js';
import { extractSpreadsheet } from '../extractors/spreadsheet.js';
import { sniffOle } from '../extractors/sniff.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const SHA = '0'.repeat(64);

async function read(path: string, bytes: Uint8Array) {
  return extractDocument({ path, bytes, sha256: SHA }, {});
}

async function readOk(path: string, bytes: Uint8Array): Promise<Document> {
  const result = await read(path, bytes);
  if (!result.ok) throw new Error(result.error.message);
  return DocumentSchema.parse(result.document);
}

const lines = (doc: Document) => doc.pages[0]!.lines.map((l) => [l.kind, l.locator, l.text]);

type Sheet = XLSX.WorkSheet;

function book(sheets: Record<string, Sheet>, bookType: XLSX.BookType, hidden: string[] = []): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, sheet, name);
  wb.Workbook ??= {};
  wb.Workbook.Sheets = Object.keys(sheets).map((name) => ({ name, Hidden: hidden.includes(name) ? 1 : 0 }));
  return new Uint8Array(XLSX.write(wb, { bookType, type: 'buffer' }));
}

/** Replace the stream of an OLE workbook. */
function patchStream(bytes: Uint8Array, patch: (stream: Buffer) => Buffer): Uint8Array {
  const cfb = XLSX.CFB.read(Buffer.from(bytes), { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook') ?? XLSX.CFB.find(cfb, 'Book');
  if (!entry) throw new Error('no workbook stream');
  entry.content = patch(Buffer.from(entry.content as Uint8Array));
  entry.size = entry.content.length;
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

describe('workbooks are read natively', () => {
  it.each(['xls', 'xlsx', 'ods'])('a .%s workbook: each sheet a heading and a table, merged cells, title and unit rows', async (ext) => {
    const doc = await readOk(`budget.${ext}`, fixture(`office/budget-two-sheets.${ext}`));
    expect(doc.format).toBe('html');
    expect(doc.pageNumbersKnown).toBe(false);
    const kind = ext === 'ods' ? 'OpenDocument 表格' : `.${ext} 表格`;
    expect(doc.notices).toEqual([`已读取 ${kind}（无页码，定位为工作表和表中行序，空行不计）`]);
    const page = doc.pages[0]!;
    expect(lines(doc)).toEqual([
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
    expect(page.lines[0]).toMatchObject({ headingLevel: 1 });
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

  describe('without starting LibreOffice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-soffice-spy-'));
    const marker = join(dir, 'called');
    const script = join(dir, 'soffice');
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const withSpy = async <T>(run: () => Promise<T>): Promise<T> => {
      const saved = process.env.BUDGETLINT_SOFFICE;
      process.env.BUDGETLINT_SOFFICE = script;
      try {
        return await run();
      } finally {
        if (saved === undefined) delete process.env.BUDGETLINT_SOFFICE;
        else process.env.BUDGETLINT_SOFFICE = saved;
      }
    };

    it.skipIf(process.platform === 'win32')('.xls and .xlsx never run soffice (a .doc does, with the same setting)', async () => {
      await withSpy(async () => {
        for (const ext of ['xls', 'xlsx']) {
          const doc = await readOk(`b.${ext}`, fixture(`office/budget-two-sheets.${ext}`));
          expect(doc.pages[0]!.tables).toHaveLength(2);
        }
        expect(existsSync(marker)).toBe(false);
        // The spy works: a .doc goes to it (and fails, as the fake soffice converts nothing).
        const doc = await read('a.doc', fixture('office/jinkouhe-ybj-2025.doc'));
        expect(doc.ok).toBe(false);
        expect(existsSync(marker)).toBe(true);
      });
    });
  });

  it('Excel 2003 XML named .xls', async () => {
    const xmlss = new TextEncoder().encode(
      '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="决算表"><Table><Row><Cell><Data ss:Type="String">单位：万元</Data></Cell></Row><Row><Cell><Data ss:Type="String">合计</Data></Cell><Cell><Data ss:Type="Number">358.84</Data></Cell></Row></Table></Worksheet></Workbook>',
    );
    expect(sniffOle(xmlss)).toBe('xmlss');
    const doc = await readOk('export.xls', xmlss);
    expect(doc.notices[0]).toBe('已读取 Excel 2003 XML 表格（无页码，定位为工作表和表中行序，空行不计）');
    expect(lines(doc)).toEqual([
      ['heading', '工作表“决算表”', '决算表'],
      ['table-row', '工作表“决算表” 表中第 1 行', '单位：万元\t'],
      ['table-row', '工作表“决算表” 表中第 2 行', '合计\t358.84'],
    ]);
    expect(doc.pages[0]!.tables[0]).toMatchObject({ unit: '万元' });
  });

  it('a BIFF5 workbook in GBK (code page 936)', async () => {
    const written = book({ YYYY: XLSX.utils.aoa_to_sheet([['XXXX', 358.84]]) }, 'biff5');
    const gbk = (text: string) => iconv.encode(text, 'gbk');
    const bytes = patchStream(written, (stream) => {
      for (let at = 0; at + 4 <= stream.length; at += 4 + stream.readUInt16LE(at + 2)) {
        if (stream.readUInt16LE(at) === 0x0042) stream.writeUInt16LE(936, at + 4);
      }
      gbk('合计').copy(stream, stream.indexOf('XXXX'));
      gbk('决算').copy(stream, stream.indexOf('YYYY'));
      return stream;
    });
    expect(sniffOle(bytes)).toBe('xls');
    const doc = await readOk('old.xls', bytes);
    expect(lines(doc)).toEqual([
      ['heading', '工作表“决算”', '决算'],
      ['table-row', '工作表“决算” 表中第 1 行', '合计\t358.84'],
    ]);
  });
});

describe('cell text is what the sheet shows', () => {
  const sheet = () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目', '金额'],
      ['noise', 176.12 + 182.72],
      ['General, 12 digits', 123456789.12],
      ['General, 14 digits', 12345678901234],
      ['thousands', 1234.5],
      ['percent', 0.5092],
      ['padded', 358.84000000000003],
      ['negative', -1234.5],
      ['two lines', '基本\n支出'],
      ['flag', true],
    ]);
    ws.B5!.z = '#,##0.00';
    ws.B6!.z = '0.00%';
    ws.B7!.z = '0.00_ ';
    ws.B8!.z = '#,##0.00_);\\(#,##0.00\\)';
    return ws;
  };

  it.each(['xlsx', 'biff8'] as const)('%s', async (bookType) => {
    const doc = await readOk(`x.${bookType === 'biff8' ? 'xls' : 'xlsx'}`, book({ 格式: sheet() }, bookType));
    expect(doc.pages[0]!.tables[0]!.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['项目', '金额'],
      ['noise', '358.84'],
      ['General, 12 digits', '123456789.12'],
      ['General, 14 digits', '12345678901234'],
      ['thousands', '1,234.50'],
      ['percent', '50.92%'],
      ['padded', '358.84'],
      ['negative', '(1,234.50)'],
      ['two lines', '基本支出'],
      ['flag', 'TRUE'],
    ]);
  });
});

describe('rows, columns, merges and sheets', () => {
  it('empty rows and columns are left out, spans count the rows and columns kept, text under a merge is not shown', async () => {
    // B2:D2 is merged; the text left in D2 is not shown, so column D is empty and the merge ends at C.
    const income = XLSX.utils.aoa_to_sheet([[], [null, '收入情况表', null, 'hidden under the merge'], [null, '项目', '金额'], [], [null, '合计', 358.84], [], []]);
    income['!merges'] = [XLSX.utils.decode_range('B2:D2')];
    const spending = XLSX.utils.aoa_to_sheet([['支出', 1], [], [null, 2]]);
    spending['!merges'] = [XLSX.utils.decode_range('A1:A3')];
    const blank = XLSX.utils.aoa_to_sheet([[], [null, '']]);
    const doc = await readOk('x.xlsx', book({ 收入: income, 空白: blank, 支出: spending }, 'xlsx', ['支出']));
    expect(doc.notices).toEqual(['已读取 .xlsx 表格（无页码，定位为工作表和表中行序，空行不计）', '工作表“支出”是隐藏的工作表，也已读取']);
    expect(lines(doc)).toEqual([
      ['heading', '工作表“收入”', '收入'],
      ['table-row', '工作表“收入” 表中第 1 行', '收入情况表'],
      ['table-row', '工作表“收入” 表中第 2 行', '项目\t金额'],
      ['table-row', '工作表“收入” 表中第 3 行', '合计\t358.84'],
      ['heading', '工作表“支出”', '支出'],
      ['table-row', '工作表“支出” 表中第 1 行', '支出\t1'],
      ['table-row', '工作表“支出” 表中第 2 行', '2'],
    ]);
    const [first, second] = doc.pages[0]!.tables;
    expect(first!.rows[0]).toMatchObject([{ text: '收入情况表', row: 0, col: 0, colSpan: 2, rowSpan: 1 }]);
    expect(first).toMatchObject({ caption: '收入情况表' });
    expect(second!.rows.map((row) => row.map((c) => [c.text, c.col, c.rowSpan]))).toEqual([
      [
        ['支出', 0, 2],
        ['1', 1, 1],
      ],
      [['2', 1, 1]],
    ]);
  });

  it('a declared range of A1:XFD1048576 reads only the cells there are', async () => {
    const written = book({ 总表: XLSX.utils.aoa_to_sheet([['合计', 358.84]]) }, 'xlsx');
    const zip = await JSZip.loadAsync(written);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('<dimension ref="A1:B1"/>');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('<dimension ref="A1:B1"/>', '<dimension ref="A1:XFD1048576"/>'));
    const bytes = new Uint8Array(await zip.generateAsync({ type: 'nodebuffer' }));
    const started = performance.now();
    const doc = await readOk('big.xlsx', bytes);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(lines(doc)).toEqual([
      ['heading', '工作表“总表”', '总表'],
      ['table-row', '工作表“总表” 表中第 1 行', '合计\t358.84'],
    ]);
  });

  it('rows, columns and cells past the limits are not read, and notices say so', () => {
    const wide = XLSX.utils.aoa_to_sheet([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
      ['j', 'k', 'l'],
    ]);
    const more = XLSX.utils.aoa_to_sheet([['m', 'n']]);
    const input = { path: 'x.xlsx', bytes: book({ 一: wide, 二: more }, 'xlsx'), sha256: SHA };
    const rowsAndColumns = extractSpreadsheet(input, '.xlsx', { maxRows: 3, maxColumns: 2, maxCells: 100 });
    if (!rowsAndColumns.ok) throw new Error(rowsAndColumns.error.message);
    expect(rowsAndColumns.document.notices.slice(1)).toEqual(['工作表“一”超过 3 行，只读取了前 3 行', '工作表“一”超过 2 列，只读取了前 2 列']);
    expect(rowsAndColumns.document.pages[0]!.lines.map((l) => l.text)).toEqual(['一', 'a\tb', 'd\te', 'g\th', '二', 'm\tn']);

    const cells = extractSpreadsheet(input, '.xlsx', { maxRows: 100, maxColumns: 100, maxCells: 7 });
    if (!cells.ok) throw new Error(cells.error.message);
    expect(cells.document.notices.slice(1)).toEqual(['工作表“一”过大：表格的单元格已超过 7 个，只读取了前 2 个有文字的行', '工作表“二”未读取：表格的单元格已超过 7 个']);
    expect(cells.document.pages[0]!.lines.map((l) => l.text)).toEqual(['一', 'a\tb\tc', 'd\te\tf']);
  });
});

describe('bad workbooks: one line, a code, no throw', () => {
  it.each([
    ['xlsx', '.xlsx'],
    ['xls', '.xls'],
  ])('a truncated .%s is corrupt', async (ext, kind) => {
    const whole = fixture(`office/budget-two-sheets.${ext}`);
    const result = await read(`broken.${ext}`, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('corrupt');
    expect(result.error.message.startsWith(`${kind} 表格无法读取，文件可能已损坏或不完整`)).toBe(true);
    expect(result.error.message).not.toContain('\n');
  });

  it('a password-protected .xls is an encrypted error', async () => {
    // A FilePass record (XOR obfuscation) right after the workbook's BOF record.
    const bytes = patchStream(fixture('office/budget-two-sheets.xls'), (stream) => {
      const bof = 4 + stream.readUInt16LE(2);
      return Buffer.concat([stream.subarray(0, bof), Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]), stream.subarray(bof)]);
    });
    expect(sniffOle(bytes)).toBe('xls');
    expect(await read('secret.xls', bytes)).toEqual({
      ok: false,
      error: { code: 'encrypted', message: '文件有打开密码（已加密），无法读取：请去除密码后重试' },
    });
  });

  it('a workbook without text is empty', async () => {
    const bytes = book({ Sheet1: XLSX.utils.aoa_to_sheet([[null, ''], []]), Sheet2: XLSX.utils.aoa_to_sheet([]) }, 'xlsx');
    expect(await read('blank.xlsx', bytes)).toEqual({ ok: false, error: { code: 'empty', message: '表格中没有文字内容' } });
  });
});
