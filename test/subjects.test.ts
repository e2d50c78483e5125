import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { normalizeDocument } from '../normalizers/index.js';
import { itemOfLabel, itemOfTitle } from '../normalizers/subjects.js';

async function facts(text: string) {
  const bytes = new TextEncoder().encode(text);
  const extracted = await extractDocument({ path: 'subjects.md', bytes, sha256: '0'.repeat(64) }, {});
  if (!extracted.ok) throw new Error(extracted.error.message);
  const normalized = normalizeDocument(extracted.document);
  return normalized.facts.map((fact) => ({ concept: fact.concept, raw: normalized.figures[fact.figureId]!.raw, subject: fact.subject.join('/') }));
}

describe('subjects', () => {
  it('a 类/款/项 item names its path; a topic heading names none', () => {
    expect(itemOfTitle('一般公共服务支出（类）人大事务（款）行政运行（项）')).toEqual(['一般公共服务支出', '人大事务', '行政运行']);
    expect(itemOfTitle('“公务接待费”支出')).toEqual(['公务接待费']);
    expect(itemOfTitle('收入情况')).toBeUndefined();
    expect(itemOfTitle('预算执行情况分析')).toBeUndefined();
    expect(itemOfTitle('三公经费')).toBeUndefined();
    // A heading that names one of the department's own accounts is about the department.
    expect(itemOfTitle('财政拨款支出')).toBeUndefined();
    expect(itemOfTitle('一般公共服务支出')).toEqual(['一般公共服务支出']);
  });

  it('the item before a measure in a label, never a date, a qualifier or the department', () => {
    expect(itemOfLabel('公务用车运行维护费')).toEqual(['公务用车运行维护费']);
    expect(itemOfLabel('其中：差旅费')).toEqual(['差旅费']);
    expect(itemOfLabel('2024 年本部门')).toBeUndefined();
    expect(itemOfLabel('财政拨款')).toBeUndefined();
  });

  it('facts carry the subject of the numbered item they are under, and the department otherwise', async () => {
    const text = [
      '一、收入支出情况',
      '',
      '本年支出合计 960.00 万元，年初预算 1000.00 万元。',
      '',
      '二、功能分类支出情况',
      '',
      '1、农林水支出（类）林业和草原（款）森林资源管理（项）。年初预算为 410.20 万元，支出决算为 398.10 万元。',
      '',
      '2、农林水支出（类）林业和草原（款）防灾减灾（项）。年初预算为 51.00 万元。',
      '',
    ].join('\n');
    expect(await facts(text)).toEqual([
      { concept: 'expense.total', raw: '960.00 万元', subject: '' },
      { concept: 'budget.initial', raw: '1000.00 万元', subject: '' },
      { concept: 'budget.initial', raw: '410.20 万元', subject: '农林水支出/林业和草原/森林资源管理' },
      { concept: 'budget.initial', raw: '51.00 万元', subject: '农林水支出/林业和草原/防灾减灾' },
    ]);
  });
});
