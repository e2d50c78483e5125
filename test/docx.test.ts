import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DocumentSchema, type Document, type Line, type Table } from '../model/document.js';
import { extractDocx } from '../extractors/docx.js';
import { extractDocument } from '../extractors/index.js';
import { level, makeDocx, numbered, p, textBox } from './docx-helpers.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));
const SHA = '0'.repeat(64);

async function read(path: string, bytes: Uint8Array = fixture(path)): Promise<Document> {
  const result = await extractDocx({ path, bytes, sha256: SHA }, {});
  if (!result.ok) throw new Error(result.error.message);
  return DocumentSchema.parse(result.document);
}

function cellTexts(table: Table, row: number): string[] {
  return (table.rows[row] ?? []).map((cell) => cell.text);
}

/** Every cell's spans point at its own text in its row's line. */
function expectSpansPointAtText(lines: Line[], table: Table): void {
  const byNumber = new Map(lines.map((line) => [line.number, line]));
  for (const row of table.rows) {
    for (const cell of row) {
      if (cell.text === '') {
        expect(cell.spans).toEqual([]);
        continue;
      }
      expect(cell.spans).toHaveLength(1);
      const span = cell.spans[0]!;
      const line = byNumber.get(span.line)!;
      expect(line.kind).toBe('table-row');
      expect(line.text.slice(span.start, span.end)).toBe(cell.text);
    }
  }
}

const REPORTS = ['huizhou-ybj-2022', 'jinkouhe-ybj-2025', 'meixian-ybj-2025', 'meizhou-ybj-2023', 'potou-ybj-2022'];

