/**
 * Levels in the fact key: every row's subject path is its ancestor chain in the table model, whatever
 * gives the hierarchy (codes, numbering, indentation, `其中`), so a figure meets only figures of its own
 * level; a 合计 below a 小计 (`当年收入小计`, `上年结转资金`, `收入合计`) is the grand total (总计's level).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import type { Document } from '../model/document.js';
import { keyString } from '../normalizers/fact-key.js';
import { normalizeDocument } from '../normalizers/index.js';
import { readRealFixture } from './helpers/fixture.js';

const markdown = (text: string) => textToDocument(text, { path: 'table.md', sha256: '0'.repeat(64) }, 'markdown');
const findings = (document: Document, only: string[]) =>
  analyze(normalizeDocument(document), { only }).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`),
  }));

/** Each table fact of a document as `label => subject path`, in the order of the table's 合计 column. */
const subjects = (document: Document, table: number, column: string) =>
  normalizeDocument(document)
    .facts.filter((fact) => fact.table?.index === table && fact.measure?.at(-1) === column)
    .map((fact) => fact.subject.join('/'));

describe('numbered rows (fixtures/tables/sww-2025-income-numbered.md: the 部门收入预算总表 of sh-putuo-sww-2025-yusuan-p9-11.pdf with 一、/（一）/1. for its codes)', () => {
  const text = readFileSync(new URL('../fixtures/tables/sww-2025-income-numbered.md', import.meta.url), 'utf8');
  let coded: Document;
  beforeAll(async () => {
    coded = await readRealFixture('sh-putuo-sww-2025-yusuan-p9-11.pdf');
  }, 60_000);

  it('keys every row by its ancestors as the codes do: the numbered table and the coded original give the same subject paths', () => {
    const numbered = subjects(markdown(text), 0, '合计');
    expect(numbered).toEqual(subjects(coded, 1, '合计'));
    expect(numbered.slice(0, 3)).toEqual(['一般公共服务支出', '一般公共服务支出/商贸事务', '一般公共服务支出/商贸事务/行政运行']);
  });

  it('keeps the 款 and the 项 of one name (其他商业服务业等支出) apart', () => {
    const keys = normalizeDocument(markdown(text))
      .facts.filter((fact) => fact.label.endsWith('其他商业服务业等支出') && fact.measure?.at(-1) === '合计')
      .map((fact) => `${fact.label} ${keyString(fact.key)}`);
    expect(keys).toEqual([
      '（一）其他商业服务业等支出 商业服务业等支出/其他商业服务业等支出|income.total|all|budget|current',
      '1.其他商业服务业等支出 商业服务业等支出/其他商业服务业等支出/其他商业服务业等支出|income.total|all|budget|current',
    ]);
  });

  // A sentence about the 款, as a 预算说明 words it.
  const sentence = '\n2025年部门收入预算中，商业服务业等支出（类）其他商业服务业等支出（款）预算数为31,364,000.00元。\n';
  const line = (label: string) => text.split('\n').findIndex((row) => row.startsWith(`| ${label} |`)) + 1;

  it('a sentence about the 款 meets the 款 row only: quiet as published', () => {
    expect(findings(markdown(text + sentence), ['text-table-mismatch'])).toEqual([]);
  });

  it('the 款 row changed (31,364,000.00 → 31,365,000.00 in both columns): text-table-mismatch, the sentence and the cell as evidence', () => {
    const changed = text.replace('| （一）其他商业服务业等支出 | 31,364,000.00 | 31,364,000.00 |', '| （一）其他商业服务业等支出 | 31,365,000.00 | 31,365,000.00 |');
    const found = findings(markdown(changed + sentence), ['text-table-mismatch']);
    expect(found).toEqual([
      {
        ruleId: 'text-table-mismatch',
        severity: 'error',
        message:
          '正文“商业服务业等支出（类）其他商业服务业等支出（款）预算数” 31,364,000.00元，与表“部门收入预算总表”“（一）其他商业服务业等支出”“合计” 31,365,000.00元 不符（差 1000.00元，超出舍入容差 0.01元）',
        evidence: [`stated 31,364,000.00元 p1:${text.split('\n').length + 1}`, `table 31,365,000.00 p1:${line('（一）其他商业服务业等支出')}`],
      },
    ]);
  });

  it('the 项 of the same name changed instead: the sentence is not about it, and text-table-mismatch stays quiet', () => {
    const changed = text.replace('| 1.其他商业服务业等支出 | 31,364,000.00 | 31,364,000.00 |', '| 1.其他商业服务业等支出 | 31,365,000.00 | 31,365,000.00 |');
    expect(changed).not.toBe(text);
    expect(findings(markdown(changed + sentence), ['text-table-mismatch'])).toEqual([]);
  });
});

describe('a 合计 below a 小计 is the grand total (js-rdcwh-2019-yusuan-tables.pdf, 收支预算总表: 当年收入小计, 上年结转资金, 收入合计)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('js-rdcwh-2019-yusuan-tables.pdf');
  }, 60_000);

  it('keys 当年收入小计 as the year’s income and 收入合计 as the grand total, 支出 alike', () => {
    const keys = normalizeDocument(document)
      .facts.filter((fact) => fact.table?.index === 0 && /小计|合计/.test(fact.label))
      .map((fact) => `${fact.label} ${keyString(fact.key)}`);
    expect(keys).toEqual([
      '当年收入小计 |income.total|all|budget|current',
      '收入合计 |income.grand|all|budget|current',
      '当年支出小计 |expense.total|all|budget|current',
      '支出合计 |expense.grand|all|budget|current',
    ]);
  });
});
