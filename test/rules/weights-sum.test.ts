import { ruleTester } from '../helpers/rule-tester.js';

const table = (header: string, weights: [string, string, string], extra = '') => `| 一级指标 | 二级指标 | 三级指标 | 指标值 | ${header} | 实际完成指标值 |
| --- | --- | --- | --- | --- | --- |
| 产出指标 | 数量指标 | 补助参保人数 | ≥30000人 | ${weights[0]} | 31250人 |
| 产出指标 | 质量指标 | 足额保障率 | ≥99% | ${weights[1]} | 100% |
| 效益指标 | 社会效益 | 群众满意度 | ≥90% | ${weights[2]} | 95% |
${extra}`;

/** The jinkouhe layout: a form table whose indicator part starts with its own header row (tab-separated). */
const jinkouhe = (weights: [string, string, string]) => `单位：万元

部门名称\t\t某医疗保障局\t\t\t\t\t\t
年度部门整体支出预算\t资金总额\t财政拨款\t其他资金\t\t\t\t\t
\t396.3564\t396.3564\t0\t\t\t\t\t
年度绩效指标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t绩效指标值\t绩效度量单位\t权重\t实际完成指标值
\t产出指标\t数量指标\t补助参保人数\t≥\t30000\t人\t${weights[0]}\t31250
\t\t质量指标\t足额保障率\t≥\t99\t%\t${weights[1]}\t100
\t效益指标\t社会效益\t群众满意度\t≥\t90\t%\t${weights[2]}\t95
`;

ruleTester('weights-sum', {
  valid: [
    { name: '40% + 30% + 30% = 100%', code: table('权重', ['40%', '30%', '30%']) },
    { name: '分值 40 + 30 + 30 = 100', code: table('分值', ['40', '30', '30']) },
    { name: 'weights are exact, not rounded: 33.3% + 33.3% + 33.4%', code: table('权重', ['33.3%', '33.3%', '33.4%']) },
    { name: 'the jinkouhe layout adding up to 100%', code: jinkouhe(['60%', '30%', '10%']) },
    {
      name: 'scope: a table without a 权重/分值 column (a budget table with a 合计 column)',
      code: '单位：万元\n\n| 项目 | 合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- |\n| 财政拨款 | 90.00 | 60.00 | 30.00 |\n',
    },
    {
      name: 'a 合计 row stating the 100% total',
      code: table('权重', ['40%', '30%', '30%'], '| 合计 |  |  |  | 100% |  |\n'),
    },
    {
      name: 'a 其中 row is part of the row above it: the funds block’s 分值 is counted once (no sum of 10 + 10)',
      code: '| 资金情况 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n| --- | --- | --- | --- | --- | --- |\n| 年度资金总额 | 30 | 30 | 10 | 100% | 10 |\n| 其中：本年财政拨款 | 30 | 30 | 10 | 100% | 10 |\n',
    },
  ],
  invalid: [
    {
      name: '30% + 30% + 30% = 90%',
      code: table('权重', ['30%', '30%', '30%']),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 3, column: 36,
          data: { header: '权重', parts: '30+30+30', computed: '90%', unit: '%' },
          actual: '90%', expected: '100%',
        },
      ],
    },
    {
      name: '分值 40 + 30 + 20 = 90 (no unit)',
      code: table('分值', ['40', '30', '20']),
      errors: [{ severity: 'error', messageId: 'sum', page: 1, line: 3, column: 36, data: { header: '分值', parts: '40+30+20', computed: '90', unit: '' } }],
    },
    {
      name: 'jinkouhe layout: the indicator header is a row inside the table; 50 + 30 + 10 = 90%',
      code: jinkouhe(['50%', '30%', '10%']),
      errors: [{ severity: 'error', messageId: 'sum', page: 1, line: 7, column: 29, data: { header: '权重', parts: '50+30+10', computed: '90%', unit: '%' } }],
    },
    {
      name: 'over 100: 40% + 40% + 30% = 110%',
      code: table('权重', ['40%', '40%', '30%']),
      errors: [{ severity: 'error', messageId: 'sum', page: 1, line: 3, column: 36, data: { header: '权重', parts: '40+40+30', computed: '110%', unit: '%' } }],
    },
  ],
});
