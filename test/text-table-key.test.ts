/**
 * The narrative against its table, through the one fact key: a generated 支出决算表 (类/款/项 rows with
 * codes, 合计 | 基本支出 | 项目支出 that add up) and a 情况说明 restating one of its cells in one of several
 * wordings (the department's total or 基本支出, a 类, an 项 named by its last two levels, with or without
 * stage and funds words, ASCII or full-width punctuation, 万元 or 元). The oracle is the table itself: a
 * restatement that is right is silent; one with a planted slip (swapped digits, a changed cent, 元 for
 * 万元) is found by text-table-mismatch (or unit-suspect), at the narrative's line, with the cell as evidence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import { Decimal } from '../normalizers/decimal.js';
import { normalizeDocument } from '../normalizers/index.js';

interface Item {
  code: string;
  name: string;
  basic: Decimal;
  project: Decimal;
  children: Item[];
}

/** Real 功能科目: 类 > 款 > 项. */
const CLASSES = [
  { code: '201', name: '一般公共服务支出', kuan: [{ code: '20101', name: '人大事务', xiang: [['2010101', '行政运行'], ['2010102', '一般行政管理事务']] }, { code: '20103', name: '政府办公厅（室）及相关机构事务', xiang: [['2010301', '行政运行'], ['2010350', '事业运行']] }] },
  { code: '208', name: '社会保障和就业支出', kuan: [{ code: '20805', name: '行政事业单位养老支出', xiang: [['2080505', '机关事业单位基本养老保险缴费支出'], ['2080506', '机关事业单位职业年金缴费支出']] }] },
  { code: '210', name: '卫生健康支出', kuan: [{ code: '21011', name: '行政事业单位医疗', xiang: [['2101101', '行政单位医疗'], ['2101102', '事业单位医疗']] }] },
  { code: '221', name: '住房保障支出', kuan: [{ code: '22102', name: '住房改革支出', xiang: [['2210201', '住房公积金'], ['2210203', '购房补贴']] }] },
] as const;

const cents = fc.integer({ min: 1, max: 9_999_999 }).map((n) => new Decimal(n).div(100));

/** A table: each 项 its basic and project amounts (in 万元, two decimals); parents are the sums. */
const tableArbitrary = fc
  .tuple(fc.subarray([...CLASSES], { minLength: 1 }), fc.array(fc.tuple(cents, fc.oneof(cents, fc.constant(new Decimal(0)))), { minLength: 16, maxLength: 16 }))
  .map(([classes, amounts]) => {
    let next = 0;
    const leaf = (code: string, name: string): Item => {
      const [basic, project] = amounts[next++ % amounts.length]!;
      return { code, name, basic, project, children: [] };
    };
    const parent = (code: string, name: string, children: Item[]): Item => ({
      code,
      name,
      basic: children.reduce((sum, child) => sum.plus(child.basic), new Decimal(0)),
      project: children.reduce((sum, child) => sum.plus(child.project), new Decimal(0)),
      children,
    });
    return classes.map((lei) => parent(lei.code, lei.name, lei.kuan.map((kuan) => parent(kuan.code, kuan.name, kuan.xiang.map(([code, name]) => leaf(code, name))))));
  });

const money = (value: Decimal) => value.toFixed(2);
const total = (item: { basic: Decimal; project: Decimal }) => item.basic.plus(item.project);

