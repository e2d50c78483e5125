import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzers/index.js';
import type { Document } from '../../model/document.js';
import { normalizeDocument } from '../../normalizers/index.js';
import { readRealFixture } from '../helpers/fixture.js';
import { ruleTester } from '../helpers/rule-tester.js';

const item = (budget: string, actual: string, words: string) =>
  `3、住房保障支出（类）住房改革支出（款）住房公积金（项）。全年预算为 ${budget} 万元，支出决算为 ${actual} 万元。${words}\n`;

ruleTester('comparison-words', {
  valid: [
    { name: '决算数小于全年预算数 with the figures less, and a reason', code: item('24.30', '21.06', '决算数小于全年预算数的主要原因：人员调出。') },
    { name: '决算数大于预算数 with the figures greater', code: item('8.00', '9.45', '决算数大于预算数，主要是补缴以前年度公积金。') },
    { name: '持平 with equal figures needs no reason', code: item('13.50', '13.50', '决算数与全年预算数持平。') },
    { name: 'rounding: 13 万元 printed whole stands for 12.5–13.5, so 持平 with 12.6 may hold', code: item('13', '12.6', '决算数与全年预算数持平。') },
    {
      name: 'unqualified 预算数 after both 年初 and 全年 figures: right against one of them',
      code: '一般公共预算财政拨款支出年初预算为 0 万元，全年预算为 460.18 万元，支出决算为 441.07 万元，完成全年预算的 95.85%。决算数小于预算数的主要原因：项目结余。\n',
    },
    { name: '基本持平 within a tenth of the budget', code: item('50.00', '47.20', '决算数与全年预算数基本持平。') },
    { name: 'a change with its size is left to the difference rules', code: '会议费支出 6.00 万元，比上年增加 1.50 万元，主要原因是会议增多。\n' },
    { name: 'a form’s 增加（减少） with its size', code: '公务用车购置预算支出 0 万元，比上年预算增加（减少）0 万元。\n' },
    { name: '与上年持平 with no figure for last year: nothing to compare', code: '因公出国（境）费预算支出 12 万元，本年数与上年数持平。\n' },
    {
      name: '；parts items: the last year’s change of the item before is not this item’s reference',
      code: '一般公共预算拨款支出预算 730.00 万元，比 2024 年预算增加 52.00 万元；政府性基金拨款支出预算 0 万元，比 2024 年预算执行数持平。\n',
    },
    { name: 'the reason stated before the words', code: '由于人员调出，培训费决算数小于预算数。\n' },
    { name: 'the reason in the next sentence', code: item('24.30', '21.06', '决算数小于全年预算数。主要是人员调出。') },
  ],
  invalid: [
    {
      name: '决算数大于 where the actual figure is less',
      code: item('24.30', '21.06', '决算数大于全年预算数的主要原因：人员调入。'),
      errors: [
        {
          severity: 'warning', messageId: 'stage', page: 1, line: 1, column: 60,
          data: { phrase: '决算数大于全年预算数', currentLabel: '支出决算', current: '21.06万元', referenceLabel: '全年预算', reference: '24.30万元', actualWord: '小于' },
          actual: '决算数大于全年预算数', expected: '小于',
        },
      ],
    },
    {
      name: '持平 where the figures differ by more than rounding allows',
      code: item('13.50', '13.48', '决算数与全年预算数持平。'),
      errors: [
        {
          severity: 'warning', messageId: 'stage', page: 1, line: 1,
          data: { phrase: '决算数与全年预算数持平', currentLabel: '支出决算', current: '13.48万元', referenceLabel: '全年预算', reference: '13.50万元', actualWord: '小于' },
          actual: '决算数与全年预算数持平', expected: '小于',
        },
      ],
    },
    {
      name: '基本持平 where the actual figure is 40% below the budget',
      code: item('50.00', '30.00', '决算数与全年预算数基本持平。'),
      errors: [
        {
          severity: 'warning', messageId: 'stage', page: 1, line: 1,
          data: { phrase: '决算数与全年预算数基本持平', currentLabel: '支出决算', current: '30.00万元', referenceLabel: '全年预算', reference: '50.00万元', actualWord: '小于（相差 40.0%）' },
          actual: '决算数与全年预算数基本持平', expected: '小于',
        },
      ],
    },
    {
      name: '年初预算数 named: the 年初 figure decides, not the 全年 one',
      code: '会议费年初预算为 10.00 万元，全年预算为 6.00 万元，支出决算为 8.00 万元。决算数大于年初预算数，主要是会议增加。\n',
      errors: [
        {
          severity: 'warning', messageId: 'stage', page: 1, line: 1,
          data: { phrase: '决算数大于年初预算数', currentLabel: '支出决算', current: '8.00万元', referenceLabel: '会议费年初预算', reference: '10.00万元', actualWord: '小于' },
          actual: '决算数大于年初预算数', expected: '小于',
        },
      ],
    },
    {
      name: '本年数大于上年数 where this year’s figure is less',
      code: '公务接待费预算支出 18.00 万元，上年预算 21.50 万元，本年数大于上年数，主要是接待任务增加。\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1,
          data: { phrase: '本年数大于上年数', currentLabel: '公务接待费预算支出', current: '18.00万元', referenceLabel: '上年预算', reference: '21.50万元', actualWord: '减少' },
          actual: '本年数大于上年数', expected: '减少',
        },
      ],
    },
    {
      name: '比上年 Y 持平 where the figures differ',
      code: '公务用车运行维护费 30.00 万元，比上年 32.00 万元持平。\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1,
          data: { phrase: '比上年32.00万元持平', currentLabel: '公务用车运行维护费', current: '30.00万元', referenceLabel: '比上年', reference: '32.00万元', actualWord: '减少' },
          actual: '比上年32.00万元持平', expected: '减少',
        },
      ],
    },
    {
      name: 'a difference without a reason is a note',
      code: item('24.30', '21.06', '决算数小于全年预算数。') + '\n4、其他支出（项）。\n',
      errors: [{ severity: 'info', messageId: 'reason', page: 1, line: 1, column: 60, data: { phrase: '决算数小于全年预算数' } }],
    },
  ],
});

/** A real 部门决算 page: each 功能科目 item's 全年预算 and 支出决算, then 决算数小于全年预算数 with its reason. */
describe('comparison words on a real 部门决算 page (page 18 of sh-putuo-shgzb-2024-juesuan-excerpt.pdf)', () => {
  const read = () => readRealFixture('sh-putuo-shgzb-2024-juesuan-excerpt.pdf');
  const findings = (document: Document) =>
    analyze(normalizeDocument(document), { only: ['comparison-words'] }).map((f) => `${f.severity} p${f.page}:${f.line} ${f.message} [${f.evidence.map((e) => `${e.raw} p${e.page}:${e.line}`).join(', ')}]`);

  it('is quiet as published', async () => {
    expect(findings(await read())).toEqual([]);
  });

  it('finds 小于 changed to 大于 for 事业运行 (全年预算 17.68, 支出决算 11.31), with both figures on the page', async () => {
    const document = await read();
    const line = document.pages[4]!.lines.find((l) => l.text.includes('为 11.31 万元。决算数小于'))!;
    line.text = line.text.replace('决算数小于', '决算数大于');
    expect(findings(document)).toEqual([
      `warning p5:${line.number} 文字称“决算数大于全年预算数”，但支出决算 11.31万元 与全年预算 17.68万元 相比实为小于 [11.31 万元 p5:${line.number}, 17.68 万元 p5:${line.number - 1}]`,
    ]);
  });
});
