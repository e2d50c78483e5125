/**
 * PDF reader on real files: the corpus reports as LibreOffice printed them (lines, wraps,
 * footers, the 自评表 over seven pages) and page cuts of published budgets (ruled tables,
 * units, merged cells, tables continued on the next page, rotated pages).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cell, CellSpan, Document, Line, Page, Table } from '../model/document.js';
import { extractPdf } from '../extractors/pdf.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function read(path: string, engine?: 'pdfium' | 'pdfjs'): Promise<Document> {
  const bytes = new Uint8Array(readFileSync(join(root, 'fixtures', path)));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = await extractPdf({ path, bytes, sha256 }, engine ? { engine } : {});
  if (!result.ok) throw new Error(`${path}: ${result.error.message}`);
  return result.document;
}

function page(doc: Document, number: number): Page {
  const found = doc.pages.find((p) => p.number === number);
  if (!found) throw new Error(`no page ${number}`);
  return found;
}

function line(doc: Document, pageNumber: number, lineNumber: number): Line {
  const found = page(doc, pageNumber).lines.find((l) => l.number === lineNumber);
  if (!found) throw new Error(`no line ${pageNumber}:${lineNumber}`);
  return found;
}

/** Row texts of a table: cells in column order, as `label|amount|…`. */
function rowTexts(table: Table): string[] {
  return table.rows.map((row) => row.map((c) => c.text).join('|'));
}

function rowStarting(table: Table, label: string): Cell[] {
  const row = table.rows.find((r) => r[0]?.text === label);
  if (!row) throw new Error(`no row ${label} in ${table.caption}`);
  return row;
}

function cellAt(row: Cell[], col: number): Cell | undefined {
  return row.find((c) => c.col === col);
}

