/**
 * Subject records of the clause grammar: a subject's name stops where a year stands in it, however the
 * year is written (digits or Chinese numerals, 年 or 年度, spaced, wrapped onto the next line).
 */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { readUnit, tokenize } from '../normalizers/grammar.js';
import { normalizeDocument } from '../normalizers/index.js';

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