/** The table in 万元 as generated, or in 元 (×10⁴): the text in 万元 then restates a rounded cell. */
function printTable(classes: Item[], inYuan: boolean): string {
  const money = (value: Decimal) => (inYuan ? value.times(10_000).toFixed(2) : value.toFixed(2));
  const all = { basic: classes.reduce((s, c) => s.plus(c.basic), new Decimal(0)), project: classes.reduce((s, c) => s.plus(c.project), new Decimal(0)) };
  const rows = [`| | 合计 | ${money(total(all))} | ${money(all.basic)} | ${money(all.project)} |`];
  const walk = (item: Item) => {
    rows.push(`| ${item.code} | ${item.name} | ${money(total(item))} | ${item.basic.isZero() ? '' : money(item.basic)} | ${item.project.isZero() ? '' : money(item.project)} |`);
    item.children.forEach(walk);
  };
  classes.forEach(walk);
  return `一般公共预算财政拨款支出决算表\n\n单位：${inYuan ? '元' : '万元'}\n\n| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}

type Target = { kind: 'department'; measure: 'total' | 'basic' } | { kind: 'class'; item: Item } | { kind: 'xiang'; kuan: Item; item: Item };
type Slip = 'none' | 'swap' | 'cent' | 'yuan';

const caseArbitrary = tableArbitrary.chain((classes) => {
  const xiang = classes.flatMap((lei) => lei.children.flatMap((kuan) => kuan.children.map((item) => ({ kind: 'xiang' as const, kuan, item }))));
  const targets: Target[] = [{ kind: 'department', measure: 'total' }, { kind: 'department', measure: 'basic' }, ...classes.map((item) => ({ kind: 'class' as const, item })), ...xiang];
  return fc.record({
    classes: fc.constant(classes),
    target: fc.constantFrom(...targets),
    slip: fc.constantFrom<Slip>('none', 'none', 'swap', 'cent', 'yuan'),
    wording: fc.integer({ min: 0, max: 3 }),
    fullWidth: fc.boolean(),
    space: fc.boolean(),
    inYuan: fc.boolean(),
    // A 预算 figure of the same item before the 决算 one: never compared with a 决算 table.
    budget: fc.option(cents, { nil: undefined }),
    aside: fc.constantFrom('', '，主要用于保障机构正常运转', '，占支出总额的 12.50%'),
  });
});

/** The slip planted in a printed amount (two decimals): undefined when it would not change the figure. */
function planted(value: Decimal, slip: Slip): string | undefined {
  const printed = money(value);
  if (slip === 'none' || slip === 'yuan') return printed;
  if (slip === 'cent') return money(value.plus(new Decimal('0.03')));
  const digits = printed.replace('.', '').split('');
  // Swap the first two unlike adjacent digits (a typist's transposition).
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] !== digits[i + 1] && !(i === 0 && digits[i + 1] === '0')) {
      [digits[i], digits[i + 1]] = [digits[i + 1]!, digits[i]!];
      const swapped = digits.join('');
      return `${swapped.slice(0, -2)}.${swapped.slice(-2)}`;
    }
  }
  return undefined;
}

function sentence(target: Target, amount: string, unit: string, wording: number, comma: string, space: string, budget?: Decimal): { text: string; cell: Decimal } {
  const figure = `${space}${amount}${space}${unit}`;
  const planned = budget ? `全年预算为${space}${money(budget)}${space}万元，` : '';
  if (target.kind === 'department') {
    const all = target.measure;
    return {
      text: all === 'total'
        ? [`本年支出合计${figure}`, `一般公共预算财政拨款支出${figure}`, `2024年度一般公共预算财政拨款支出决算为${figure}`, `支出决算总额为${figure}`][wording]!
        : [`基本支出${figure}`, `其中${comma}基本支出${figure}`, `一般公共预算财政拨款基本支出${figure}`, `基本支出决算为${figure}`][wording]!,
      cell: new Decimal(0),
    };
  }
  if (target.kind === 'class') {
    const name = target.item.name.replace(/支出$/, '');
    return { text: [`${name}（类）支出${figure}`, `${target.item.name}（类）${figure}`, `${name}（类）${planned}支出决算为${figure}`, `${target.item.name}（类）${planned}决算数为${figure}`][wording]!, cell: total(target.item) };
  }
  const kuan = target.kuan.name;
  const item = target.item.name.replace(/支出$/, '');
  return {
    text: [`${kuan}（款）${item}（项）${figure}`, `${kuan}（款）${item}（项）${planned}支出决算为${figure}`, `${kuan}（款）${item}（项）${comma}${planned}支出决算为${figure}`, `${kuan}（款）${target.item.name}（项）${planned}决算数为${figure}`][wording]!,
    cell: total(target.item),
  };
}

const RUNS = Number(process.env.WORDING_RUNS ?? 200);
// As test/wordings.test.ts: a fixed seed keeps CI reproducible; WORDING_SEED=random explores.
const SEED = process.env.WORDING_SEED === 'random' ? undefined : Number(process.env.WORDING_SEED ?? 20261207);

describe('text restating its table, by the fact key', () => {
  it(`is silent when right and finds each planted slip with the cell as evidence (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(caseArbitrary, ({ classes, target, slip, wording, fullWidth, space, inYuan, budget, aside }) => {
        const all = { basic: classes.reduce((s, c) => s.plus(c.basic), new Decimal(0)), project: classes.reduce((s, c) => s.plus(c.project), new Decimal(0)) };
        const value = target.kind === 'department' ? (target.measure === 'total' ? total(all) : all.basic) : total(target.item);
        if (value.isZero()) return;
        const amount = slip === 'yuan' ? money(value) : planted(value, slip);
        if (amount === undefined) return;
        const comma = fullWidth ? '：' : ':';
        const { text } = sentence(target, amount, slip === 'yuan' ? '元' : '万元', wording, comma, space ? ' ' : '', budget);
        const document = `${printTable(classes, inYuan)}\n五、一般公共预算财政拨款支出决算情况说明\n\n${text}${aside}${fullWidth ? '。' : '.'}\n`;
        const lines = document.split('\n');
        const line = lines.findIndex((l) => l.startsWith(text)) + 1;
        const normalized = normalizeDocument(textToDocument(document, { path: 'generated.md', sha256: '0'.repeat(64) }, 'markdown'));
        const findings = analyze(normalized).filter((f) => f.ruleId === 'text-table-mismatch' || f.ruleId === 'unit-suspect');
        if (slip === 'none') {
          expect(findings, document).toEqual([]);
          return;
        }
        expect(findings.map((f) => [f.ruleId, f.line]), document).toEqual([[slip === 'yuan' ? 'unit-suspect' : 'text-table-mismatch', line]]);
        const cell = findings[0]!.evidence.find((e) => e.role === 'table');
        expect(cell, document).toBeDefined();
        expect(new Decimal(cell!.value).div(10_000).toFixed(2), document).toBe(money(value));
        // The finding points at the stated figure, never at the 预算 one before it.
        expect(findings[0]!.evidence.find((e) => e.role === 'stated')?.raw.replace(/\s/g, ''), document).toBe(`${amount}${slip === 'yuan' ? '元' : '万元'}`);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