/** The text a cell span points at. */
function spanText(doc: Document, tablePage: number, span: CellSpan): string {
  const l = line(doc, span.page ?? tablePage, span.line);
  return l.text.slice(span.start, span.end);
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('corpus report printed by LibreOffice (jinkouhe-ybj-2025.pdf)', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await read('reports/jinkouhe-ybj-2025.pdf');
  });

  it('is a 14-page A4 PDF with known page numbers', () => {
    expect(doc.format).toBe('pdf');
    expect(doc.pageNumbersKnown).toBe(true);
    expect(doc.pages).toHaveLength(14);
    expect(page(doc, 1).width).toBeCloseTo(595.3, 1);
    expect(page(doc, 1).height).toBeCloseTo(841.89, 1);
    expect(page(doc, 1).source).toBe('text-layer');
  });

  it('reads the 支出情况 paragraph on page 2, lines 19–21, wrapped inside 占 / 50.92%', () => {
    expect(line(doc, 2, 19)).toMatchObject({ text: '(二) 支出情况。2025 年财政拨款支出 358.84 万元，其中：', continues: true });
    expect(line(doc, 2, 20)).toMatchObject({ text: '基本支出 176.12 万元，占 49.08%；项目支出 182.68 万元，占', continues: true });
    expect(line(doc, 2, 21).text).toBe('50.92%。');
    expect(line(doc, 2, 21).continues).toBeUndefined();
    // Joined as the normalizer joins them, the paragraph is the .md sentence.
    const md = readFileSync(join(root, 'fixtures/reports/jinkouhe-ybj-2025.md'), 'utf8');
    const sentence = md.split('\n').find((l) => l.startsWith('(二) 支出情况'))!;
    expect(squash([19, 20, 21].map((n) => line(doc, 2, n).text).join(''))).toBe(squash(sentence));
  });

  it('marks a paragraph that runs on to the next page', () => {
    const last = page(doc, 3).lines.at(-1)!;
    expect(last.text).toBe('0.03 万元，该结余是由往年结余产生。五是严控一般性支出方');
    expect(last.continues).toBe(true);
    expect(line(doc, 4, 1).text.startsWith('面，2025 年一般性项目支出年初预算 22.55 万元')).toBe(true);
    // A paragraph that ends on its page does not continue.
    expect(page(doc, 1).lines.at(-1)).toMatchObject({ text: '态调整机制。' });
    expect(page(doc, 1).lines.at(-1)!.continues).toBeUndefined();
  });

  it('drops the — N — footers', () => {
    for (const p of doc.pages) {
      for (const l of p.lines) expect(l.text).not.toMatch(/^[—–-]\s*\d+\s*[—–-]$/);
    }
    // page 1 ends with the body text, not with "— 1 —"
    expect(page(doc, 1).lines).toHaveLength(21);
  });

  it('gives each line a bbox and each token a segment in page units, y down', () => {
    const l = line(doc, 2, 19);
    expect(l.bbox!.y0).toBeGreaterThan(page(doc, 2).height! / 2); // lower half of page 2
    expect(l.bbox!.x0).toBeCloseTo(108.7, 0); // indented first line
    const at = l.text.indexOf('358.84');
    const segment = l.segments!.find((s) => s.start <= at && s.end >= at + 6)!;
    expect(l.text.slice(segment.start, segment.end)).toBe('358.84');
    expect(segment.bbox.x0).toBeGreaterThan(l.bbox!.x0);
    expect(segment.bbox.x1).toBeLessThan(l.bbox!.x1);
    expect(segment.bbox.y0).toBeCloseTo(l.bbox!.y0, 1);
    for (const s of l.segments!) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(l.text.slice(s.start, s.end)).not.toMatch(/\s/);
    }
  });

  it('reads the 自评表 as one table over pages 8–14 with 单位：万元', () => {
    const tables = doc.pages.flatMap((p) => p.tables);
    expect(tables).toHaveLength(1);
    const table = page(doc, 8).tables[0]!;
    expect(table.caption).toBe('附表部门整体支出绩效目标完成情况自评表(2025 年度)');
    expect(table.unit).toBe('万元');
    expect(table.pages).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(rowTexts(table)[1]).toBe('年度部门整体支出预算|资金总额|财政拨款|其他资金|||||');
    expect(rowTexts(table)[2]).toBe('|396.3564|396.3564|0|||||'); // 396.356 / 4 wrapped in the cell
    const header = table.rows.find((r) => r.some((c) => c.text === '权重'))!;
    expect(header.map((c) => c.text)).toEqual(['年度绩效指标', '一级指标', '二级指标', '三级指标', '绩效指标性质', '绩效指标值', '绩效度量单位', '权重', '实际完成指标值']);
    // A row cut by the page break (全区符合条件困难群 | 众人数) is one row.
    const split = table.rows.find((r) => cellAt(r, 3)?.text === '全区符合条件困难群众人数')!;
    expect(split.map((c) => c.text)).toEqual(['', '', '', '全区符合条件困难群众人数', '≥', '3100', '人', '5%', '']);
    expect(cellAt(split, 3)!.spans.map((s) => [(s).page, s.line])).toEqual([[12, 12], [13, 1]]);
    // The weights column adds up to 90 (the report's own mistake).
    const weights = table.rows
      .slice(table.rows.indexOf(header) + 1)
      .map((r) => cellAt(r, 7)?.text ?? '')
      .filter((t) => /%$/.test(t))
      .map((t) => Number(t.replace('%', '')));
    expect(weights).toEqual([5, 5, 10, 5, 5, 5, 10, 10, 10, 10, 5, 5, 5]);
    const xxxx = table.rows.find((r) => cellAt(r, 8)?.text === 'XXXX')!;
    expect(cellAt(xxxx, 3)!.text).toBe('按照实际举报数据');
  });

  it('makes each table row a line whose cells point at their text', () => {
    const table = page(doc, 8).tables[0]!;
    for (const row of table.rows) {
      for (const cell of row) {
        const pieces = cell.spans.map((s) => spanText(doc, 8, s));
        expect(pieces.join('')).toBe(cell.text);
      }
    }
    const rowLine = line(doc, 13, 4);
    expect(rowLine.kind).toBe('table-row');
    expect(rowLine.text.split('\t')).toEqual(['', '', '', '足额保障率', '≥', '99', '%', '10%', '']);
  });
});

