/**
 * A real 项目支出绩效自评表 — 临沧市临翔区林业和草原局, 2023年马鹿坑国有林场新建野生动物收容所建设项目
 * (../shared/corpus/dev/b005.txt, from https://www.ynlx.gov.cn/info/2431/148733.htm) — as a department's
 * budget system exports it (a workbook: merged cells, numbers as numbers, 执行率 in a percent format), and
 * as a converter prints the same table as markdown. The figures are the page's own; its last row is cut off
 * in the corpus after `受益农户满意度`: that row's 分值 and 得分 are completed as 10 and 10 (the 10 the other
 * weights leave of 100) and its target and outcome left blank, and the 总分 row (100 | 99) is the sum of the
 * 得分 as printed. fixtures/office/lincang-linxiang-2023-zipingbiao.{xlsx,xls,md} are written by
 * `npx tsx test/helpers/self-evaluation-workbook.ts` (fixtures/README.md).
 *
 * `changes` alters cells for a test (`{ 'H15': 16 }`), in both forms alike.
 */
import * as XLSX from '@e965/xlsx';
import { writeFileSync } from 'node:fs';

type Value = string | number | null;

/** The sheet, A1 first; `null` is a cell under a merge (or an empty one). 执行率 cells are fractions shown as percents. */
const ROWS: Value[][] = [
  ['项目支出绩效自评表', null, null, null, null, null, null, null, null],
  ['（2023年度）', null, null, null, null, null, null, null, null],
  ['项目名称', '2023年马鹿坑国有林场新建野生动物收容所建设项目', null, null, null, null, null, null, null],
  ['主管部门', '临沧市临翔区林业和草原局', null, null, '实施单位', '临沧市临翔区林业和草原局', null, null, null],
  ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', null],
  [null, '年度资金总额', null, 32.4, 31.69, 10, 0.978, 9, null],
  [null, '其中：当年财政拨款', null, 32.4, 31.69, 10, 0.978, 9, null],
  ['年度总体目标', '预期目标', null, null, null, '实际完成情况', null, null, null],
  [
    null,
    '支持欠发达国有林场基础设施建设,补齐必要的配套基础设施建设短板,有效保护管理好马鹿坑国有林场的野生动物资源,及时有效救助各类受到伤害的野生动物,新建马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米,能同时收容近百头(只)野生动物。',
    null,
    null,
    null,
    '完成马鹿坑国有林场临时野生动物收容所1间200平方米,钢结构圈养围栏120米,能同时收容近百头(只)野生动物。',
    null,
    null,
    null,
  ],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  [null, '产出指标', '数量指标', '野生动物收容所', '≥200平方米', '204.46平方米', 10, 10, '无'],
  [null, null, null, '钢结构圈养围栏', '≥120米', '121.5米', 10, 10, '无'],
  [null, null, '时效指标', '项目完工时限', '2023年12月', '2023年10月', 15, 15, '无'],
  [null, null, '质量指标', '项目竣工验收率', '100%', '100%', 15, 15, '无'],
  [null, '效益指标', '经济效益指标', '务工人员年人均增收', '≥8400元', '8400元', 10, 10, '无'],
  [null, null, '社会效益指标', '提供务工岗位', '≥5个', '5个', 10, 10, '无'],
  [null, null, '可持续影响指标', '项目建成后可持续影响年限', '≥15年', '15年', 10, 10, '无'],
  [null, '满意度指标', '服务对象满意度指标', '受益农户满意度', null, null, 10, 10, null],
  ['总分', null, null, null, null, null, 100, 99, null],
];

const MERGES = [
  'A1:I1',
  'A2:I2',
  'B3:I3',
  'B4:D4',
  'F4:I4',
  'A5:B5',
  'H5:I5',
  'A6:A7',
  'H6:I6',
  'H7:I7',
  'A8:A9',
  'B8:E8',
  'F8:I8',
  'B9:E9',
  'F9:I9',
  'A10:A18',
  'B11:B14',
  'C11:C12',
  'B15:B17',
  'A19:F19',
];

/** Cells of the 执行率 column: fractions the sheet shows as `97.80%`. */
const PERCENT_CELLS = new Set(['G6', 'G7']);

function rowsWith(changes: Record<string, Value>): Value[][] {
  const rows = ROWS.map((row) => [...row]);
  for (const [ref, value] of Object.entries(changes)) {
    const { r, c } = XLSX.utils.decode_cell(ref);
    rows[r]![c] = value;
  }
  return rows;
}

/** The form as an exported workbook (`xlsx` or `biff8` for .xls). */
export function selfEvaluationWorkbook(bookType: 'xlsx' | 'biff8', changes: Record<string, Value> = {}): Uint8Array {
  const sheet = XLSX.utils.aoa_to_sheet(rowsWith(changes));
  sheet['!merges'] = MERGES.map((range) => XLSX.utils.decode_range(range));
  for (const ref of PERCENT_CELLS) {
    const cell = sheet[ref] as XLSX.CellObject | undefined;
    if (cell?.t === 'n') cell.z = '0.00%';
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '项目支出绩效自评表');
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
}

/** The same form as a converter prints it in markdown: title lines, then one pipe row per sheet row, merged cells blank. */
export function selfEvaluationMarkdown(changes: Record<string, Value> = {}): string {
  const rows = rowsWith(changes);
  const text = (value: Value, ref: string) => (value === null ? '' : typeof value === 'number' ? (PERCENT_CELLS.has(ref) ? `${(value * 100).toFixed(2)}%` : String(value)) : value);
  const line = (row: Value[], r: number) => `| ${row.map((value, c) => text(value, XLSX.utils.encode_cell({ r, c }))).join(' | ')} |`;
  const [, , head, ...body] = rows;
  return [`# ${String(rows[0]![0])}`, '', String(rows[1]![0]), '', line(head!, 2), `|${head!.map(() => ' --- |').join('')}`, ...body.map((row, i) => line(row, i + 3)), ''].join(
    '\n',
  );
}

if (process.argv[1]?.endsWith('self-evaluation-workbook.ts')) {
  const base = new URL('../../fixtures/office/lincang-linxiang-2023-zipingbiao', import.meta.url).pathname;
  writeFileSync(`${base}.xlsx`, selfEvaluationWorkbook('xlsx'));
  writeFileSync(`${base}.xls`, selfEvaluationWorkbook('biff8'));
  writeFileSync(`${base}.md`, selfEvaluationMarkdown());
}
