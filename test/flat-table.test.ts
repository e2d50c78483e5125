/** Tables that web pages print one cell per line: found, laid out in rows and columns, every cell on its line. */
import { describe, expect, it } from 'vitest';
import type { Table } from '../model/document.js';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { tableColumns } from '../normalizers/tables.js';

const doc = (text: string) => textToDocument(text, { path: 'page.txt', sha256: '0'.repeat(64) }, 'text');
const tables = (text: string) => doc(text).pages.flatMap((p) => p.tables);
/** Each row as `col:text@line:column` (1-based column, as findings show it); spans and merges shown. */
const layout = (table: Table) =>
  table.rows.map((row) =>
    row.map((c) => `${c.col}${c.colSpan > 1 ? `+${c.colSpan}` : ''}${c.rowSpan > 1 ? `v${c.rowSpan}` : ''}:${c.text}${c.spans[0] ? `@${c.spans[0].line}:${c.spans[0].start + 1}` : ''}`),
  );
const lines = (text: string) => text.split('\n');

// A 三公 table as a page printed it: every cell ends in ` |`, a lone `|` is an empty cell (here the
// first cell of each row), and `因公出国(境)费` has two empty cells.
const SHAPE_A = [
  '一、2023年度“三公”经费支出决算表', // 1
  '单位:万元', // 2
  '|', // 3
  '项 目 |', // 4
  '预算数 |', // 5
  '决算数 |', // 6
  '|', // 7
  '合 计 |', // 8
  '58.6 |', // 9
  '41.25 |', // 10
  '|', // 11
  '因公出国(境)费 |', // 12
  '|', // 13
  '|', // 14
  '|', // 15
  '公务接待费 |', // 16
  '12.6 |', // 17
  '9.05 |', // 18
  '|', // 19
  '公务用车购置及运行维护费 |', // 20
  '46 |', // 21
  '32.2 |', // 22
  '|', // 23
  '其中:公务用车运行维护费 |', // 24
  '30 |', // 25
  '24.7 |', // 26
  '二、“三公”经费支出情况说明', // 27
  '本单位2023年“三公”经费支出决算41.25万元，比预算减少17.35万元，主要是压缩公务接待和用车开支。', // 28
].join('\n');