describe('the other corpus reports', () => {
  it('huizhou-ybj-2022.pdf has the same text as its .md', async () => {
    const doc = await read('reports/huizhou-ybj-2022.pdf');
    const pdfText = squash(doc.pages.flatMap((p) => p.lines.map((l) => l.text)).join(''));
    const md = readFileSync(join(root, 'fixtures/reports/huizhou-ybj-2022.md'), 'utf8').replace(/<[^>]+>/g, '').replace(/[#*]/g, '');
    expect(pdfText).toBe(squash(md));
  });

  it('meizhou-ybj-2023.pdf keeps a formula line whole and wraps the unit onto the next line', async () => {
    const doc = await read('reports/meizhou-ybj-2023.pdf');
    expect(line(doc, 11, 6)).toMatchObject({ text: '=769.89 / (202170.21 + 18342816.2)×100%=0.004% < 10%', continues: true });
    expect(line(doc, 11, 7).text).toBe('。该指标自评分数为 3 分。');
  });
});

describe('published budget tables (page cuts in fixtures/real)', () => {
  it('财政拨款收入支出决算总表 (WPS, 万元) continues on the next page as one table', async () => {
    const doc = await read('real/sh-putuo-shgzb-2024-juesuan-p10-11.pdf');
    expect(doc.pages).toHaveLength(2);
    expect(page(doc, 2).tables).toHaveLength(0);
    const table = page(doc, 1).tables[0]!;
    expect(table.caption).toBe('财政拨款收入支出决算总表');
    expect(table.unit).toBe('万元');
    expect(table.pages).toEqual([1, 2]);
    expect(rowTexts(table)[1]).toBe('项目|决算数|项目|合计|一般公共预算财政拨款|政府性基金预算财政拨款|国有资本经营预算财政拨款');
    expect(rowStarting(table, '一、一般公共预算财政拨款').map((c) => c.text)).toEqual(['一、一般公共预算财政拨款', '307.82', '一、一般公共服务支出', '264.87', '264.87', '', '']);
    const housing = table.rows.find((r) => cellAt(r, 2)?.text === '十九、住房保障支出')!;
    expect(cellAt(housing, 3)!.text).toBe('29.42');
    expect(cellAt(housing, 3)!.spans[0]!.page).toBe(2);
    const total = table.rows.at(-1)!;
    expect(total.map((c) => c.text)).toEqual(['总计', '307.82', '总计', '307.82', '307.82', '', '']);
    expect(spanText(doc, 1, cellAt(total, 4)!.spans[0]!)).toBe('307.82');
    // The note under the table stays a text line.
    expect(page(doc, 2).lines.at(-1)).toMatchObject({ kind: 'text', text: '注：本表反映部门本年度财政拨款总收支和结转结余情况。' });
  });

  it('财务收支预算总表 (WPS 表格 export) is in 元; 收入预算总表 runs over two pages', async () => {
    const doc = await read('real/sh-putuo-sww-2025-yusuan-p9-11.pdf');
    const [summary] = page(doc, 1).tables;
    expect(summary!.caption).toBe('2025年部门财务收支预算总表');
    expect(summary!.unit).toBe('元');
    expect(line(doc, 1, 2)).toMatchObject({ kind: 'caption', text: '编制部门：上海市普陀区商务委员会\t单位：元' });
    expect(rowTexts(summary!).slice(0, 3)).toEqual(['本年收入|本年支出', '项目|预算数|项目|预算数', '一、财政拨款收入|371,514,655.00|一、一般公共服务支出|21,601,733.00']);
    expect(rowStarting(summary!, '收入总计').map((c) => c.text)).toEqual(['收入总计', '371,514,655.00', '支出总计', '371,514,655.00']);
    expect(summary!.rows[0]!.map((c) => c.colSpan)).toEqual([2, 2]);

    const income = page(doc, 2).tables[0]!;
    expect(income.caption).toBe('2025年部门收入预算总表');
    expect(income.unit).toBe('元');
    expect(income.pages).toEqual([2, 3]);
    expect(income.rows[1]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([
      ['功能分类科目编码', 1, 3],
      ['功能分类科目名称', 2, 1],
      ['合计', 2, 1],
      ['财政拨款收入', 2, 1],
      ['事业收入', 2, 1],
      ['事业单位经营收入', 2, 1],
      ['其他收入', 2, 1],
    ]);
    const pension = income.rows.find((r) => cellAt(r, 3)?.text === '机关事业单位职业年金缴费支出')!;
    expect(pension.slice(0, 6).map((c) => c.text)).toEqual(['208', '05', '06', '机关事业单位职业年金缴费支出', '705,443.00', '705,443.00']);
    expect(rowTexts(income).at(-1)).toBe('合计|371,514,655.00|371,514,655.00|||');
    expect(income.rows.at(-1)![0]!.colSpan).toBe(4);
  });

  it('rotated Acrobat pages: 收入预算总表 with cells merged over rows, 单位 on the 部门 line', async () => {
    const doc = await read('real/js-rdcwh-2019-yusuan-p2-4.pdf');
    expect(page(doc, 1).width).toBe(1191);
    expect(page(doc, 1).height).toBe(842);
    const income = page(doc, 1).tables[0]!;
    expect(income.caption).toBe('收入预算总表');
    expect(income.unit).toBe('万元');
    const general = rowStarting(income, '一般公共预算资金');
    expect(general.map((c) => [c.text, c.rowSpan])).toEqual([['一般公共预算资金', 3], ['小计', 1], ['18,330.37', 1]]);
    const next = income.rows[income.rows.indexOf(general) + 1]!;
    expect(next.map((c) => [c.col, c.text])).toEqual([[1, '公共财政拨款(补助)资金'], [2, '18,330.37']]);
    const fiscal = page(doc, 2).tables[0]!;
    expect(fiscal.caption).toBe('财政拨款收支预算总表');
    expect(fiscal.unit).toBe('万元');
    expect(rowStarting(fiscal, '一、一般公共预算').map((c) => c.text)).toEqual(['一、一般公共预算', '18,330.37', '一、基本支出', '9,312.90']);
    expect(rowStarting(fiscal, '收入合计').map((c) => c.text)).toEqual(['收入合计', '18,330.37', '支出合计', '18,330.37']);
  });

  it('a scanned page without text layer needs OCR and says so', async () => {
    const doc = await read('real/scanned-capital-zh-p1.pdf');
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]).toMatchObject({ number: 1, needsOcr: true, lines: [], notices: ['第 1 页无可用文本层，需要 OCR'] });
  });
});

describe('tables without ruling lines (borders removed from real pages)', () => {
  it('财政拨款收支预算总表: columns from alignment, an amount next to the next column\'s label stays apart', async () => {
    const doc = await read('real/js-rdcwh-2019-yusuan-p4-unruled.pdf');
    const table = page(doc, 1).tables[0]!;
    expect(table.caption).toBe('财政拨款收支预算总表');
    expect(table.unit).toBe('万元');
    expect(rowStarting(table, '一、一般公共预算').map((c) => c.text)).toEqual(['一、一般公共预算', '18,330.37', '一、基本支出', '9,312.90']);
    expect(rowStarting(table, '收入合计').map((c) => c.text)).toEqual(['收入合计', '18,330.37', '支出合计', '18,330.37']);
    const third = table.rows.find((r) => cellAt(r, 2)?.text === '三、单位预留机动经费')!;
    expect(third.map((c) => c.text)).toEqual(['', '', '三、单位预留机动经费', '2,557.89']);
    const rowLine = line(doc, 1, 8);
    expect(rowLine).toMatchObject({ kind: 'table-row', text: '一、一般公共预算\t18,330.37\t一、基本支出\t9,312.90' });
  });

  const swwRows = [
    '项目|预算数|项目|预算数',
    '一、财政拨款收入|371,514,655.00|一、一般公共服务支出|21,601,733.00',
    '1. 一般公共预算资金|371,514,655.00|二、科学技术支出|17,200,000.00',
    '2. 政府性基金||三、社会保障和就业支出|3,808,085.00',
    '3. 国有资本经营预算||四、卫生健康支出|881,803.00',
    '二、事业收入||五、资源勘探工业信息等支出|293,810,000.00',
    '三、事业单位经营收入||六、商业服务业等支出|31,364,000.00',
    '四、其他收入||七、住房保障支出|2,849,034.00',
    '收入总计|371,514,655.00|支出总计|371,514,655.00',
  ];

  it('财务收支预算总表 without any rule: blank rows before the 总计 row do not end the table', async () => {
    const doc = await read('real/sh-putuo-sww-2025-yusuan-p9-redrawn.pdf');
    const table = page(doc, 1).tables[0]!;
    expect(table.unit).toBe('元');
    expect(rowTexts(table)).toEqual(['本年收入|本年支出|', ...swwRows]);
    expect(table.rows[0]![0]!.colSpan).toBe(2);
  });

  it('财务收支预算总表 without rules between its rows: stacked amounts cut the grid row into records', async () => {
    const doc = await read('real/sh-putuo-sww-2025-yusuan-p9-redrawn.pdf');
    const table = page(doc, 2).tables[0]!;
    expect(table.caption).toBe('2025年部门财务收支预算总表');
    expect(table.unit).toBe('元');
    expect(rowTexts(table)).toEqual(['本年收入|本年支出', ...swwRows]);
    // No two amounts glued into one number anywhere on the page.
    for (const l of page(doc, 2).lines) expect(l.text).not.toMatch(/\.\d\d\d/);
  });
});

describe('layout of one item that straddles two table columns', () => {
  it('splits `86.06% 6` at the column line into two cells', async () => {
    const { tokensFromItems } = await import('../extractors/pdf/text.js');
    const { findGrids } = await import('../extractors/pdf/grid.js');
    const { layoutPage } = await import('../extractors/pdf/page.js');
    const { finishPages } = await import('../extractors/pdf/assemble.js');
    // A 2×3 ruled grid (display units, y down) and text items as pdf.js gives them (PDF units, y up).
    const h = (y: number) => ({ dir: 'h' as const, pos: y, from: 50, to: 350 });
    const v = (x: number) => ({ dir: 'v' as const, pos: x, from: 100, to: 160 });
    const grids = findGrids([h(100), h(130), h(160), v(50), v(150), v(250), v(350)]);
    const flip = [1, 0, 0, -1, 0, 842];
    const item = (str: string, x: number, baseline: number, width: number) => ({ str, transform: [10, 0, 0, 10, x, 842 - baseline], width, height: 10, fontName: 'f' });
    const tokens = tokensFromItems(
      // pdf.js returned `86.06%` (column 2) and `6` (column 3) as one item with a wide space.
      [item('指标', 60, 120, 20), item('完成率', 160, 120, 30), item('偏差', 260, 120, 20), item('总体', 60, 150, 20), item('86.06% 6', 210, 150, 84)],
      {},
      flip,
    );
    const [page] = finishPages([layoutPage(1, 595, 842, tokens, grids)]);
    const table = page!.tables[0]!;
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['指标', '完成率', '偏差'],
      ['总体', '86.06%', '6'],
    ]);
    expect(page!.lines[1]!.text).toBe('总体\t86.06%\t6');
  });
});

