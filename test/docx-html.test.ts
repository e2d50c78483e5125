/** html.ts: the HTML → blocks → lines/tables converter shared by the Word, text and spreadsheet readers. */
import { describe, expect, it } from 'vitest';
import type { Line, Page } from '../model/document.js';
import { appendBlocks, blockLocator, captionFromLines, htmlToBlocks, isPageNumberLine, joinParts, tableRowLine, type TableBlock } from '../extractors/html.js';

const emptyPage = (): Page => ({ number: 1, lines: [], tables: [], source: 'text', notices: [] });

describe('htmlToBlocks', () => {
  it('paragraphs, headings and line breaks in document order; scripts, styles and head skipped', () => {
    const blocks = htmlToBlocks(`<!doctype html><html><head><title>标题栏</title><style>p{}</style></head><body>
      <h2>一、部门基本情况</h2>
      <p>2025 年财政拨款收入
         358.84&nbsp;万元，<b>其中</b>：一般公共预算 358.84 万元。<br>第二行&amp;续</p>
      <script>var x = 12345;</script>
      <div>散文字 <span>176.12</span> 万元<p>内嵌段落</p>尾部</div>
      <p>　　</p>
    </body></html>`);
    expect(blocks).toEqual([
      { type: 'paragraph', lines: ['一、部门基本情况'], headingLevel: 2 },
      { type: 'paragraph', lines: ['2025 年财政拨款收入 358.84 万元，其中：一般公共预算 358.84 万元。', '第二行&续'] },
      { type: 'paragraph', lines: ['散文字 176.12 万元'] },
      { type: 'paragraph', lines: ['内嵌段落'] },
      { type: 'paragraph', lines: ['尾部'] },
    ]);
  });

  it('hand-written tables with missing end tags are built as a browser builds them', () => {
    const [table] = htmlToBlocks(`<table><caption>单位：万元</caption>
      <tr><th>项目<th>金额
      <tr><td>基本支出<td>176.12
      <tr><td>项目支出<td>182.68
    </table>`) as [TableBlock];
    expect(table.type).toBe('table');
    expect(table.caption).toBe('单位：万元');
    expect(table.columns).toBe(2);
    expect(table.rows.map((row) => row.map((cell) => [cell.text, cell.header]))).toEqual([
      [
        ['项目', true],
        ['金额', true],
      ],
      [
        ['基本支出', false],
        ['176.12', false],
      ],
      [
        ['项目支出', false],
        ['182.68', false],
      ],
    ]);
  });

  it('rowspan and colspan place cells on the grid; rowspan=0 runs to the end', () => {
    const [table] = htmlToBlocks(`<table>
      <tr><td rowspan="0">A</td><td colspan="2">B</td></tr>
      <tr><td>c</td><td rowspan="5">d</td></tr>
      <tr><td>e</td></tr>
    </table>`) as [TableBlock];
    expect(table.rows.map((row) => row.map((cell) => [cell.text, cell.row, cell.col, cell.rowSpan, cell.colSpan]))).toEqual([
      [
        ['A', 0, 0, 3, 1],
        ['B', 0, 1, 1, 2],
      ],
      [
        ['c', 1, 1, 1, 1],
        ['d', 1, 2, 2, 1],
      ],
      [['e', 2, 1, 1, 1]],
    ]);
    expect(table.columns).toBe(3);
  });

  it('a nested table is text of its cell, not rows of the outer table', () => {
    const blocks = htmlToBlocks(`<table><tr><td>外<table><tr><td>内 1</td><td>内 2</td></tr></table></td><td>358.84</td></tr></table>`);
    expect(blocks).toHaveLength(1);
    const table = blocks[0] as TableBlock;
    expect(table.rows.map((row) => row.map((cell) => cell.text))).toEqual([['外 内 1 内 2', '358.84']]);
  });

  it('joins the parts of a cell without a space between Chinese and with one between numbers', () => {
    expect(joinParts(['商业', '企业'])).toBe('商业企业');
    expect(joinParts(['358.84', '万元'])).toBe('358.84万元');
    expect(joinParts(['100', '', '200'])).toBe('100 200');
    const [table] = htmlToBlocks('<table><tr><td><p>结果<br>纠正</p><p>1,234.5</p><p>6.7</p></td></tr></table>') as [TableBlock];
    expect(table.rows[0]![0]!.text).toBe('结果纠正1,234.5 6.7');
  });

  it('drops mammoth footnote marks and back links, numbers the notes', () => {
    const blocks = htmlToBlocks(
      '<p>支出 358.84 万元<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>。</p><ol><li id="footnote-1"><p>注释 <a href="#footnote-ref-1">↑</a></p></li><li id="endnote-3"><p>尾注</p></li></ol>',
    );
    expect(blocks).toEqual([
      { type: 'paragraph', lines: ['支出 358.84 万元。'] },
      { type: 'paragraph', lines: ['注释'], note: { kind: 'footnote', number: 1 } },
      { type: 'paragraph', lines: ['尾注'], note: { kind: 'endnote', number: 1 } },
    ]);
  });

  it('fragments keep their source positions (for HTML embedded in markdown)', () => {
    const source = '前文\n<table>\n<tr><td>合计</td><td>358.84</td></tr>\n</table>\n<p>后文</p>';
    const blocks = htmlToBlocks(source, { fragment: true, sourceLocations: true });
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    const table = blocks[1] as TableBlock;
    expect(table.source).toMatchObject({ startLine: 2, endLine: 4 });
    const cell = table.rows[0]![1]!;
    expect(cell.source).toMatchObject({ startLine: 3 });
    expect(source.slice(cell.source!.startOffset, cell.source!.endOffset)).toBe('<td>358.84</td>');
    expect(blocks[2]).toMatchObject({ lines: ['后文'], source: { startLine: 5 } });
  });

  it('superscript and subscript digits stay apart from the number before them', () => {
    expect(htmlToBlocks('<p>面积 1200m<sup>2</sup>，约 1.2×10<sup>3</sup> 平方米，CO<sub>2</sub></p>')).toEqual([{ type: 'paragraph', lines: ['面积 1200m²，约 1.2×10³ 平方米，CO₂'] }]);
    const [table] = htmlToBlocks('<table><tr><td>358.84<sup>注1</sup></td></tr></table>') as [TableBlock];
    expect(table.rows[0]![0]!.text).toBe('358.84注¹');
  });

  it('pre keeps its line breaks', () => {
    expect(htmlToBlocks('<pre>第一行 1.5\n第二行 2.5</pre>')).toEqual([{ type: 'paragraph', lines: ['第一行 1.5', '第二行 2.5'] }]);
  });
});