describe('flattened tables', () => {
  it('(a) cells ending in ` |`: header, rows and empty cells, each on its line and column, with the 单位 caption', () => {
    const d = doc(SHAPE_A);
    const [table] = d.pages[0]!.tables;
    expect(d.pages[0]!.tables).toHaveLength(1);
    expect(table!.unit).toBe('万元');
    expect(table!.caption).toBe('一、2023年度“三公”经费支出决算表');
    expect(layout(table!)).toEqual([
      ['0:项 目@4:1', '1:预算数@5:1', '2:决算数@6:1'],
      ['0:合 计@8:1', '1:58.6@9:1', '2:41.25@10:1'],
      ['0:因公出国(境)费@12:1', '1:', '2:'],
      ['0:公务接待费@16:1', '1:12.6@17:1', '2:9.05@18:1'],
      ['0:公务用车购置及运行维护费@20:1', '1:46@21:1', '2:32.2@22:1'],
      ['0:其中:公务用车运行维护费@24:1', '1:30@25:1', '2:24.7@26:1'],
    ]);
    // The lines stay lines: the table's are table rows, the heading and the prose after it are not swallowed.
    const kinds = new Map(d.pages[0]!.lines.map((l) => [l.number, l.kind]));
    expect([3, 4, 9, 15, 26].map((n) => kinds.get(n))).toEqual(['table-row', 'table-row', 'table-row', 'table-row', 'table-row']);
    expect([1, 2, 27, 28].map((n) => kinds.get(n))).toEqual(['text', 'caption', 'text', 'text']);

    // What the rest of the pipeline sees: the header row, and figures in 万元 at their cell, line and column.
    const normalized = normalizeDocument(d);
    const view = tableColumns(table!, 1);
    expect([view.headerRows, view.header(1), view.header(2)]).toEqual([1, '预算数', '决算数']);
    const figure = normalized.figures.find((f) => f.cell?.table === 0 && f.cell.row === 1 && f.cell.col === 2)!;
    expect(figure).toMatchObject({ raw: '41.25', value: '412500', location: { line: 10, column: 1 } });
    expect(normalized.figures.some((f) => f.number === '17.35' && f.location.line === 28 && !f.cell)).toBe(true);
  });

  it('(a) with two header rows padded by `||` runs and one unlabelled row: the group spans its sub-columns', () => {
    const text = [
      '单位:万元',
      '“三公”经费合计 |', // 2
      '因公出国(境)费 |',
      '公务用车购置及运行费 |', // 4
      '公务接待费 |',
      '||',
      '小计 |', // 7
      '公务用车购置费 |',
      '公务用车运行费 |',
      '|||',
      '36 |', // 11
      '0 |',
      '30 |',
      '12 |',
      '18 |',
      '6 |', // 16
      '二、预算情况说明',
    ].join('\n');
    const [table] = tables(text);
    expect(layout(table!)).toEqual([
      ['0v2:“三公”经费合计@2:1', '1v2:因公出国(境)费@3:1', '2+3:公务用车购置及运行费@4:1', '5v2:公务接待费@5:1'],
      ['2:小计@7:1', '3:公务用车购置费@8:1', '4:公务用车运行费@9:1'],
      ['0:36@11:1', '1:0@12:1', '2:30@13:1', '3:12@14:1', '4:18@15:1', '5:6@16:1'],
    ]);
    const view = tableColumns(table!, 1);
    expect([view.headerRows, view.header(2), view.header(4), view.header(5)]).toEqual([2, '公务用车购置及运行费 小计', '公务用车购置及运行费 公务用车运行费', '公务接待费']);
  });

  it('(b) cells with a line of `|` after each, and a header one cell wider than the rows (a spanning group)', () => {
    const header = ['年度', '合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费', '合计', '公务用车购置', '公务用车运行'];
    const rows = [
      ['2022年', '120', '10', '40', '70', '20', '50'],
      ['2023年', '100', '5', '35', '60', '10', '50'],
    ];
    const cells = [...header, ...rows.flat()];
    const text = ['2023年与2022年“三公”经费决算对比情况', ...cells.flatMap((cell) => [cell, '|']), '2023年“三公”经费比上年减少20万元，下降16.67%。'].join('\n');
    const d = doc(text);
    const [table] = d.pages[0]!.tables;
    expect(table!.caption).toBe('2023年与2022年“三公”经费决算对比情况');
    // Cell k is on line 2 + 2k.
    const at = (k: number) => `@${2 + 2 * k}:1`;
    expect(layout(table!)).toEqual([
      [`0v2:年度${at(0)}`, `1v2:合计${at(1)}`, `2v2:因公出国(境)费${at(2)}`, `3v2:公务接待费${at(3)}`, `4+3:公务用车购置及运行费${at(4)}`],
      [`4:合计${at(5)}`, `5:公务用车购置${at(6)}`, `6:公务用车运行${at(7)}`],
      rows[0]!.map((cell, col) => `${col}:${cell}${at(8 + col)}`),
      rows[1]!.map((cell, col) => `${col}:${cell}${at(15 + col)}`),
    ]);
    const lastLine = d.pages[0]!.lines.at(-1)!;
    expect(lastLine).toMatchObject({ number: lines(text).length, kind: 'text' });
  });

  it('(c) one cell per line with blank lines between and no separators at all', () => {
    const text = [
      '（一）“三公”经费预算执行情况', // 1
      '',
      '项目', // 3
      '',
      '预算数', // 5
      '',
      '决算数', // 7
      '',
      '合计', // 9
      '',
      '30.5', // 11
      '',
      '28.1', // 13
      '',
      '公务接待费', // 15
      '',
      '10.5', // 17
      '',
      '9.3', // 19
      '',
      '公务用车运行维护费', // 21
      '',
      '20', // 23
      '',
      '18.8', // 25
      '',
      '（二）“三公”经费增减变化原因说明', // 27
      '',
      '决算数比预算数少2.4万元，主要是公务接待批次减少。', // 29
    ].join('\n');
    const d = doc(text);
    expect(d.pages[0]!.tables.map(layout)).toEqual([
      [
        ['0:项目@3:1', '1:预算数@5:1', '2:决算数@7:1'],
        ['0:合计@9:1', '1:30.5@11:1', '2:28.1@13:1'],
        ['0:公务接待费@15:1', '1:10.5@17:1', '2:9.3@19:1'],
        ['0:公务用车运行维护费@21:1', '1:20@23:1', '2:18.8@25:1'],
      ],
    ]);
    expect(d.pages[0]!.lines.filter((l) => l.kind !== 'table-row').map((l) => l.number)).toEqual([1, 27, 29]);
  });

  it('(c) with header cells wrapped over lines, and a single data row before lines that are not a table', () => {
    const text = [
      '项目资金', // 1
      '(万元)', // 2
      '年初', // 3
      '预算数', // 4
      '全年', // 5
      '执行数', // 6
      '执行率', // 7
      '年度资金总额', // 8
      '260.00万元', // 9
      '221.00万元', // 10
      '85%', // 11
      '其中:财政拨款:200.00万元', // 12
      '其他资金:60.00万元', // 13
    ].join('\n');
    const d = doc(text);
    // The wrapped pieces are one cell each, with a span on every line they stand on.
    expect(d.pages[0]!.tables.map(layout)).toEqual([
      [
        ['0:项目资金(万元)@1:1', '1:年初预算数@3:1', '2:全年执行数@5:1', '3:执行率@7:1'],
        ['0:年度资金总额@8:1', '1:260.00万元@9:1', '2:221.00万元@10:1', '3:85%@11:1'],
      ],
    ]);
    expect(d.pages[0]!.tables[0]!.rows[0]![1]!.spans.map((span) => span.line)).toEqual([3, 4]);
    expect(d.pages[0]!.lines.filter((l) => l.kind !== 'table-row').map((l) => l.number)).toEqual([12, 13]);
  });

  it('takes no single row for a table unless a header names every column of figures', () => {
    // `说明` over a figure, and `完成` (no header word): half the columns named, which a table of many rows would pass.
    const loose = ['项目', '金额', '说明', '年度资金总额', '260.00万元', '221.00万元', '其中:财政拨款'].join('\n');
    expect(tables(loose)).toEqual([]);
    const prose = ['资金', '本年', '完成', '年度资金总额', '260.00万元', '221.00万元', '其中:财政拨款'].join('\n');
    expect(tables(prose)).toEqual([]);
  });

  it('reads label–value lines as a list: one row per line, label-only lines as rows of their own, the unit from the labels', () => {
    const text = [
      '二、资金安排', // 1
      '助学资金合计(万元) 年度资金总额: 90.00', // 2
      '其中:省级补助 60.00', // 3
      '县级资金 30.00', // 4
      '其中:', // 5
      '助学金(万元)', // 6
      '年度资金总额: 50.00', // 7
      '其中:省级补助 35.00', // 8
      '县级资金 15.00', // 9
      '三、绩效目标完成情况。', // 10
    ].join('\n');
    const d = doc(text);
    const [table] = d.pages[0]!.tables;
    expect(d.pages[0]!.tables).toHaveLength(1);
    expect([table!.layout, table!.unit]).toEqual(['list', '万元']);
    expect(layout(table!)).toEqual([
      ['0:助学资金合计(万元) 年度资金总额@2:1', '1:90.00@2:20'],
      ['0:其中:省级补助@3:1', '1:60.00@3:9'],
      ['0:县级资金@4:1', '1:30.00@4:6'],
      ['0:其中:@5:1'],
      ['0:助学金(万元)@6:1'],
      ['0:年度资金总额@7:1', '1:50.00@7:9'],
      ['0:其中:省级补助@8:1', '1:35.00@8:9'],
      ['0:县级资金@9:1', '1:15.00@9:6'],
    ]);
    expect(d.pages[0]!.lines.filter((l) => l.kind !== 'table-row').map((l) => l.number)).toEqual([1, 10]);
  });

  it('takes no form fields, dates or prose for a label–value list', () => {
    const fields = ['附件 1', '填报人：李四', '联系电话：0000-1234567', '填报日期：2025. 4. 8', '下属单位数量 2'].join('\n');
    expect(tables(fields)).toEqual([]);
    const prose = ['本年支出合计 120.5', '比上年增加，主要是项目增加 20', '基本支出 100.5'].join('\n');
    expect(tables(prose)).toEqual([]);
  });

  it('keeps the prose between two flattened tables, and the tables apart', () => {
    const first = ['单位:万元', '项目 |', '预算数 |', '决算数 |', '合计 |', '8 |', '7.5 |', '公务接待费 |', '8 |', '7.5 |'];
    const prose = ['上表为本单位“三公”经费预算与决算情况，其中公务接待费决算7.5万元，占预算的93.75%，主要是接待批次减少。'];
    const second = ['年度', '|', '合计', '|', '公务接待费', '|', '2022年', '|', '9', '|', '9', '|', '2023年', '|', '7.5', '|', '7.5', '|'];
    const d = doc([...first, ...prose, ...second].join('\n'));
    const found = d.pages[0]!.tables;
    expect(found.map((t) => [t.index, t.rows.length, t.rows[0]!.map((c) => c.text).join(' ')])).toEqual([
      [0, 3, '项目 预算数 决算数'],
      [1, 3, '年度 合计 公务接待费'],
    ]);
    expect(found[1]!.rows[2]!.map((c) => `${c.text}@${c.spans[0]?.line}`)).toEqual(['2023年@24', '7.5@26', '7.5@28']);
    expect(d.pages[0]!.lines.find((l) => l.number === 11)).toMatchObject({ kind: 'text', text: prose[0] });
  });

  it('finds no table in ordinary prose, nor in short lines that only look like cells', () => {
    const prose = [
      '一、部门基本情况',
      '本单位内设综合科、业务科两个科室，2023年末实有人员23人，其中在编人员21人。',
      '',
      '二、部门整体支出情况',
      '2023年度本单位支出合计358.84万元，其中基本支出176.12万元，项目支出182.68万元。',
      '部门名称',
      '测试县医疗保障局',
      '人员编制',
      '25',
      '实有人数',
      '23',
      '联系电话',
      '12345678',
    ].join('\n');
    const d = doc(prose);
    expect(d.pages[0]!.tables).toEqual([]);
    expect(d.pages[0]!.lines.every((l) => l.kind !== 'table-row')).toBe(true);
  });

  it('emits no table when an over-wide header cannot be tied to its columns', () => {
    // Eight header cells over rows of seven, and no top cell that the others read as a group of.
    const header = ['年度', '预算数', '决算数', '执行数', '调整数', '结转数', '结余数', '差额'];
    const rows = [['2022年', '1', '2', '3', '4', '5', '6'], ['2023年', '7', '8', '9', '10', '11', '12']];
    const text = [...header, ...rows.flat()].map((cell) => `${cell} |`).join('\n');
    expect(tables(text)).toEqual([]);
  });

  it('reads pipe rows without their leading pipe, takes a title row as the caption, and puts a slid sub-header back', () => {
    const text = [
      '2023年“三公”经费决算统计表 | ||||', // 1
      '单位:万元 | ||||', // 2
      '项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |', // 3
      '增、减金额 | 增、减幅度 | |||', // 4
      '合计 | 50 | 40 | -10 | -20% |', // 5
      '公务接待费 | 20 | 15 | -5 | -25% |', // 6
    ].join('\n');
    const [table, ...rest] = tables(text);
    expect(rest).toEqual([]);
    expect([table!.caption, table!.unit]).toEqual(['2023年“三公”经费决算统计表', '万元']);
    expect(layout(table!).slice(0, 3)).toEqual([
      ['0v2:项目@3:1', '1v2:上年决算数@3:6', '2v2:本年决算数@3:14', '3+2:比上年增、减情况@3:22'],
      ['3:增、减金额@4:1', '4:增、减幅度@4:9'],
      ['0:合计@5:1', '1:50@5:6', '2:40@5:11', '3:-10@5:16', '4:-20%@5:22'],
    ]);
    const view = tableColumns(table!, 1);
    expect([view.header(1), view.header(4)]).toEqual(['上年决算数', '比上年增、减情况 增、减幅度']);
  });

  it('moves a pipe header right when the label column lost its header cell', () => {
    const text = ['资金情况(万元) |', '全年预算数(A) | 全年执行数(B) | 执行率(B/A) |', '年度资金总额: | 20 | 19 | 95% |', '其中:财政拨款 | 20 | 19 | 95% |'].join('\n');
    const [table] = tables(text);
    expect(layout(table!)[0]).toEqual(['1:全年预算数(A)@2:1', '2:全年执行数(B)@2:12', '3:执行率(B/A)@2:23']);
    expect(tableColumns(table!, 1).header(2)).toBe('全年执行数(B)');
  });

  it('is linear in the number of lines', () => {
    const page = (i: number) =>
      [SHAPE_A, '', '项目', '', '预算数', '', '决算数', '', '合计', '', `${i}`, '', `${i + 1}`, '', '公务接待费', '', `${i}`, '', `${i}`, '', '名称', `${i}`, '类别', `${i * 3}`, '说明', ''].join('\n');
    const time = (copies: number) => {
      const text = Array.from({ length: copies }, (_, i) => page(i)).join('\n');
      const start = performance.now();
      const d = doc(text);
      const elapsed = performance.now() - start;
      expect(d.pages[0]!.tables.length).toBe(copies * 2);
      return elapsed;
    };
    time(200); // warm up
    const small = time(500);
    const large = time(4000);
    // Eight times the lines: a quadratic scan would take ~64 times as long.
    expect(large / small).toBeLessThan(24);
  });
});
