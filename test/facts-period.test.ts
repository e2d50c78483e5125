/** Prior-year amounts stated in the text are facts of period `previous`, beside the current figure of the same subject. */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';

function factsOf(markdown: string) {
  const document = normalizeDocument(textToDocument(markdown, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown'));
  return document.facts.map((fact) => ({ concept: fact.concept, raw: document.figures[fact.figureId]!.raw, period: fact.scope.period, basis: fact.scope.basis, subject: fact.subject.join('/') }));
}

describe('previous-year facts', () => {
  it('比上年的 Y: the department total of the previous year, same concept as this year’s', () => {
    const facts = factsOf('2024 年本单位支出总额 1,230.50 万元，比上年的 1,100.20 万元增加 130.30 万元。\n');
    expect(facts).toContainEqual({ concept: 'expense.total', raw: '1,100.20 万元', period: 'previous', basis: 'actual', subject: '' });
    expect(facts).toContainEqual(expect.objectContaining({ concept: 'expense.total', raw: '1,230.50 万元', period: 'current' }));
  });

  it('上年 Y，本年 X for an item: the item’s previous figure under its own subject', () => {
    const facts = factsOf('公务接待费上年 12.40 万元，本年 10.10 万元，比上年下降 18.55%。\n');
    expect(facts.filter((fact) => fact.period === 'previous')).toEqual([{ concept: 'item', raw: '12.40 万元', period: 'previous', basis: 'actual', subject: '公务接待费' }]);
  });

  it('由 Y 增加到 X: the figure after 由 is the previous year’s; a change amount is no fact', () => {
    const facts = factsOf('科学技术支出由上年的 120.00 万元增加到 150.00 万元，增幅 25.00%。\n');
    expect(facts.filter((fact) => fact.period === 'previous')).toEqual([{ concept: 'expense.function', raw: '120.00 万元', period: 'previous', basis: 'actual', subject: '科学技术支出' }]);
  });
});
