/**
 * Budget or actual, and whose figure: in a 部门预算 the text's figures are budget figures unless their
 * wording says 决算/执行; a `其中` part takes its total's stage; a sentence that opens with one of the
 * department's own accounts (`此外，基本支出预算数为…`) speaks of the department, not of the item heading
 * above it; a glossary entry (`（八）机关运行经费：指…`) is no item. Real page cuts (fixtures/README.md).
 */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument, type NormalizedDocument } from '../normalizers/index.js';
import { readRealFixture } from './helpers/fixture.js';

function textFacts(document: NormalizedDocument) {
  return document.facts
    .filter((fact) => !fact.table && fact.scope.period === 'current')
    .map((fact) => {
      const figure = document.figures[fact.figureId]!;
      return { place: `${figure.location.page}:${figure.location.line}`, concept: fact.concept, raw: figure.raw, funds: fact.scope.funds, basis: fact.scope.basis, subject: fact.subject.join('/') };
    });
}

describe('text facts of a 部门预算', () => {
  it('js-gjfy-2017 p19–20: every figure is budget, and 基本支出/项目支出 after `3．住房保障（类）支出` are the department’s', async () => {
    const document = normalizeDocument(await readRealFixture('js-gjfy-2017-yusuan-p19-20.pdf'));
    expect(document.meta).toMatchObject({ kind: 'department-budget', year: 2017, department: '江苏省高级人民法院' });
    expect(textFacts(document)).toEqual([
      { place: '1:6', concept: 'expense.total', raw: '28849.38万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '1:10', concept: 'income.total', raw: '28849.38 万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '1:11', concept: 'income.fiscal', raw: '28849.38 万元', funds: 'fiscal', basis: 'budget', subject: '' },
      { place: '1:12', concept: 'income.fiscal.general', raw: '28849.38万元', funds: 'fiscal', basis: 'budget', subject: '' },
      { place: '1:15', concept: 'expense.total', raw: '28849.38 万元', funds: 'all', basis: 'budget', subject: '' },
      // `此外，基本支出预算数为 17123.19 万元。` and the paragraph after it, below `3．住房保障（类）支出 2989.14 万元`.
      { place: '2:3', concept: 'expense.basic', raw: '17123.19 万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '2:5', concept: 'expense.project', raw: '11543.27 万元', funds: 'all', basis: 'budget', subject: '' },
      // `本年收入预算合计 28849.38 万元，其中：一般公共预算收入 28849.38 万元`: the part is budget as its total is.
      { place: '2:11', concept: 'income.total', raw: '28849.38 万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '2:12', concept: 'income.fiscal.general', raw: '28849.38 万元', funds: 'fiscal', basis: 'budget', subject: '' },
      // `本年支出预算合计 …，其中：基本支出 17123.19 万元`: the same budget figure as on 2:3, with the same key.
      { place: '2:15', concept: 'expense.total', raw: '28849.38 万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '2:16', concept: 'expense.basic', raw: '17123.19 万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '2:17', concept: 'expense.project', raw: '11543.27 万元', funds: 'all', basis: 'budget', subject: '' },
    ]);
  });

  it('sh-putuo-sww-2025 p1, 6, 7: the 编制说明 after the glossary’s `（八）机关运行经费：指…` is the department’s, on budget', async () => {
    const document = normalizeDocument(await readRealFixture('sh-putuo-sww-2025-yusuan-p1-6-7.pdf'));
    expect(document.meta).toMatchObject({ kind: 'department-budget', department: '上海市普陀区商务委员会' });
    expect(textFacts(document)).toEqual([
      { place: '3:2', concept: 'income.fiscal', raw: '37,151.47万元', funds: 'fiscal', basis: 'budget', subject: '' },
      { place: '3:3', concept: 'income.other', raw: '0万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '3:4', concept: 'expense.total', raw: '37,151.47万元', funds: 'all', basis: 'budget', subject: '' },
      { place: '3:4', concept: 'expense.fiscal', raw: '37,151.47万元', funds: 'fiscal', basis: 'budget', subject: '' },
    ]);
  });
});

describe('stage words and structure', () => {
  const factsOf = (markdown: string) => textFacts(normalizeDocument(textToDocument(markdown, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown')));

  it('in a budget, wording that says 执行/决算 makes a figure actual, and its `其中` parts with it', () => {
    const facts = factsOf('# 江苏省某某厅2019年度部门预算\n\n本年支出决算数 120.00 万元，其中：基本支出 80.00 万元，项目支出 40.00 万元。\n\n2019年支出预算 150.00 万元，其中：基本支出 90.00 万元，项目支出 60.00 万元。\n');
    expect(facts.map(({ concept, raw, basis }) => [concept, raw, basis])).toEqual([
      ['expense.total', '120.00 万元', 'actual'],
      ['expense.basic', '80.00 万元', 'actual'],
      ['expense.project', '40.00 万元', 'actual'],
      ['expense.total', '150.00 万元', 'budget'],
      ['expense.basic', '90.00 万元', 'budget'],
      ['expense.project', '60.00 万元', 'budget'],
    ]);
  });

  it('outside a budget an unstated figure stays actual; a `其中` part of a stated budget is budget', () => {
    const facts = factsOf('# 某某局2024年度部门决算\n\n本年支出合计 100.00 万元，其中：基本支出 70.00 万元，项目支出 30.00 万元。\n\n年初预算 110.00 万元，其中：基本支出 72.00 万元。\n');
    expect(facts.map(({ concept, raw, basis }) => [concept, raw, basis])).toEqual([
      ['expense.total', '100.00 万元', 'actual'],
      ['expense.basic', '70.00 万元', 'actual'],
      ['expense.project', '30.00 万元', 'actual'],
      ['budget.initial', '110.00 万元', 'budget'],
      ['expense.basic', '72.00 万元', 'budget'],
    ]);
  });

  it('a `其中` part in the item’s own paragraph stays the item’s; `此外` in that paragraph turns to the department', () => {
    const facts = factsOf('# 某某厅2019年度部门预算\n\n1.住房保障（类）支出 300.00 万元，其中：基本支出 200.00 万元。此外，项目支出预算数为 500.00 万元。\n');
    expect(facts.map(({ concept, raw, subject }) => [concept, raw, subject])).toEqual([
      ['expense.basic', '200.00 万元', '住房保障支出'],
      ['expense.project', '500.00 万元', ''],
    ]);
  });
});