describe('the PDF engines: PDFium reads, pdf.js stays beside it', () => {
  const texts = (doc: Document, n: number) => page(doc, n).lines.map((l) => l.text);

  it('the display matrix is pdf.js\'s viewport for every rotation', async () => {
    const { displayMatrix } = await import('../extractors/pdf/geometry.js');
    const { openPdf, closePdf } = await import('../extractors/pdfjs.js');
    for (const path of ['real/js-rdcwh-2019-yusuan-p2-4.pdf', 'reports/jinkouhe-ybj-2025.pdf']) {
      const doc = await openPdf(new Uint8Array(readFileSync(join(root, 'fixtures', path))));
      const first = await doc.getPage(1);
      for (const rotation of [0, 90, 180, 270]) {
        const viewport = first.getViewport({ scale: 1, rotation });
        const ours = displayMatrix(first.view as [number, number, number, number], rotation);
        expect(ours.transform.map((v) => v + 0)).toEqual(viewport.transform.map((v: number) => v + 0));
        expect([ours.width, ours.height]).toEqual([viewport.width, viewport.height]);
      }
      await closePdf(doc);
    }
  });

  it('synthetic italic figures stay on their line (pdf.js set them a line lower, apart from their words)', async () => {
    const doc = await read('real/js-jcy-2017-yusuan-p19.pdf', 'pdfium');
    const lines = texts(doc, 1);
    expect(lines).toContain('基本支出 12323.48 万元，占 68.48 %；');
    expect(lines).toContain('比增加 1483.8 万元，增长 13.69 %。主要是因员额制检');
    expect(lines).toContain('单位预留机动经费 140.2 万元，占 0.78 %');
    // The figure's box is on its line, where pdftotext puts it.
    const basic = page(doc, 1).lines.find((l) => l.text.startsWith('基本支出 12323.48'))!;
    const share = basic.segments?.find((s) => basic.text.slice(s.start, s.end).startsWith('68.48'));
    expect(share?.bbox.y0).toBeCloseTo(basic.bbox!.y0, 0);
  });

  it.each(['pdfium', 'pdfjs'] as const)('%s: text outside the page box, or cut off at its edge, is not read', async (engine) => {
    // js-jcy-2019 p21 sets a second 单位：万元 to the right of the page; sww p3 ends with the first line
    // of p4 printed below the bottom edge, its baseline off the page.
    const table = await read('real/js-jcy-2019-yusuan-p21.pdf', engine);
    expect(texts(table, 1).filter((t) => t.includes('单位：万元'))).toEqual(['部门名称：江苏省人民检察院\t单位：万元']);
    const text = await read('real/sh-putuo-sww-2025-yusuan-p3.pdf', engine);
    expect(texts(text, 1).at(-1)).toBe('核日常协调工作。负责本区粮食流通行业管理，牵头负责粮食流通监督检查；负责本区粮食市场供需和价格情况的监测和应急供应；负责');
    expect(texts(text, 1).some((t) => t.includes('帮困对象'))).toBe(false);
  });

  it('both engines lay out a ruled table continued over two pages the same way', async () => {
    const [pdfium, pdfjs] = await Promise.all([read('real/sh-putuo-shgzb-2024-juesuan-p10-11.pdf', 'pdfium'), read('real/sh-putuo-shgzb-2024-juesuan-p10-11.pdf', 'pdfjs')]);
    expect(pdfium.pages.map((p) => p.tables.map(rowTexts))).toEqual(pdfjs.pages.map((p) => p.tables.map(rowTexts)));
    expect(pdfium.pages[0]!.tables[0]!.rows.length).toBeGreaterThan(10);
    expect(pdfium.pages.map((p) => p.lines.map((l) => l.text))).toEqual(pdfjs.pages.map((p) => p.lines.map((l) => l.text)));
  });

  it('a heap grown past the limit is given back: the next document gets a fresh PDFium', async () => {
    const { loadPdfium, releasePdfiumIfLarge } = await import('../extractors/pdfium.js');
    const first = await loadPdfium();
    releasePdfiumIfLarge(first);
    expect(await loadPdfium()).toBe(first);
    releasePdfiumIfLarge(first, 0);
    const fresh = await loadPdfium();
    expect(fresh).not.toBe(first);
    expect(texts(await read('real/js-jcy-2019-yusuan-p21.pdf', 'pdfium'), 1)).toContain('部门名称：江苏省人民检察院\t单位：万元');
  });
});
