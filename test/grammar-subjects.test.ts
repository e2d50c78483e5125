/**
 * Subject records of the clause grammar: a subject's name stops where a year stands in it, however the
 * year is written (digits or Chinese numerals, 年 or 年度, spaced, wrapped onto the next line, or in
 * brackets: `（2019年度）`, `(2019年)`, `（2018-2019年）`, which is then the statement's period).
 */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { readUnit, tokenize } from '../normalizers/grammar.js';
import { normalizeDocument } from '../normalizers/index.js';
import { analyze } from '../analyzers/index.js';

function recordNames(text: string): { name: string; figures: string[] }[] {
  const document = normalizeDocument(textToDocument(`${text}\n`, { path: 'subjects.md', sha256: '0'.repeat(64) }, 'markdown'));
  return document.units.flatMap((unit) => {
    const figures = document.figuresByUnit.get(unit.id);
    if (!figures || unit.kind === 'cell') return [];
    return readUnit(unit, tokenize(unit.text, figures, document.meta.year)).records.map((record) => ({ name: record.name, figures: record.readings.map((r) => r.figure.raw) }));
  });
}

const ENTITIES = ['江苏省人民检察院', '广州市教育局', '某某县财政局', '省文化和旅游厅'];
const YEARS = ['2019 年度', '2019年', '二〇一九年度', '2019\n年度', '2019 年'];
const MEASURES = ['收入', '支出决算', '一般公共预算财政拨款支出', '部门预算收入'];

describe('subject names in the clause grammar', () => {
  for (const entity of ENTITIES) {
    it(`${entity}: the name stops at an embedded year, in every way of writing it`, () => {
      for (const year of YEARS) {
        for (const measure of MEASURES) {
          const text = `${entity} ${year}${measure} 1,100.00 万元，比上年增加 100.00 万元。`;
          expect(recordNames(text), JSON.stringify(text)).toEqual([{ name: entity, figures: ['1,100.00 万元', '100.00 万元'] }]);
        }
      }
    });
  }
});

/** Relations and findings of a document. */
function checked(text: string) {
  const document = normalizeDocument(textToDocument(`${text}\n`, { path: 'subjects.md', sha256: '0'.repeat(64) }, 'markdown'));
  return {
    relations: document.relations.map((r) => ({ kind: r.kind, stated: r.stated.raw, operands: r.operands.map((o) => `${o.role} ${o.figure.raw}`) })),
    findings: analyze(document).map((f) => `${f.ruleId} ${f.message}`),
  };
}

const BRACKETED = ['（2019年度）', '(2019年)', '（2018-2019年）', '（二〇一九年度）', '（ 2019 年度 ）', '(2019 年度)'];

describe('a period in brackets in a subject name', () => {
  for (const entity of ENTITIES) {
    it(`${entity}: the name stops before a bracketed period, which is not glued into it`, () => {
      for (const year of BRACKETED) {
        for (const measure of MEASURES) {
          const text = `${entity}${year}${measure} 1,100.00 万元，比上年增加 100.00 万元。`;
          expect(recordNames(text), JSON.stringify(text)).toEqual([{ name: entity, figures: ['1,100.00 万元', '100.00 万元'] }]);
        }
      }
    });
  }

  it('a bracketed earlier year is the previous period: 江苏省人民检察院（2018年度）收入 is last year’s, the growth is on it', () => {
    const text =
      '# 江苏省人民检察院2019年度部门预算\n\n江苏省人民检察院（2018年度）收入决算 12,345.67 万元，江苏省人民检察院（2019年度）收入预算 13,345.67 万元，比上年增加 1,000.00 万元，增长 8.10%。';
    expect(checked(text)).toEqual({
      relations: [
        { kind: 'change', stated: '1,000.00 万元', operands: ['current 13,345.67 万元', 'previous 12,345.67 万元'] },
        { kind: 'growth', stated: '8.10%', operands: ['current 13,345.67 万元', 'previous 12,345.67 万元'] },
      ],
      findings: [],
    });
    // The same with a slipped rate is found against last year's figure.
    expect(checked(text.replace('8.10%', '8.81%')).findings).toEqual([
      'growth-mismatch (江苏省人民检察院预算数 13,345.67万元 − 江苏省人民检察院上年 12,345.67万元) / 12,345.67万元 = 8.10%，与所述增长 8.81% 不符（差 0.71%，超出舍入容差 0.0051%）',
    ]);
  });

  it('the label keeps the bracketed period, so the statement’s period is the year it names', () => {
    const document = normalizeDocument(
      textToDocument(
        '# 某某局2019年度部门预算\n\n某某局（2018年度）支出决算 880.00 万元，（2019年度）支出预算 1,000.00 万元。\n',
        { path: 'p.md', sha256: '0'.repeat(64) },
        'markdown',
      ),
    );
    expect(document.mentions.map((m) => [m.figure.raw, m.label, m.scope.period])).toEqual([
      ['880.00 万元', '某某局（2018年度）支出决算', 'previous'],
      ['1,000.00 万元', '（2019年度）支出预算', 'current'],
    ]);
  });
});