describe('appendBlocks', () => {
  it('rows become tab-joined lines whose cells point at their spans; captions and units come from the lines above', () => {
    const page = emptyPage();
    const blocks = htmlToBlocks(`<p>附表 2025 年收入支出决算表</p><p>单位：万元</p>
      <table><tr><td>项目</td><td>金额</td></tr><tr><td rowspan="2">支出</td><td>176.12</td></tr><tr><td>182.68</td></tr></table>
      <p>— 3 —</p><p>合计 358.84 万元</p>`);
    appendBlocks(page, blocks, { locate: (place) => (place.kind === 'table-row' ? `表 ${place.table} 第 ${place.row} 行` : `第 ${place.paragraph} 段`) });
    expect(page.lines).toEqual<Line[]>([
      { number: 1, text: '附表 2025 年收入支出决算表', kind: 'text', locator: '第 1 段' },
      { number: 2, text: '单位：万元', kind: 'caption', locator: '第 2 段' },
      { number: 3, text: '项目\t金额', kind: 'table-row', locator: '表 1 第 1 行' },
      { number: 4, text: '支出\t176.12', kind: 'table-row', locator: '表 1 第 2 行' },
      { number: 5, text: '182.68', kind: 'table-row', locator: '表 1 第 3 行' },
      { number: 6, text: '合计 358.84 万元', kind: 'text', locator: '第 3 段' },
    ]);
    expect(page.tables).toEqual([
      {
        index: 0,
        caption: '附表 2025 年收入支出决算表',
        unit: '万元',
        rows: [
          [
            { text: '项目', row: 0, col: 0, rowSpan: 1, colSpan: 1, spans: [{ line: 3, start: 0, end: 2 }] },
            { text: '金额', row: 0, col: 1, rowSpan: 1, colSpan: 1, spans: [{ line: 3, start: 3, end: 5 }] },
          ],
          [
            { text: '支出', row: 1, col: 0, rowSpan: 2, colSpan: 1, spans: [{ line: 4, start: 0, end: 2 }] },
            { text: '176.12', row: 1, col: 1, rowSpan: 1, colSpan: 1, spans: [{ line: 4, start: 3, end: 9 }] },
          ],
          [{ text: '182.68', row: 2, col: 1, rowSpan: 1, colSpan: 1, spans: [{ line: 5, start: 0, end: 6 }] }],
        ],
      },
    ]);
  });

  it('blockLocator counts from 1, as people do', () => {
    const page = emptyPage();
    appendBlocks(page, htmlToBlocks('<p>说明</p><table><tr><td>合计</td><td>358.84</td></tr></table><table><tr><td>a</td></tr><tr><td>b</td></tr></table>'), { locate: blockLocator });
    expect(page.lines.map((l) => l.locator)).toEqual(['第 1 段', '表 1 第 1 行', '表 2 第 1 行', '表 2 第 2 行']);
  });

  it('continues numbering after lines already on the page', () => {
    const page = emptyPage();
    page.lines.push({ number: 40, text: '前文', kind: 'text' });
    page.tables.push({ index: 0, rows: [] });
    appendBlocks(page, htmlToBlocks('<table><tr><td>1</td></tr></table>', { fragment: true }));
    expect(page.lines.at(-1)).toEqual({ number: 41, text: '1', kind: 'table-row' });
    expect(page.tables.at(-1)?.index).toBe(1);
  });

  it('the unit in a table’s own first row', () => {
    const page = emptyPage();
    appendBlocks(page, htmlToBlocks('<table><tr><td colspan="2">2025年部门收支总表</td></tr><tr><td></td><td>单位：元</td></tr><tr><td>合计</td><td>3588400.00</td></tr></table>'));
    expect(page.tables[0]).toMatchObject({ caption: '2025年部门收支总表', unit: '元' });
  });

  it('caption helpers', () => {
    const line = (text: string): Line => ({ number: 1, text, kind: 'text' });
    expect(captionFromLines([line('部门整体支出绩效目标完成情况自评表'), line('（单位：万元）')])).toEqual({ caption: '部门整体支出绩效目标完成情况自评表', unit: '万元' });
    expect(captionFromLines([line('表一 收入支出决算总表    金额单位：元')])).toEqual({ caption: '表一 收入支出决算总表    金额单位：元', unit: '元' });
    expect(captionFromLines([line('本年支出情况如下表所示。')])).toEqual({});
    expect(tableRowLine([{ text: 'a\tb' }, { text: '' }, { text: '3' }])).toEqual({
      text: 'a b\t\t3',
      spans: [
        { start: 0, end: 3 },
        { start: 4, end: 4 },
        { start: 5, end: 6 },
      ],
    });
    for (const text of ['— 3 —', '-3-', '第 3 页', '第3页 共12页', '3/12', '- 12 -']) expect(isPageNumberLine(text)).toBe(true);
    for (const text of ['358.84', '第 3 页说明', '一、3 项']) expect(isPageNumberLine(text)).toBe(false);
  });
});
