/**
 * End to end on the bundled reports (fixtures/reports): metadata, facts and findings, with page
 * and line, and the same findings and facts whether a report comes as markdown, PDF or Word.
 */
import { describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/process.js';
import type { FileResult } from '../model/result.js';

const REPORTS = ['huizhou-ybj-2022', 'jinkouhe-ybj-2025', 'meixian-ybj-2025', 'meizhou-ybj-2023', 'potou-ybj-2022'] as const;
const cache = new Map<string, Promise<FileResult>>();
function check(name: string, form: 'md' | 'pdf' | 'docx'): Promise<FileResult> {
  const path = `fixtures/reports/${name}.${form}`;
  if (!cache.has(path)) cache.set(path, processFile(path, { ocr: 'off' }).then((p) => p.result));
  return cache.get(path)!;
}

/** A finding as the auditor reads it: rule, severity, where, and the figures it quotes. */
const summary = (result: FileResult) =>
  result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.page}:${f.line} ${[...new Set(f.evidence.map((e) => e.raw.replace(/\s+/g, '')))].join(' ')}`);

describe('metadata of the five corpus reports (markdown)', () => {
  it.each([
    ['meixian-ybj-2025', { department: '梅州市梅县区医疗保障局', year: 2025, selfScore: '99', filingDate: '2026-03-20', code: '441403' }],
    ['jinkouhe-ybj-2025', { department: '乐山市金口河区医疗保障局', year: 2025, selfScore: '94.17', filingDate: undefined, code: '511113' }],
    ['meizhou-ybj-2023', { department: '梅州市医疗保障局', year: 2023, selfScore: '98.25', filingDate: '2024-07-12', code: '441400' }],
    ['potou-ybj-2022', { department: '湛江市坡头区医疗保障局', year: 2022, selfScore: '100', filingDate: '2023-05-05', code: '440804' }],
    ['huizhou-ybj-2022', { department: '惠州市医疗保障局', year: 2022, selfScore: '99.7', filingDate: '2023-04-13', code: '441300' }],
  ] as const)('%s', async (name, expected) => {
    const { meta } = await check(name, 'md');
    expect({ department: meta.department, year: meta.year, selfScore: meta.selfScore, filingDate: meta.filingDate, code: meta.region?.code }).toEqual(expected);
  });
});

describe('facts with their place in the file', () => {
  const firstFact = (result: FileResult, concept: string) => {
    const fact = result.facts.find((f) => f.concept === concept && f.scope.basis === 'actual');
    return fact && `${fact.value} ${fact.unit} (${fact.printedUnit ?? '-'}) ${fact.raw} @${fact.page}:${fact.line}:${fact.column}`;
  };
  it('jinkouhe: income and expense 358.84 万元 = 3588400 元', async () => {
    const result = await check('jinkouhe-ybj-2025', 'md');
    expect(firstFact(result, 'income.total')).toBe('3588400 元 (万元) 358.84万元 @1:39:20');
    expect(firstFact(result, 'expense.total')).toBe('3588400 元 (万元) 358.84 万元 @1:41:23');
    expect(firstFact(result, 'expense.basic')).toBe('1761200 元 (万元) 176.12 万元 @1:41:41');
  });
  it('meizhou: income 1834.3 万元, expense 1854.42 万元 (the 元 slip is a fact too, flagged by a rule)', async () => {
    const result = await check('meizhou-ybj-2023', 'md');
    const values = (concept: string) => result.facts.filter((f) => f.concept === concept && f.scope.basis === 'actual').map((f) => `${f.value}@${f.line}`);
    expect(values('income.total')).toEqual(['18343000@117', '18343000@123']);
    expect(values('expense.total')).toEqual(['1854.42@117', '18544200@123']);
    expect(values('carryover.begin')).toEqual(['202800@123', '202170.21@165']);
  });
  it('huizhou: all-funds and 财政拨款 基本支出 are different facts', async () => {
    const result = await check('huizhou-ybj-2022', 'md');
    const basic = result.facts.filter((f) => f.concept === 'expense.basic').map((f) => `${f.value}/${f.scope.funds}@${f.line}`);
    expect(basic).toEqual(['12033400/all@290', '11987900/fiscal@308']);
  });
  it('potou: budget and actual income are told apart', async () => {
    const result = await check('potou-ybj-2022', 'md');
    const income = result.facts.filter((f) => f.concept === 'income.total').map((f) => `${f.value}/${f.scope.basis}`);
    expect(new Set(income)).toEqual(new Set(['21150500/budget', '66555900/actual']));
  });
});

describe('findings on the five corpus reports (markdown)', () => {
  it('jinkouhe: parts that do not add up, a share, weights of 90%, a placeholder', async () => {
    expect(summary(await check('jinkouhe-ybj-2025', 'md'))).toEqual([
      'sum-mismatch error 1:41 358.84万元 176.12万元 182.68万元',
      'ratio-mismatch error 1:41 182.68万元 358.84万元 50.92%',
      'weights-sum error 1:132 5% 10%',
      'placeholder-value warning 1:132 ',
      'placeholder-value warning 1:133 ',
    ]);
    const result = await check('jinkouhe-ybj-2025', 'md');
    const sum = result.findings.find((f) => f.ruleId === 'sum-mismatch')!;
    expect(sum.message).toBe('基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元，与财政拨款支出 358.84万元 不符（差 0.04万元，超出舍入容差 0.015万元）');
    expect(sum.actual).toBe('358.84万元');
    expect(sum.expected).toBe('358.80万元');
    expect(result.findings.find((f) => f.ruleId === 'weights-sum')!.message).toContain('= 90%');
  });
  it('meizhou: 1854.42 元 where 万元 was meant', async () => {
    expect(summary(await check('meizhou-ybj-2023', 'md'))).toEqual(['unit-suspect warning 1:117 1854.42元 1493.04万元 361.38万元']);
  });
  it('huizhou: a wrong share, two repeated figures that differ, a unit slip, words against figures', async () => {
    expect(summary(await check('huizhou-ybj-2022', 'md'))).toEqual([
      'repeated-figure-mismatch error 1:272 3812.67万元 3810.44万元',
      'unit-suspect warning 1:284 2.23元 3797.83万元 0.1%',
      'repeated-figure-mismatch error 1:288 3800.81万元 3798.82万元',
      'ratio-mismatch error 1:292 2600.03万元 3803.37万元 38.36%',
      'direction-contradiction warning 1:506 2.02万元',
    ]);
  });
  it('meixian and potou: everything holds', async () => {
    expect(summary(await check('meixian-ybj-2025', 'md'))).toEqual([]);
    expect(summary(await check('potou-ybj-2022', 'md'))).toEqual([]);
  });
});

describe('format invariance: PDF and Word give the findings and facts of the markdown', () => {
  const essence = (result: FileResult) =>
    result.findings.map((f) => `${f.ruleId} ${f.severity} ${[...new Set(f.evidence.map((e) => e.value))].sort().join(',')}`).sort();
  /** Every fact, as concept = value with its scope (labels and places differ between forms; the facts must not). */
  const factSet = (result: FileResult) => result.facts.map((f) => `${f.concept}=${f.value} ${f.scope.funds}/${f.scope.period}/${f.scope.basis}`).sort();
  for (const name of REPORTS) {
    for (const form of ['pdf', 'docx'] as const) {
      it(`${name}.${form}`, async () => {
        const [markdown, other] = await Promise.all([check(name, 'md'), check(name, form)]);
        expect(other.errors).toEqual([]);
        expect(essence(other)).toEqual(essence(markdown));
        expect(factSet(other)).toEqual(factSet(markdown));
        expect(other.meta).toMatchObject({ department: markdown.meta.department, year: markdown.meta.year, selfScore: markdown.meta.selfScore });
      });
    }
  }
  it('PDF evidence carries the page it is printed on', async () => {
    const result = await check('jinkouhe-ybj-2025', 'pdf');
    const sum = result.findings.find((f) => f.ruleId === 'sum-mismatch')!;
    expect(sum.evidence.map((e) => `${e.raw}@${e.page}`)).toEqual(['358.84 万元@2', '176.12 万元@2', '182.68 万元@2']);
    const huizhou = await check('huizhou-ybj-2022', 'pdf');
    expect(huizhou.findings.map((f) => `${f.ruleId}@${f.page}`)).toEqual([
      'repeated-figure-mismatch@6', 'unit-suspect@7', 'repeated-figure-mismatch@7', 'ratio-mismatch@7', 'direction-contradiction@12',
    ]);
  });
  it('Word findings say where they are without inventing pages', async () => {
    const result = await check('jinkouhe-ybj-2025', 'docx');
    expect(result.findings.find((f) => f.ruleId === 'sum-mismatch')?.locator).toBe('第 18 段');
  });
});
