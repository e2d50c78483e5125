/**
 * Score tables flattened to text (normalizers/score-table.ts): cells split by `|`, by spaces or one per
 * line are read back as the table they were, so the score rules point at the very line and column of
 * each figure; prose around them is left alone, and the document read in is not changed.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { restoreScoreTables } from '../normalizers/score-table.js';

const HEADER = ['一级指标', '二级指标', '三级指标', '分值', '得分'];
/** Weights total 90; 完成数量 scores 31 of 30; the scores add to 86, the total row says 85. */
const ROWS = [
  ['决策', '项目立项', '立项依据充分性', '20', '18'],
  ['过程', '资金管理', '资金到位率', '30', '28'],
  ['产出', '产出数量', '完成数量', '30', '31'],
  ['效益', '社会效益', '群众满意度', '10', '9'],
];
const TOTAL = ['合计', '90', '85'];
const INTRO = '本项目绩效目标基本完成，自评情况如下。';
const NOTE = '注：得分按评分标准计算。';

function check(text: string) {
  const source = textToDocument(text, { path: 'scores.md', sha256: '0'.repeat(64) }, 'markdown');
  const before = JSON.stringify(source);
  const findings = analyze(normalizeDocument(source)).filter((f) => f.severity !== 'info');
  expect(JSON.stringify(source)).toBe(before);
  return findings.map((f) => ({ rule: f.ruleId, at: `${f.line}:${f.column}`, message: f.message, evidence: f.evidence.map((e) => `${e.role} ${e.raw} @${e.line}:${e.column}`) }));
}

/** The same three slips wherever the layout puts the figures: `line(row, col)` gives each cell's place. */
function expected(place: (row: number, col: number) => string) {
  return [
    {
      rule: 'weights-sum',
      at: place(1, 3),
      message: '分值列各项合计 20+30+30+10 = 90，不等于 100',
      evidence: [1, 2, 3, 4].map((row) => `weight ${ROWS[row - 1]![3]} @${place(row, 3)}`),
    },
    { rule: 'score-exceeds-max', at: place(3, 4), message: '自评表“完成数量”得分 31 超过其分值 30', evidence: [`score 31 @${place(3, 4)}`, `max 30 @${place(3, 3)}`] },
    {
      rule: 'score-sum-mismatch',
      at: place(5, 4),
      message: '自评表各项得分 18 + 28 + 31 + 9 = 86，与“合计”行得分 85 不符',
      evidence: [`total 85 @${place(5, 4)}`, ...[1, 2, 3, 4].map((row) => `part ${ROWS[row - 1]![4]} @${place(row, 4)}`)],
    },
  ].sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }) || a.rule.localeCompare(b.rule));
}

/** Line and 1-based column of cell `col` of body row `row` (the header is row 0, the total row 5) when rows are joined by `separator`. */
function placeInRows(separator: string, firstLine: number) {
  return (row: number, col: number) => {
    const cells = row === 0 ? HEADER : row === 5 ? TOTAL : ROWS[row - 1]!;
    const column = cells.slice(0, col).reduce((n, cell) => n + cell.length + separator.length, 0) + 1;
    return `${firstLine + row}:${column}`;
  };
}

const sortFindings = (list: ReturnType<typeof check>) => [...list].sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }) || a.rule.localeCompare(b.rule));

describe('score tables flattened to text', () => {
  for (const [name, separator] of [
    ['pipes without the outer ones', ' | '],
    ['full-width pipes', '｜'],
    ['spaces', ' '],
    ['ideographic spaces', '\u3000'],
  ] as const) {
    it(`cells separated by ${name}: weights, scores over their 分值 and the 得分 total, at their lines and columns`, () => {
      const text = [INTRO, '', HEADER.join(separator), ...ROWS.map((row) => row.join(separator)), TOTAL.join(separator), '', NOTE, ''].join('\n');
      // The total row's figures are right-aligned under 分值 and 得分.
      const place = placeInRows(separator, 3);
      expect(sortFindings(check(text))).toEqual(expected((row, col) => (row === 5 ? place(5, col - 2) : place(row, col))));
    });
  }

  it('one cell per line: the rows are the names then one cell per value column', () => {
    const cells = [...HEADER, ...ROWS.flat(), ...TOTAL];
    const lineOf = new Map<string, number>();
    const text = [INTRO, '', ...cells, '', NOTE, ''].join('\n');
    // Cell (row, col) stands alone on its line: column 1.
    let line = 3;
    for (const [r, row] of [HEADER, ...ROWS, TOTAL].entries()) for (const [c] of row.entries()) lineOf.set(`${r}:${c}`, line++);
    expect(sortFindings(check(text))).toEqual(expected((row, col) => `${lineOf.get(`${row}:${row === 5 ? col - 2 : col}`)!}:1`));
  });

  it('merged names left out on the left: rows aligned from the right', () => {
    const merged = [ROWS[0]!, ROWS[1]!.slice(1), ROWS[2]!, ROWS[3]!.slice(2)];
    const text = [HEADER.join(' | '), ...merged.map((row) => row.join(' | ')), TOTAL.join(' | '), ''].join('\n');
    const findings = check(text);
    expect(findings.map((f) => f.message).sort()).toEqual(
      expected(() => '1:1')
        .map((f) => f.message)
        .sort(),
    );
  });

  it('a consistent table is silent, and a table of other columns or with prose rows is not read as one', () => {
    const weights = ['20', '30', '30', '20'];
    const rows = ROWS.map((row, i) => [...row.slice(0, 3), weights[i]!, row[3] === '30' && row[2] === '完成数量' ? '29' : row[4]!]);
    const scores = rows.reduce((n, row) => n + Number(row[4]), 0);
    const consistent = [HEADER.join(' '), ...rows.map((row) => row.join(' ')), ['总分', '100', String(scores)].join(' '), ''].join('\n');
    expect(check(consistent)).toEqual([]);
    const document = textToDocument(consistent, { path: 'scores.md', sha256: '0'.repeat(64) }, 'markdown');
    const restored = restoreScoreTables(document);
    expect(restored.pages[0]!.tables.map((table) => table.rows.map((row) => row.map((cell) => `${cell.col}:${cell.text}`).join(' ')))).toEqual([
      ['0:一级指标 1:二级指标 2:三级指标 3:分值 4:得分', ...rows.map((row) => row.map((cell, c) => `${c}:${cell}`).join(' ')), `0:总分 3:100 4:${scores}`],
    ]);
    // No 分值 column: not a score table; a sentence in place of a row ends the table before it.
    expect(
      restoreScoreTables(
        textToDocument([HEADER.slice(0, 3).join(' ') + ' 得分', ...ROWS.map((row) => row.join(' ')), ''].join('\n'), { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown'),
      ),
    ).toEqual(textToDocument([HEADER.slice(0, 3).join(' ') + ' 得分', ...ROWS.map((row) => row.join(' ')), ''].join('\n'), { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown'));
    const prose = restoreScoreTables(
      textToDocument(
        [HEADER.join(' '), ROWS[0]!.join(' '), ROWS[1]!.join(' '), '产出指标完成较好，得分 30 分。', ROWS[2]!.join(' '), ''].join('\n'),
        { path: 'a.md', sha256: '0'.repeat(64) },
        'markdown',
      ),
    );
    expect(prose.pages[0]!.tables[0]!.rows).toHaveLength(3);
    expect(prose.pages[0]!.lines.map((line) => line.kind)).toEqual(['table-row', 'table-row', 'table-row', 'text', 'text']);
  });
});
