/**
 * Disclosure tables as data, on real published tables (fixtures/real): recognized by title, read into
 * cells with row and column paths, quiet as printed, and each one-cell change found by the right rule
 * with both cells as evidence on their pages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import type { Document } from '../model/document.js';
import { normalizeDocument } from '../normalizers/index.js';
import { toOutputFacts } from '../pipeline/output.js';
import { readRealFixture } from './helpers/fixture.js';
import { withCell } from './helpers/mutate.js';

const read = readRealFixture;

const tableFindings = (document: Document) =>
  analyze(normalizeDocument(document), { only: ['table-sum-mismatch', 'cross-table-mismatch', 'unit-suspect'] }).map((f) => ({
    ruleId: f.ruleId,
    page: f.page,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`),
  }));

describe('a 部门预算 published as tables only (js-rdcwh-2019-yusuan-tables.pdf, 12 pages)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await read('js-rdcwh-2019-yusuan-tables.pdf');
  }, 60_000);

  it('recognizes every table by its title, whatever its 公开表 number', () => {
    const models = normalizeDocument(document).tableModels;
    expect(models.map((m) => [m.page, m.disclosure?.id, m.disclosure?.basis, m.disclosure?.funds])).toEqual([
      [1, 'summary', 'budget', 'all'],
      [2, 'income', 'budget', 'all'],
      [3, 'expense', 'budget', 'all'],
      [4, 'fiscal-summary', 'budget', 'fiscal'],
      [5, 'fiscal-expense', 'budget', 'fiscal'],
      [6, 'fiscal-basic', 'budget', 'fiscal'],
      [7, 'general-expense', 'budget', 'general'],
      [8, 'general-basic', 'budget', 'general'],
      [9, 'sangong', 'budget', 'all'],
      [10, 'fund', 'budget', 'fund'],
      [11, 'running-cost', 'budget', 'general'],
      [12, 'procurement', 'budget', 'all'],
    ]);
  });

  it('yields its cells as facts with the row path, the 科目编码 and the column path', () => {
    const facts = toOutputFacts(normalizeDocument(document)).filter((fact) => fact.concept === 'table.cell');
    expect(facts.length).toBe(137);
    expect(facts.find((fact) => fact.code === '2010101' && fact.tableId === 'fiscal-expense')).toMatchObject({
      value: '74482000', unit: '元', printedUnit: '万元', raw: '7,448.20', page: 5,
      subject: ['一般公共服务支出', '人大事务', '行政运行'], measure: ['金额'], table: '财政拨款支出预算表（功能科目）',
      scope: { funds: 'fiscal', basis: 'budget', period: 'current' },
    });
    expect(facts.find((fact) => fact.tableId === 'sangong' && fact.measure?.at(-1) === '公务用车运行维护费')).toMatchObject({
      measure: ['“三公”经费', '公务用车购置及运行维护费', '公务用车运行维护费'], page: 9,
    });
  });

  it('is quiet as published: every table adds up and agrees with the others', () => {
    expect(tableFindings(document)).toEqual([]);
  });

  it('one cell of the 基本支出 table changed (合计 9,312.90 → 9,313.90): its codes and the 财政拨款收支总表 disagree', () => {
    const changed = withCell(document, 5, 1, 2, '9,313.90');
    expect(tableFindings(changed)).toEqual([
      {
        ruleId: 'cross-table-mismatch', page: 6,
        message: '表“财政拨款收支预算总表”“一、基本支出” 9,312.90万元，与表“财政拨款基本支出预算表（经济科目）”“合计” 9,313.90万元 不符（差 1.00万元，超出舍入容差 0.01万元）',
        evidence: ['stated 9,312.90 p4:7', 'restated 9,313.90 p6:5'],
      },
      {
        ruleId: 'table-sum-mismatch', page: 6,
        message: '表“财政拨款基本支出预算表（经济科目）”“金额”列：工资福利支出（301） 6,481.41万元 + 商品和服务支出（302） 1,642.08万元 + 对个人和家庭的补助（303） 1,189.41万元 = 9312.90万元，与合计 9,313.90万元 不符（差 1.00万元，超出舍入容差 0.02万元）',
        evidence: ['total 9,313.90 p6:5', 'part 6,481.41 p6:6', 'part 1,642.08 p6:15', 'part 1,189.41 p6:26'],
      },
    ]);
  });

  it('one cell under a two-level 三公 header changed (运行维护费 183.60 → 183.50): the 公务用车 小计 no longer adds up', () => {
    const changed = withCell(document, 8, 3, 5, '183.50');
    expect(tableFindings(changed)).toEqual([
      {
        ruleId: 'table-sum-mismatch', page: 9,
        message: '表““三公”经费、会议费、培训费支出预算表”第 4 行：公务用车运行维护费 183.50万元 = 183.50万元，与小计 183.60万元 不符（差 0.10万元，超出舍入容差 0.01万元）',
        evidence: ['total 183.60 p9:7', 'part 183.50 p9:7'],
      },
    ]);
  });

  it('a change that rounding allows stays quiet (合计 9,312.91 against 9,312.90 of three parts)', () => {
    expect(tableFindings(withCell(document, 5, 1, 2, '9,312.91'))).toEqual([]);
  });
});

describe('a 部门决算 table continued over two pages (sh-putuo-shgzb-2024-juesuan-p10-11.pdf)', () => {
  it('is quiet as published, and a changed 收入 cell breaks its 本年收入合计 across the page break', async () => {
    const document = await read('sh-putuo-shgzb-2024-juesuan-p10-11.pdf');
    expect(normalizeDocument(document).tableModels.map((m) => m.disclosure?.id)).toEqual(['fiscal-summary']);
    expect(tableFindings(document)).toEqual([]);
    expect(tableFindings(withCell(document, 0, 2, 1, '307.92'))).toEqual([
      {
        ruleId: 'table-sum-mismatch', page: 2,
        message: '表“财政拨款收入支出决算总表”“收入/决算数”列：一、一般公共预算财政拨款 307.92万元 = 307.92万元，与本年收入合计 307.82万元 不符（差 0.10万元，超出舍入容差 0.01万元）',
        evidence: ['total 307.82 p2:12', 'part 307.92 p1:5'],
      },
    ]);
  }, 60_000);
});

describe('a 部门决算 cut to its 目录 and its three empty tables (sh-putuo-shgzb-2024-juesuan-toc-empty.pdf)', () => {
  // Pages 2, 14–16, 20–21 of the published document: the 目录 lists nine tables, the cut keeps the
  // 三公, 政府性基金 and 国有资本经营 tables (each printed empty with a `…故本表无数据` note under it) and
  // the narrative that says 无 for each.
  let document: Document;
  beforeAll(async () => {
    document = await read('sh-putuo-shgzb-2024-juesuan-toc-empty.pdf');
  }, 60_000);
  const missing = (doc: Document) => analyze(normalizeDocument(doc), { only: ['table-missing'] }).map((f) => `${f.page}:${f.line} ${f.severity} ${f.messageId} ${f.message}${f.evidence.map((e) => ` [${e.raw} p${e.page}:${e.line}]`).join('')}`);
  /** The document with some lines' text replaced (their positions dropped) or, for `null`, the lines removed. */
  const withLines = (doc: Document, edits: Record<string, string | null>) => {
    const copy = structuredClone(doc);
    for (const page of copy.pages) {
      page.lines = page.lines.flatMap((line) => {
        const edit = edits[`${page.number}:${line.number}`];
        if (edit === undefined) return [line];
        if (edit === null) return [];
        const { segments: _segments, bbox: _bbox, ...rest } = line;
        return [{ ...rest, text: edit }];
      });
    }
    return copy;
  };
  const notes = (doc: Document) => Object.fromEntries(doc.pages.flatMap((page) => page.lines.filter((line) => /故本表无数据|仍保留该表格式/.test(line.text)).map((line) => [`${page.number}:${line.number}`, null] as const)));

  it('the six listed tables the cut left out are reported at their 目录 lines; the empty tables carry notes', () => {
    expect(missing(document)).toEqual([
      '1:6 warning listedAbsent 目录列出“收入支出决算总表”，但文中没有这张表',
      '1:7 warning listedAbsent 目录列出“收入决算表”，但文中没有这张表',
      '1:8 warning listedAbsent 目录列出“支出决算表”，但文中没有这张表',
      '1:9 warning listedAbsent 目录列出“财政拨款收入支出决算总表”，但文中没有这张表',
      '1:10 warning listedAbsent 目录列出“一般公共预算财政拨款支出决算表”，但文中没有这张表',
      '1:11 warning listedAbsent 目录列出“一般公共预算财政拨款基本支出决算表”，但文中没有这张表',
    ]);
  });

  it('without the notes under the tables, the narrative (…年度无“三公”经费财政拨款支出) still explains them', () => {
    expect(missing(withLines(document, notes(document))).filter((f) => !f.includes('listedAbsent'))).toEqual([]);
  });

  it('the narrative changed to state a 三公 amount: the empty 三公 table contradicts it', () => {
    const changed = withLines(document, { ...notes(document), '5:17': '中共上海市普陀区委社会工作部 2024 年度“三公”经费支出', '5:18': '3.20 万元。' });
    expect(missing(changed).filter((f) => !f.includes('listedAbsent'))).toEqual([
      '2:1 warning emptyButQuoted 表“财政拨款“三公”经费支出决算表”无数据，但正文写有“三公”经费支出 3.20万元 [3.20 万元 p5:18]',
    ]);
  });

  it('the narrative changed to say nothing of 政府性基金 either: that empty table is noted (info)', () => {
    const changed = withLines(document, { ...notes(document), '5:20': '中共上海市普陀区委社会工作部 2024 年度财务管理规范。', '6:1': null });
    expect(missing(changed).filter((f) => !f.includes('listedAbsent'))).toEqual([
      '3:1 info emptyWithoutNote 表“政府性基金预算财政拨款收入支出决算表”无数据（金额均为空或 0），未说明原因（如“本单位无…，故本表无数据”）',
    ]);
  });
});
