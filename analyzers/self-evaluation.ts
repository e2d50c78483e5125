/**
 * A 项目支出绩效自评表 read as scored rows, whatever form it came in (workbook, Word, web page,
 * markdown, flattened text): the money block (年度资金总额 | … | 分值 | 执行率 | 得分) and the indicator
 * block (一级 | 二级 | 三级指标 | … | 分值 | 得分) each have a header row naming their 分值 and 得分
 * columns, and the 总分 row states the totals. Shared by weights-sum, score-exceeds-max and
 * score-sum-mismatch.
 */
import type { Figure } from '../model/figure.js';
import type { TableView } from '../normalizers/tables.js';
import { isPartLabel } from '../normalizers/row-hierarchy.js';
import { isScoreTotal, scoreHeaderOf } from '../normalizers/table-words.js';

export interface ScoredRow {
  row: number;
  /** The indicator's own name (三级指标), else the row's first words. */
  label: string;
  weight?: Figure;
  score?: Figure;
  /** A `其中` row: a part of the row above, not an item of its own. */
  part: boolean;
  /** Under a 三级指标 column but with no 三级 name of its own: a 一级 or 二级 row, which may total the rows under it. */
  subtotal: boolean;
}

export interface SelfEvaluationTable {
  rows: ScoredRow[];
  /** The 总分 / 合计 row. */
  total?: ScoredRow;
  /** How the weight column is headed (`分值`, `权重`). */
  weightHeader: string;
  /** Indicator rows (a name and a target at least) with nothing in the weight column: on a scan, weights OCR may have missed. */
  unweighted: number;
  /**
   * The form was exported before it was filled in: no score is more than 0, and the weights are 0 or
   * blank but for at most one pre-printed one (年度资金总额's 10). Its zeros are blanks, not figures:
   * `placeholder-value`'s, never an arithmetic error.
   */
  unfilled: boolean;
}

const isZero = (figure: Figure | undefined) => figure !== undefined && Number(figure.number) === 0;

/** An exported form whose figures were never filled in (see `unfilled`). */
function unfilledForm(rows: ScoredRow[], total: ScoredRow | undefined): boolean {
  const own = rows.filter((row) => !row.part);
  const weights = own.filter((row) => row.weight);
  const scores = [...own, ...(total ? [total] : [])].filter((row) => row.score);
  if (weights.length + scores.length === 0) return false;
  const zeroWeights = weights.filter((row) => isZero(row.weight)).length;
  return scores.every((row) => isZero(row.score)) && zeroWeights >= 2 && weights.length - zeroWeights <= 1;
}

const plain = (text: string) => text.replace(/\s+/g, '');

/** Each table read once, though three rules ask for it. */
const READ = new WeakMap<TableView, SelfEvaluationTable | null>();

export function selfEvaluationTable(view: TableView, cellFigures: Map<string, Figure> | undefined): SelfEvaluationTable | undefined {
  if (!cellFigures) return undefined;
  const known = READ.get(view);
  if (known !== undefined) return known ?? undefined;
  const table = readScoredRows(view, cellFigures);
  READ.set(view, table ?? null);
  return table;
}

function readScoredRows(view: TableView, cellFigures: Map<string, Figure>): SelfEvaluationTable | undefined {
  const rows: ScoredRow[] = [];
  let total: ScoredRow | undefined;
  let weightCol: number | undefined;
  let scoreCol: number | undefined;
  let leafCol: number | undefined;
  let weightHeader = '';
  let unweighted = 0;
  const figureAt = (row: number, col: number | undefined) => {
    if (col === undefined) return undefined;
    const figure = cellFigures.get(`${row}:${col}`);
    return figure && (figure.kind === 'score' || figure.kind === 'number' || figure.kind === 'percent') && !figure.comparator ? figure : undefined;
  };
  for (const cells of view.table.rows) {
    const index = cells[0]?.row;
    if (index === undefined) continue;
    const weightCell = cells.find((cell) => scoreHeaderOf(plain(cell.text)) === 'weight');
    const scoreCell = cells.find((cell) => scoreHeaderOf(plain(cell.text)) === 'score');
    if (weightCell || scoreCell) {
      // A header row: the columns it names hold the weights and scores of the rows below it.
      weightCol = weightCell?.col;
      scoreCol = scoreCell?.col;
      if (weightCell) weightHeader = plain(weightCell.text);
      leafCol = cells.find((cell) => scoreHeaderOf(plain(cell.text)) === 'leaf')?.col;
      continue;
    }
    if (weightCol === undefined && scoreCol === undefined) continue;
    const weight = figureAt(index, weightCol);
    const score = figureAt(index, scoreCol);
    const words = cells.filter((cell) => cell.col !== weightCol && cell.col !== scoreCol && plain(cell.text) && !cellFigures.has(`${index}:${cell.col}`));
    if (!weight && !score) {
      const weightBlank = !cells.some((cell) => cell.col === weightCol && plain(cell.text));
      if (weightCol !== undefined && weightBlank && cells.filter((cell) => cell.col !== weightCol && plain(cell.text)).length >= 2) unweighted++;
      continue;
    }
    const leafText = leafCol === undefined ? '' : plain(cells.find((cell) => cell.col === leafCol)?.text ?? '');
    const label = leafText || plain(words.find((cell) => !isPartLabel(plain(cell.text)))?.text ?? words[0]?.text ?? '');
    const scored: ScoredRow = {
      row: index,
      label,
      part: words.some((cell) => isPartLabel(plain(cell.text))),
      subtotal: leafCol !== undefined && leafText === '',
      ...(weight ? { weight } : {}),
      ...(score ? { score } : {}),
    };
    if (words.some((cell) => isScoreTotal(plain(cell.text)))) total = scored;
    else rows.push(scored);
  }
  if (rows.length === 0) return undefined;
  return { rows, ...(total ? { total } : {}), weightHeader: weightHeader || '分值', unweighted, unfilled: unfilledForm(rows, total) };
}
