import { ruleTester } from '../helpers/rule-tester.js';

const income = (other: string, share: string) =>
  `2022 年本年收入 3797.83 万元，其中财政拨款收入 3795.60 万元，占 99.94%；其他收入 ${other}，占 ${share}。\n`;

ruleTester('ratio-mismatch', {
  valid: [
    {
      name: "分别为 x、y，分别占 W 的 p、q: both shares hold when each amount is paired with its own rate",
      code: "本年支出合计 937.80 万元。社会保障和就业支出、住房保障支出分别为 226.50、98.30 万元，分别占本年支出合计的 24.15%、10.48%。\n",
    },
    {
      name: "an item's completion rate (其中：公务接待费…完成年初预算的 60.0%) needs the item's own budget, which is not stated: not compared with the department's",
      code: "“三公”经费年初预算 18.60 万元，支出决算 7.20 万元，完成年初预算的 38.7%。其中：公务接待费支出决算 2.10 万元，完成年初预算的 60.0%。\n",
    },
    {
      name: 'rounding: 176.12 / 358.84 = 49.0804% vs stated 49.08%',
      code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%；项目支出 182.72 万元，占 50.92%。\n',
    },
    {
      name: 'rounding (huizhou): 2.23 / 3797.83 = 0.0587% vs stated 0.1% (one decimal: 0.05…0.15)',
      code: income('2.23 万元', '0.1%'),
    },
    {
      name: 'rounding: 0.0587% vs 0.059% and vs 0.0587%',
      code: `${income('2.23 万元', '0.059%')}\n${income('2.23 万元', '0.0587%')}`,
    },
    {
      name: 'rounding: 占比 49.1% (one decimal)',
      code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占比 49.1%。\n',
    },
    {
      name: 'percentage points are not percents: 提高 2.00 个百分点 is not a share',
      code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%，比上年提高 2.00 个百分点；项目支出 182.72 万元，占 50.92%。\n',
    },
    {
      name: 'a share that holds after rescaling 2.23 元 by 10⁴ is a unit slip (unit-suspect)',
      code: income('2.23 元', '0.1%'),
    },
    {
      name: 'a rate whose inputs fit (95.00 / 100.00 = 95.00%)',
      code: '预算数 100.00 万元，执行数 95.00 万元，预算执行率为 95.00%。\n',
    },
    {
      name: 'truncation: 0.0587% printed as 0.05% (cut, not rounded) is allowed for a percent',
      code: income('2.23 万元', '0.05%'),
    },
    {
      name: 'a rate over paid + unpaid: 支付 950.40，未支付 49.60，支付率 95.04% (950.40 / 1000.00)',
      code: '项目资金已支付 950.40 万元，未支付 49.60 万元，支付率 95.04%。\n',
    },
    {
      name: 'a share of a whole named and stated in another section (占本年支出合计的 99.90%: 17981.68 / 18000.00)',
      code: '一、收支总体情况\n\n本年支出合计 18000.00 万元。\n\n二、财政拨款支出\n\n财政拨款支出 17981.68 万元，占本年支出合计的 99.90%。\n',
    },
    {
      name: 'a named whole stated twice with different values is no single whole: nothing is checked',
      code: '本年支出合计 18000.00 万元。\n\n本年支出合计 16000.00 万元。\n\n财政拨款支出 15981.68 万元，占本年支出合计的 99.90%。\n',
    },
    {
      name: 'a share of a part qualified further (占财政拨款支出中基本支出的) is not a share of the named total',
      code: '财政拨款支出 1000.00 万元。\n\n人员经费 400.00 万元，占财政拨款支出中基本支出的 60.00%。\n',
    },
    {
      name: 'a 自评表 money block: 执行率（B/A） = 全年执行数（B） / 全年预算数（A） in each row (460 / 480 = 95.83%)',
      code: '| 资金情况（万元） | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |\n| --- | --- | --- | --- | --- | --- | --- |\n| 年度资金总额 | 500.00 | 480.00 | 460.00 | 10 | 95.83% | 9.58 |\n| 其中：当年财政拨款 | 500.00 | 480.00 | 460.00 | - | 95.83% | - |\n',
    },
    {
      name: '完成预算的 P%: 决算 over 预算 (98.40 / 120.00 = 82%)',
      code: '2023 年度“三公”经费支出预算为 120.00 万元，支出决算为 98.40 万元，完成预算的 82%。\n',
    },
    {
      name: 'a completion rate over a target: the outcome is the one figure of the target’s measure, whatever its name (5200 人 / 5000 人 = 104.00%)',
      code: '2024 年新增就业人数 5200 人，完成省下达目标任务数 5000 人的 104.00%。\n',
    },
    {
      name: 'a completion rate with two figures of the target’s measure before it: which is the outcome is not fixed, nothing is checked',
      code: '2024 年新增就业人数 5200 人，失业人员再就业 800 人，完成省下达目标任务数 5000 人的 110.00%。\n',
    },
    {
      name: 'a completion rate whose only other figure counts another measure (人次, not 人): no outcome, nothing is checked',
      code: '2024 年开展职业培训 3000 人次，完成省下达目标任务数 5000 人的 110.00%。\n',
    },
  ],
  invalid: [
    {
      name: 'a completion rate over a target, the outcome named by its own measure (参保人数, 就业人数 …): 5200 / 5000 = 104.00%, stated 106.00%',
      code: '2024 年新增就业人数 5200 人，完成省下达目标任务数 5000 人的 106.00%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 40,
          data: { formula: '5200人 / 5000人', computed: '104.00%', label: '完成率', stated: '106.00%' },
          actual: '106.00%', expected: '104.00%',
        },
      ],
    },
    {
      name: "分别为 x、y，分别占 W 的 p、q: aligned by position, 98.30 / 937.80 = 10.48%, not 11.48%",
      code: "本年支出合计 937.80 万元。社会保障和就业支出、住房保障支出分别为 226.50、98.30 万元，分别占本年支出合计的 24.15%、11.48%。\n",
      errors: [{"severity": "error", messageId: 'relation', "data": {"formula": "住房保障支出 98.30万元 / 本年支出合计 937.80万元", "computed": "10.48%", "word": "占", "stated": "11.48%", "gap": "1.00%", "tolerance": "0.0056%"}, "page": 1, "line": 1, "column": 72}],
    },
    {
      name: 'a flattened 自评表 row under wrapped header cells: 221.00 / 260.00 = 85.00%, stated 95%',
      code: ['资金情况', '(万元)', '全年', '预算数', '全年', '执行数', '执行率', '年度资金总额', '260.00万元', '221.00万元', '95%', '其中:财政拨款:200.00万元', ''].join('\n'),
      errors: [
        {
          severity: 'error', messageId: 'column', page: 1, line: 11, column: 1,
          data: { row: '年度资金总额', numerator: '全年执行数 221.00万元', denominator: '全年预算数 260.00万元', computed: '85.00%', label: '执行率', stated: '95%' },
          actual: '95%', expected: '85%',
        },
      ],
    },
    {
      name: '完成预算的 P%: 98.40 / 120.00 = 82.00%, stated 85%',
      code: '2023 年度“三公”经费支出预算为 120.00 万元，支出决算为 98.40 万元，完成预算的 85%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 51,
          data: { formula: '98.40万元 / 120.00万元', computed: '82.00%', label: '预算完成率', stated: '85%' },
          actual: '85%', expected: '82%',
        },
      ],
    },
    {
      name: 'a rate whose amounts are named earlier in the paragraph: 执行率 95.83% where 440.00 / 480.00 = 91.67%',
      code: '项目全年预算数 480.00 万元。截至年底全年执行数 440.00 万元，预算执行率 95.83%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 45,
          data: { formula: '440.00万元 / 480.00万元', computed: '91.67%', label: '执行率', stated: '95.83%' },
          actual: '95.83%', expected: '91.67%',
        },
      ],
    },
    {
      name: 'a 自评表 money block whose 执行率 does not follow from its columns (440 / 480 = 91.67%, stated 95.83%)',
      code: '| 资金情况（万元） | 年初预算数 | 全年预算数（A） | 全年执行数（B） | 分值 | 执行率（B/A） | 得分 |\n| --- | --- | --- | --- | --- | --- | --- |\n| 年度资金总额 | 500.00 | 480.00 | 440.00 | 10 | 95.83% | 9.58 |\n| 其中：当年财政拨款 | 500.00 | 480.00 | 460.00 | - | 95.83% | - |\n',
      errors: [
        {
          severity: 'error', messageId: 'column', page: 1, line: 3, column: 44,
          data: { row: '年度资金总额', numerator: '全年执行数（B） 440.00万元', denominator: '全年预算数（A） 480.00万元', computed: '91.67%', label: '执行率（B/A）', stated: '95.83%' },
          actual: '95.83%', expected: '91.67%',
        },
      ],
    },
    {
      name: 'a share of a whole named and stated in another section: 17981.68 / 18000.00 = 99.90%, stated 99.92%',
      code: '一、收支总体情况\n\n本年支出合计 18000.00 万元。\n\n二、财政拨款支出\n\n财政拨款支出 17981.68 万元，占本年支出合计的 99.92%。\n',
      errors: [
        {
          severity: 'error', messageId: 'named', page: 1, line: 7, column: 29,
          data: { part: '财政拨款支出 17981.68万元', whole: '本年支出 18000.00万元', wholePlace: '第 1 页第 3 行', computed: '99.90%', wholeLabel: '本年支出合计', stated: '99.92%' },
          actual: '99.92%', expected: '99.90%',
        },
      ],
    },
    {
      name: 'a rate over paid + unpaid: 支付率 95% where 18501.10 / (18501.10 + 703.00) = 96.34%',
      code: '本年度衔接资金支付 18501.10 万元，未支 703.00 万元，支付率 95%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 40,
          data: { formula: '18501.10万元 / (18501.10万元 + 703.00万元 = 19204.10万元)', computed: '96.34%', label: '支付率', stated: '95%' },
          actual: '95%', expected: '96%',
        },
      ],
    },
    {
      name: 'scope: a subordinate unit’s shares (下属医保中心) are that unit’s: a mismatch is only a note',
      code: '下属医保中心支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%；项目支出 182.68 万元，占 50.92%。\n',
      errors: [
        {
          severity: 'info', messageId: 'share', page: 1, line: 1, column: 64,
          data: { part: '项目支出 182.68万元', whole: '下属医保中心支出 358.84万元', computed: '50.91%', stated: '50.92%' },
          message: '项目支出 182.68万元 / 下属医保中心支出 358.84万元 = 50.91%，与所述占比 50.92% 不符（口径未明确，仅作提示）',
        },
      ],
    },
    {
      name: 'jinkouhe: 182.68 / 358.84 = 50.91% vs stated 50.92%',
      code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%；项目支出 182.68 万元，占 50.92%。\n',
      errors: [
        {
          severity: 'error', messageId: 'share', page: 1, line: 1, column: 68,
          data: { part: '项目支出 182.68万元', whole: '财政拨款支出 358.84万元', computed: '50.91%', stated: '50.92%' },
          actual: '50.92%', expected: '50.91%',
        },
      ],
    },
    {
      name: 'huizhou: 2600.03 / 3803.37 = 68.36% stated as 38.36%, in the second dimension (按支出性质) of one total',
      code: '2022 年本年支出 3803.37 万元，其中：按资金来源，财政拨款支出 3800.81 万元，占 99.93%，其他支出 2.56 万元，占 0.07%；按支出性质，基本支出 1203.34 万元，占 31.64%，项目支出 2600.03 万元，占 38.36%。\n',
      errors: [
        {
          severity: 'error', messageId: 'share', page: 1, line: 1, column: 129,
          data: { part: '项目支出 2600.03万元', whole: '本年支出 3803.37万元', computed: '68.36%', stated: '38.36%' },
        },
      ],
    },
    {
      name: 'rounding: 0.0587% vs stated 0.04% (two decimals, neither rounded 0.06 nor truncated 0.05)',
      code: income('2.23 万元', '0.04%'),
      errors: [
        {
          severity: 'error', messageId: 'share', page: 1, line: 1, column: 67,
          data: { part: '其他收入 2.23万元', whole: '本年收入 3797.83万元', computed: '0.06%', stated: '0.04%' },
        },
      ],
    },
    {
      name: '占比为 49.2% (one decimal: 49.15…49.25) vs 49.08%',
      code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占比为 49.2%。\n',
      errors: [
        {
          severity: 'error', messageId: 'share', page: 1, line: 1, column: 46,
          data: { part: '基本支出 176.12万元', whole: '财政拨款支出 358.84万元', computed: '49.08%', stated: '49.2%' },
        },
      ],
    },
    {
      name: 'an execution rate (执行率) that its two named figures do not give: 95.00 / 100.00 ≠ 96.00%',
      code: '预算数 100.00 万元，执行数 95.00 万元，预算执行率为 96.00%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 35,
          data: { formula: '95.00万元 / 100.00万元', computed: '95.00%', label: '执行率', stated: '96.00%' },
        },
      ],
    },
    {
      name: 'a deviation over either figure: |396.35 − 358.84| / 358.84 = 10.45%, written 12.46%',
      code: '全年预算执行数 396.35 万元、调整预算数 358.84 万元，计算得出偏离度 12.46%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1,
          data: { formula: '|396.35万元 − 358.84万元| / 358.84万元', computed: '10.45%', label: '偏离度', stated: '12.46%' },
        },
      ],
    },
  ],
});
