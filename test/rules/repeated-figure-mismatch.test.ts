import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('repeated-figure-mismatch', {
  valid: [
    {
      name: 'rounding: intervals that merely touch (3803.38 vs 3803.37 share 3803.375) hold',
      code: '2022 年本单位总支出 3803.38 万元。\n\n2022 年本年支出 3803.37 万元。\n',
    },
    {
      name: 'rounding: 3810.4 (one decimal) is 3810.44 rounded',
      code: '2022 年调整预算数为 3810.44 万元。\n\n年初财政预算 3553.21 万元，调整预算数 3810.4 万元。\n',
    },
    {
      name: 'scope (huizhou): 基本支出 of all funds (1203.34) and of 财政拨款 (1198.79) are different facts',
      code: '2022 年本年支出 3803.37 万元，其中：基本支出 1203.34 万元，项目支出 2600.03 万元。\n\n2022 年本年财政拨款支出 3798.82 万元，其中：基本支出 1198.79 万元，项目支出 2600.03 万元。\n',
    },
    {
      name: 'scope: 财政拨款基本支出 named as such',
      code: '2022 年基本支出 1203.34 万元。\n\n2022 年财政拨款基本支出 1198.79 万元。\n',
    },
    {
      name: 'scope: a 上年 figure is not this year’s',
      code: '2022 年本单位总支出 3803.38 万元，上年总支出 2850.01 万元。\n',
    },
    {
      name: 'scope: a subordinate unit’s figure (下属医保中心) is not the department’s',
      code: '2022 年本单位总支出 3803.38 万元。下属医保中心总支出 1572.75 万元。\n',
    },
    {
      name: 'scope: budget (支出预算) and actual (本年支出) are different facts',
      code: '2022 年支出预算 3810.44 万元。\n\n2022 年本年支出 3803.37 万元。\n',
    },
    {
      name: 'the same digits in another unit are a unit slip (unit-suspect), not a second value',
      code: '支出总额 1854.42 万元。\n\n支出总额 1854.42 元。\n',
    },
    {
      name: 'scope: 财政拨款支出中，基本支出 … is the fiscal part, not all funds',
      code: '2022 年支出总额 3803.38 万元，其中：基本支出 1203.34 万元，项目支出 2600.04 万元。\n\n财政拨款支出中，基本支出 1198.79 万元。\n',
    },
    {
      name: 'subject: each 功能科目 item explained in turn has its own 年初预算 (类/款/项 path from the numbered item)',
      code: '1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。年初预算为 215.60 万元，支出决算为 214.98 万元。\n\n2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。年初预算为 48.20 万元，支出决算为 47.75 万元。\n',
    },
    {
      name: 'subject: items named under numbered headings (1.差旅费 / 2.会议费) are different quantities',
      code: '（三）主要支出情况\n\n1.差旅费。年初预算 12.00 万元，调整预算数 12.50 万元。\n\n2.会议费。年初预算 3.00 万元，调整预算数 2.80 万元。\n',
    },
    {
      name: 'subject: the item named before the measure in its own clause (培训费年初预算 vs 印刷费年初预算)',
      code: '培训费年初预算 6.40 万元，印刷费年初预算 2.10 万元。\n',
    },
    {
      name: 'a change is not a stock: 增加基本支出 80.15 万元 is not the 基本支出',
      code: '本年基本支出 5120.40 万元。与上年相比，主要是人员调整，增加基本支出 80.15 万元。\n\n基本支出增加人员经费 62.30 万元。\n',
    },
    {
      name: 'distributive: 收、支总计分别为 X、Y gives 收入总计 X and 支出总计 Y, each agreeing with its restatement',
      code: '2023 年收、支总计分别为 500.00 万元、480.00 万元。\n\n本年支出总计 480.00 万元，收入总计 500.00 万元。\n',
    },

    {
      name: 'a quantity its table states too: the text’s two 基本支出 disagree, and the one that disagrees with the table is text-table-mismatch’s, reported once there',
      code: '支出决算表\n\n单位：万元\n\n| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- | --- |\n| | 合计 | 486.30 | 215.06 | 271.24 |\n| 201 | 一般公共服务支出 | 486.30 | 215.06 | 271.24 |\n\n三、支出决算情况说明\n\n本年支出合计 486.30 万元，其中：基本支出 215.08 万元。\n\n四、基本支出情况\n\n基本支出 215.06 万元。\n',
    },
    {
      name: 'allocations by notice: each notice allocates its own money (10号 300 万元, 12号 80 万元), restated alike',
      code: '市财政局甲财农〔2024〕10号文件下达我县农田水利资金 300 万元。市财政局甲财农〔2024〕12号文件下达我县资金 80 万元。\n\n甲财农〔2024〕10号文件下达我县农田水利资金 300 万元，其中：渠道维修 200 万元，泵站改造 100 万元。\n',
    },
    {
      name: 'allocations for named projects under one notice are different quantities',
      code: '根据乙财建〔2024〕3号文件，下达道路硬化项目 40 万元；根据乙财建〔2024〕3号文件，下达桥梁维修项目 25 万元。\n',
    },
    {
      name: 'a sentence restating its table: each item’s 决算 and 预算 agree with the cells of its row',
      code: '一、“三公”经费支出决算表\n\n单位：万元\n\n| 项目 | 预算数 | 决算数 |\n| --- | --- | --- |\n| 合计 | 120 | 83.77 |\n| 因公出国（境）费 | 0 |  |\n| 公务接待费 | 4 | 3.26 |\n| 公务用车购置及运行维护费 | 116 | 80.51 |\n\n二、情况说明\n\n因公出国（境）费支出决算 0 万元；公务接待费支出决算 3.26 万元；公务用车购置及运行维护费支出决算 80.51 万元，公务接待费年初预算 4 万元。\n',
    },
  ],
  invalid: [
    {
      name: 'distributive with full names: 收入总计、支出总计分别为 X、Y, the 支出总计 restated differently',
      code: '收入总计、支出总计分别为 500.00 万元、480.00 万元。\n\n本年支出总计 490.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 8,
          data: { label: '本年支出', value: '490.00万元', other: '480.00万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '490.00万元', expected: '480.00万元',
        },
      ],
    },
    {
      name: 'a sentence restating its table: 公务接待费支出决算 3.62 万元 where the table’s 公务接待费 row says 3.26',
      code: '一、“三公”经费支出决算表\n\n单位：万元\n\n| 项目 | 预算数 | 决算数 |\n| --- | --- | --- |\n| 合计 | 120 | 83.77 |\n| 因公出国（境）费 | 0 |  |\n| 公务接待费 | 4 | 3.26 |\n| 公务用车购置及运行维护费 | 116 | 80.51 |\n\n二、情况说明\n\n因公出国（境）费支出决算 0 万元；公务接待费支出决算 3.62 万元；公务用车购置及运行维护费支出决算 80.51 万元，公务接待费年初预算 4 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'table', page: 1, line: 14, column: 29,
          data: { label: '公务接待费支出决算', value: '3.62万元', row: '公务接待费', column: '决算数', other: '3.26万元', otherPlace: '第 1 页第 9 行' },
          actual: '3.62万元', expected: '3.26万元',
        },
      ],
    },
    {
      name: 'allocations by notice: the same notice (12号) said to allocate 80 万元, then 85 万元',
      code: '市财政局甲财农〔2024〕12号文件下达我县资金 80 万元。\n\n市财政局甲财农〔2024〕12号文件下达我县 2024 年水毁修复资金 85 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 37,
          data: { label: '下达', value: '85万元', other: '80万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '85万元', expected: '80万元',
        },
      ],
    },
    {
      name: 'distributive: 一般公共预算支出和政府性基金支出分别为 X、Y, the second restated differently',
      code: '一般公共预算支出和政府性基金支出分别为 300.00 万元、50.00 万元。\n\n政府性基金支出 55.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 9,
          data: { label: '政府性基金支出', value: '55.00万元', other: '50.00万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '55.00万元', expected: '50.00万元',
        },
      ],
    },
    {
      name: 'subject: the same item under two numbered items of the same name disagrees',
      code: '1、教育支出（类）普通教育（款）小学教育（项）。年初预算为 88.20 万元。\n\n说明略。\n\n2、教育支出（类）普通教育（款）小学教育（项）。年初预算为 86.20 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 5, column: 31,
          data: { label: '年初预算', value: '86.20万元', other: '88.20万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '86.20万元', expected: '88.20万元',
        },
      ],
    },
    {
      name: 'huizhou: 调整预算数 3810.44 万元 in one place, 3812.67 万元 in another',
      code: '2022 年调整预算数为 3810.44 万元。\n\n年初财政预算 3553.21 万元，调整预算数 3812.67 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 25,
          data: { label: '调整预算数', value: '3812.67万元', other: '3810.44万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '3812.67万元', expected: '3810.44万元',
        },
      ],
    },
    {
      name: 'the odd one out against two agreeing statements (等 2 处)',
      code: '2022 年调整预算数为 3810.44 万元。\n\n一、基本情况\n\n2022 年调整预算数为 3810.44 万元。\n\n二、执行情况\n\n调整预算数 3812.67 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 9, column: 7,
          data: { label: '调整预算数', value: '3812.67万元', other: '3810.44万元', otherPlace: '第 1 页第 1 行', count: '等 2 处' },
        },
      ],
    },
    {
      name: 'huizhou: 财政拨款支出 3798.82 twice, 3800.81 by source of funds',
      code: '其中财政拨款支出 3798.82 万元，比上年 2849.72 万元增加 33.31%。\n\n财政拨款支出 3798.82 万元，年初财政结转 5.21 万元。\n\n按资金来源，财政拨款支出 3800.81 万元，占 99.93%。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 5, column: 14,
          data: { label: '财政拨款支出', value: '3800.81万元', other: '3798.82万元', otherPlace: '第 1 页第 1 行', count: '等 2 处' },
        },
      ],
    },
    {
      name: 'rounding: 3803.38 vs 3803.36 do not touch (gap 0.01 beyond 0.005 + 0.005)',
      code: '2022 年本单位总支出 3803.38 万元。\n\n2022 年本年支出 3803.36 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 12,
          data: { label: '本年支出', value: '3803.36万元', other: '3803.38万元', otherPlace: '第 1 页第 1 行', count: '' },
        },
      ],
    },
  ],
});