describe('Word reader on the corpus reports', () => {
  it('reads jinkouhe: one page, no page numbers, a locator on every line', async () => {
    const doc = await read('reports/jinkouhe-ybj-2025.docx');
    expect(doc.format).toBe('docx');
    expect(doc.pageNumbersKnown).toBe(false);
    expect(doc.pages).toHaveLength(1);
    const page = doc.pages[0]!;
    expect(page.number).toBe(1);
    expect(page.lines.map((line) => line.number)).toEqual(page.lines.map((_, i) => i + 1));
    for (const line of page.lines) expect(line.locator).toMatch(/^(第 \d+ 段|表 \d+ 第 \d+ 行)$/);
    expect(doc.notices).toEqual([]);
  });

  it('finds the paragraph with 358.84 万元 and says where it is', async () => {
    const page = (await read('reports/jinkouhe-ybj-2025.docx')).pages[0]!;
    const line = page.lines.find((l) => l.text.includes('支出 358.84 万元'))!;
    expect(line).toMatchObject({
      number: 18,
      kind: 'text',
      locator: '第 18 段',
      text: '(二) 支出情况。2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%；项目支出 182.68 万元，占 50.92%。',
    });
  });

  it('reads the indicator table as a real table: rows, cells, columns, caption and unit', async () => {
    const page = (await read('reports/jinkouhe-ybj-2025.docx')).pages[0]!;
    expect(page.tables).toHaveLength(1);
    const table = page.tables[0]!;
    expect(table.index).toBe(0);
    expect(table.rows).toHaveLength(26);
    expect(table.unit).toBe('万元');
    expect(table.caption).toBe('附表部门整体支出绩效目标完成情况自评表(2025 年度)');
    expect(page.lines.find((l) => l.text === '单位：万元')?.kind).toBe('caption');

    const row = table.rows.findIndex((cells) => cells.some((cell) => cell.text === '按照实际举报数据'));
    expect(row).toBe(13);
    expect(cellTexts(table, row)).toEqual(['', '产出指标', '数量指标', '按照实际举报数据', '≥', '0', '件', '5%', 'XXXX']);
    expect(table.rows[row]!.map((cell) => cell.col)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const line = page.lines.find((l) => l.number === table.rows[row]![3]!.spans[0]!.line)!;
    expect(line).toMatchObject({ kind: 'table-row', locator: '表 1 第 14 行', text: '\t产出指标\t数量指标\t按照实际举报数据\t≥\t0\t件\t5%\tXXXX' });
    expect(cellTexts(table, 12)).toEqual(['年度绩效指标', '一级指标', '二级指标', '三级指标', '绩效指标性质', '绩效指标值', '绩效度量单位', '权重', '实际完成指标值']);
    // The weights column (权重): these are the figures that add up to 90%.
    const weights = table.rows.slice(13).map((cells) => cells[7]?.text);
    expect(weights).toEqual(['5%', '5%', '10%', '5%', '5%', '5%', '10%', '10%', '10%', '10%', '5%', '5%', '5%']);
    expectSpansPointAtText(page.lines, table);
  });

  it.each(REPORTS)('%s: the same text and the same figures, in order, as the .md form', async (name) => {
    const page = (await read(`reports/${name}.docx`)).pages[0]!;
    const docx = page.lines.map((line) => line.text).join('\n');
    const md = new TextDecoder().decode(fixture(`reports/${name}.md`));
    const numbers = (text: string) => text.match(/\d+(?:\.\d+)?/g) ?? [];
    expect(numbers(docx)).toEqual(numbers(md));
    expect(page.lines.some((line) => /^\s*(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页)\s*$/.test(line.text))).toBe(false);
  });
});

describe('Word template with merged cells (zwgk annual report template)', () => {
  it('keeps rowspan and colspan and places cells on the grid', async () => {
    const page = (await read('real/zwgk-annual-report-template.docx')).pages[0]!;
    expect(page.tables.map((t) => t.rows.length)).toEqual([14, 28, 4]);

    const [first, second, third] = page.tables as [Table, Table, Table];
    expect(first.rows[0]).toMatchObject([{ text: '第二十条第（一）项', col: 0, colSpan: 4, rowSpan: 1 }]);
    expect(first.rows[12]).toMatchObject([
      { text: '信息内容', col: 0, colSpan: 1 },
      { text: '本年收费金额（单位：万元）', col: 1, colSpan: 3 },
    ]);
    // Empty value cells are cells with no text and no span.
    expect(first.rows[13]).toMatchObject([{ text: '行政事业性收费' }, { text: '', col: 1, colSpan: 3, spans: [] }]);

    expect(second.rows[0]).toMatchObject([
      { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', col: 0, rowSpan: 3, colSpan: 3 },
      { text: '申请人情况', col: 3, colSpan: 7 },
    ]);
    expect(second.rows[1]).toMatchObject([
      { text: '自然人', col: 3, rowSpan: 2 },
      { text: '法人或其他组织', col: 4, colSpan: 5 },
      { text: '总计', col: 9, rowSpan: 2 },
    ]);
    // Paragraphs inside a cell join without a space between Chinese characters.
    expect(cellTexts(second, 2)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(second.rows[2]!.map((c) => c.col)).toEqual([4, 5, 6, 7, 8]);
    expect(second.rows[5]!.slice(0, 2)).toMatchObject([
      { text: '三、本年度办理结果', col: 0, rowSpan: 22 },
      { text: '（一）予以公开', col: 1, colSpan: 2 },
    ]);
    expect(second.rows[7]!.slice(0, 2)).toMatchObject([
      { text: '（三）不予公开', col: 1, rowSpan: 8 },
      { text: '1.属于国家秘密', col: 2 },
    ]);
    // Covered by two row spans: the row starts at grid column 2, and its value cells at 3…9.
    expect(second.rows[8]!.map((c) => c.col)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(second.rows[8]![0]!.text).toBe('2.其他法律行政法规禁止公开');
    expect(second.rows[27]!.map((c) => c.col)).toEqual([0, 3, 4, 5, 6, 7, 8, 9]);

    expect(third.rows[1]!.map((c) => [c.text, c.col, c.rowSpan, c.colSpan])).toEqual([
      ['结果维持', 0, 2, 1],
      ['结果纠正', 1, 2, 1],
      ['其他结果', 2, 2, 1],
      ['尚未审结', 3, 2, 1],
      ['总计', 4, 2, 1],
      ['未经复议直接起诉', 5, 1, 5],
      ['复议后起诉', 10, 1, 5],
    ]);
    expect(third.rows[3]!.map((c) => c.col)).toEqual([...Array(15).keys()]);
    for (const table of page.tables) expectSpansPointAtText(page.lines, table);

    const rowLine = page.lines.find((l) => l.text.startsWith('（三）不予公开'))!;
    expect(rowLine).toMatchObject({ kind: 'table-row', locator: '表 2 第 8 行', text: '（三）不予公开\t1.属于国家秘密\t\t\t\t\t\t\t' });
    expect(page.lines.find((l) => l.text === '六、其他需要报告的事项')?.locator).toBe('第 9 段');
  });
});

describe('Word features the corpus lacks', () => {
  it('heading styles, footnotes, line breaks, tabs, page-number paragraphs, text boxes, charts', async () => {
    const bytes = await makeDocx({
      body: [
        p('部门整体支出绩效自评报告', 'Title'),
        p('一、部门基本情况', '1'),
        p('（一）收入情况', 'a3'),
        `<w:p><w:r><w:t>2025 年支出 358.84 万元</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>，其中：</w:t></w:r></w:p>`,
        `<w:p><w:r><w:t>基本支出</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>176.12 万元</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>项目支出 182.68 万元</w:t></w:r></w:p>`,
        p('— 3 —'),
        p('第 4 页'),
        textBox('文本框内：结余 0.03 万元'),
      ].join(''),
      footnotes: `<w:footnote w:id="1"><w:p><w:r><w:t>数据来源：2025 年部门决算，单位万元。</w:t></w:r></w:p></w:footnote>`,
      extra: { 'word/charts/chart1.xml': '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>' },
    });
    const doc = await read('features.docx', bytes);
    const lines = doc.pages[0]!.lines.map((l) => ({ text: l.text, kind: l.kind, level: l.headingLevel, locator: l.locator }));
    expect(lines).toEqual([
      { text: '部门整体支出绩效自评报告', kind: 'heading', level: 1, locator: '第 1 段' },
      { text: '一、部门基本情况', kind: 'heading', level: 1, locator: '第 2 段' },
      { text: '（一）收入情况', kind: 'heading', level: 2, locator: '第 3 段' },
      // The footnote mark `[1]` is not a figure: it is dropped from the text.
      { text: '2025 年支出 358.84 万元，其中：', kind: 'text', level: undefined, locator: '第 4 段' },
      // A tab becomes a space (tabs are kept for table cell borders); a line break starts a new line of the same paragraph.
      { text: '基本支出 176.12 万元', kind: 'text', level: undefined, locator: '第 5 段' },
      { text: '项目支出 182.68 万元', kind: 'text', level: undefined, locator: '第 5 段' },
      // `— 3 —` and `第 4 页` are dropped; the footnote follows the body.
      { text: '数据来源：2025 年部门决算，单位万元。', kind: 'text', level: undefined, locator: '脚注 1' },
      // mammoth cannot see a DrawingML-only text box: recovered at the end.
      { text: '文本框内：结余 0.03 万元', kind: 'text', level: undefined, locator: '文本框 1' },
    ]);
    expect(doc.notices).toEqual(['文本框中的 1 段文字位置不确定，已附在文末（定位为“文本框 N”）', '文档含 1 个图表，图表中的数字未读取']);
  });

  it('a document with only pictures is an empty-text error that says so', async () => {
    const bytes = await makeDocx({ body: '<w:p/>', extra: { 'word/media/image1.png': 'x' } });
    const result = await extractDocx({ path: 'scan.docx', bytes, sha256: SHA }, {});
    expect(result).toEqual({ ok: false, error: { code: 'empty', message: 'Word 文档中没有文字，只有 1 张图片（可能是扫描件）：请另存为 PDF 后用 OCR 读取' } });
  });
});

describe('bad Word input: one clear error, never a throw', () => {
  it('a truncated docx', async () => {
    const docx = fixture('reports/jinkouhe-ybj-2025.docx');
    for (const cut of [20, 200, Math.floor(docx.length / 2), docx.length - 10]) {
      const result = await extractDocument({ path: 'cut.docx', bytes: docx.subarray(0, cut), sha256: SHA }, {});
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('corrupt');
        expect(result.error.message).toMatch(/^Word 文件已损坏/);
        expect(result.error.message).not.toContain('\n');
      }
    }
  });

  it('a ZIP that is not a docx', async () => {
    const zip = new JSZip();
    zip.file('word/报告.txt', '支出 358.84 万元');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const result = await extractDocument({ path: 'report.docx', bytes, sha256: SHA }, {});
    expect(result).toEqual({ ok: false, error: { code: 'unsupported', message: '不是可识别的报告文件：ZIP 压缩包中没有 Word 文档' } });
    // Handed to the Word reader directly, it still says what is wrong.
    const direct = await extractDocx({ path: 'report.docx', bytes, sha256: SHA }, {});
    expect(direct).toEqual({ ok: false, error: { code: 'not-a-report', message: '不是 Word 文档：ZIP 包中没有 word/document.xml' } });
  });

  it('an OOXML package without its main document part', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('word/styles.xml', '<w:styles/>');
    const result = await extractDocx({ path: 'x.docx', bytes: await zip.generateAsync({ type: 'uint8array' }), sha256: SHA }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'not-a-report', message: '不是 Word 文档：缺少正文部分（word/document.xml）' });
  });

  it('a .docx that is really a PDF goes to the PDF reader', async () => {
    const result = await extractDocument({ path: 'report.docx', bytes: fixture('reports/jinkouhe-ybj-2025.pdf'), sha256: SHA }, {});
    if (result.ok) expect(result.document.format).toBe('pdf');
    else expect(result.error.message).not.toMatch(/Word|docx/);
  });
});

describe('what Word shows but mammoth does not read', () => {
  it('automatic numbering: lists and numbered heading styles, Chinese and other formats, nested levels', async () => {
    const bytes = await makeDocx({
      numbering: [
        `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、', '<w:pStyle w:val="1"/><w:suff w:val="nothing"/>')}${level(1, 'chineseCounting', '（%2）')}${level(2, 'decimal', '%3.')}</w:abstractNum>`,
        `<w:abstractNum w:abstractNumId="1">${level(0, 'decimalEnclosedCircle', '%1')}</w:abstractNum>`,
        `<w:abstractNum w:abstractNumId="2">${level(0, 'bullet', '•')}</w:abstractNum>`,
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
      ].join(''),
      // The heading style carries the numbering (as in many official templates).
      styles: '<w:style w:type="paragraph" w:styleId="h1n"><w:name w:val="heading 1"/><w:basedOn w:val="1"/></w:style>',
      body: [
        `<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>部门基本情况</w:t></w:r></w:p>`,
        numbered('收入情况', 1, 1),
        numbered('财政拨款收入 358.84 万元', 1, 2),
        numbered('其他收入 0 万元', 1, 2),
        numbered('支出情况', 1, 1),
        numbered('基本支出 176.12 万元', 1, 2),
        `<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>绩效分析</w:t></w:r></w:p>`,
        numbered('预算编制', 2),
        numbered('目标设置', 2),
        numbered('要点', 3),
        numbered('重新编号', 4),
      ].join(''),
    });
    const doc = await read('numbered.docx', bytes);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual([
      '一、部门基本情况',
      '（一）收入情况',
      '1. 财政拨款收入 358.84 万元',
      '2. 其他收入 0 万元',
      '（二）支出情况',
      '1. 基本支出 176.12 万元',
      '二、绩效分析',
      '①预算编制',
      '②目标设置',
      // Bullets are not numbers: nothing is added.
      '要点',
      // A list with its own start restarts.
      '①重新编号',
    ]);
    expect(doc.pages[0]!.lines[0]).toMatchObject({ kind: 'heading', headingLevel: 1 });
  });

  it('equations become linear text; hidden text is dropped', async () => {
    const mr = (text: string) => `<m:r><m:t>${text}</m:t></m:r>`;
    const bytes = await makeDocx({
      body: [
        `<w:p><w:r><w:t xml:space="preserve">结转结余率 = </w:t></w:r><m:oMath><m:f><m:num>${mr('769.89')}</m:num><m:den><m:d><m:e>${mr('202170.21+18342816.2')}</m:e></m:d></m:den></m:f>${mr('×100%=0.004%')}</m:oMath></w:p>`,
        `<w:p><m:oMathPara><m:oMath><m:sSup><m:e>${mr('1.05')}</m:e><m:sup>${mr('2')}</m:sup></m:sSup>${mr('=1.1025')}</m:oMath></m:oMathPara></w:p>`,
        `<w:p><w:r><w:t xml:space="preserve">支出 358.84 万元</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（旧稿 358.80 万元）</w:t></w:r><w:r><w:t>。</w:t></w:r></w:p>`,
      ].join(''),
    });
    const doc = await read('math.docx', bytes);
    expect(doc.pages[0]!.lines.map((l) => l.text)).toEqual([
      '结转结余率 = 769.89/(202170.21+18342816.2)×100%=0.004%',
      '1.05^2=1.1025',
      '支出 358.84 万元。',
    ]);
    expect(doc.notices).toEqual(['文档含 2 个公式，已按线性文本读取（分数写作 a/b，乘方写作 a^b）', '已忽略 1 处隐藏文字（Word 中不显示、不打印）']);
  });
});

describe('tables mammoth would misalign', () => {
  const tc = (text: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${text ? p(text) : '<w:p/>'}</w:tc>`;
  const tr = (cells: string, trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;

  it('rows that start late (gridBefore) and rows wrapped in content controls keep their columns and merges', async () => {
    const bytes = await makeDocx({
      body: `<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>${[
        tr(tc('项目') + tc('预算数') + tc('决算数')),
        tr(tc('支出') + tc('176.12') + tc('176.12')),
        // Starts at grid column 1; its 决算数 cell is merged down into the next row.
        tr(tc('182.68') + tc('182.68', '<w:vMerge w:val="restart"/>'), '<w:gridBefore w:val="1"/>'),
        `<w:sdt><w:sdtContent>${tr(tc('合计') + tc('358.8') + tc('', '<w:vMerge/>'))}</w:sdtContent></w:sdt>`,
      ].join('')}</w:tbl>`,
    });
    const doc = await read('grid.docx', bytes);
    const table = doc.pages[0]!.tables[0]!;
    expect(table.rows.map((row) => row.map((cell) => [cell.text, cell.col, cell.rowSpan]))).toEqual([
      [
        ['项目', 0, 1],
        ['预算数', 1, 1],
        ['决算数', 2, 1],
      ],
      [
        ['支出', 0, 1],
        ['176.12', 1, 1],
        ['176.12', 2, 1],
      ],
      [
        ['', 0, 1],
        ['182.68', 1, 1],
        ['182.68', 2, 2],
      ],
      [
        ['合计', 0, 1],
        ['358.8', 1, 1],
      ],
    ]);
  });
});
