/**
 * A 项目支出绩效自评表 as a view of its table model (normalizers/table-model), whatever form it came in
 * (workbook, Word, web page, PDF, markdown, flattened text): the model gives the cells (a merged cell
 * spread over its range), their figures and the header; this view reads the table's blocks, each headed
 * by a row that names its columns —
 *
 * - the money block (项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), one row per
 *   source of funds (年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金);
 * - the indicator block (一级指标 | 二级指标 | 三级指标 | … | 分值 | 得分), each row's 一级/二级/三级 names
 *   read by the row hierarchy (normalizers/row-hierarchy `indicatorPaths`);
 * - the 总分 row, which states the totals.
 *
 * What a heading means is decided in normalizers/table-words; weights-sum, score-exceeds-max,
 * score-sum-mismatch and placeholder-value only read the rows, and the facts of the table (its money,
 * each indicator's 分值 and 得分, the 总分) are made here.
 */
import type { Cell } from '../model/document.js';
import type { Fact, FactKey, Figure, Scope } from '../model/figure.js';
import { indicatorPaths, isPartLabel, withoutPartWord } from './row-hierarchy.js';
import { canonicalName } from './subjects.js';
import type { TableModel } from './table-model.js';
import { isScoreTotal, moneyRowFunds, selfEvaluationColumnOf, type SelfEvaluationColumn } from './table-words.js';

export interface ScoredRow {
  row: number;
  /** The indicator's own name (三级指标), else the row's first words. */
  label: string;
  /** 一级 / 二级 / 三级 names of an indicator row (blank levels left out); a money row's label alone. */
  path: string[];
  weight?: Figure;
  score?: Figure;
  /** A `其中` row: a part of the row above, not an item of its own. */
  part: boolean;
  /** Under a 三级指标 column but with no 三级 name of its own: a 一级 or 二级 row, which may total the rows under it. */
  subtotal: boolean;
}

/** A column of the money block. */
export type MoneyColumn = Extract<SelfEvaluationColumn, 'initial-budget' | 'annual-budget' | 'executed' | 'rate'>;

export interface MoneyCell {
  column: MoneyColumn;
  col: number;
  /** The heading as printed (`全年预算数（A）`). */
  heading: string;
  figure: Figure;
}

/** A row of the money block: whose money (年度资金总额 is all of it), and its figures. */
export interface MoneyRow {
  row: number;
  label: string;
  funds: 'all' | 'fiscal' | 'other';
  /** `其中：当年财政拨款`: a part of the row above. */
  part: boolean;
  cells: MoneyCell[];
}

export interface SelfEvaluationTable {
  model: TableModel;
  rows: ScoredRow[];
  /** The 总分 / 合计 row. */
  total?: ScoredRow;
  /** How the weight column is headed (`分值`, `权重`). */
  weightHeader: string;
  /** How the score column is headed (`得分`, `自评得分`). */
  scoreHeader: string;
  /** Indicator rows (a name and a target at least) with nothing in the weight column: on a scan, weights OCR may have missed. */
  unweighted: number;
  /**
   * The form was exported before it was filled in: no score is more than 0, and the weights are 0 or
   * blank but for at most one pre-printed one (年度资金总额's 10). Its zeros are blanks, not figures:
   * `placeholder-value`'s, never an arithmetic error.
   */
  unfilled: boolean;
  /** The money block's rows with figures. */
  money: MoneyRow[];
}

const MONEY_COLUMNS: readonly SelfEvaluationColumn[] = ['initial-budget', 'annual-budget', 'executed', 'rate'];
const LEVEL_COLUMNS: readonly SelfEvaluationColumn[] = ['level-1', 'level-2', 'leaf'];

const isZero = (figure: Figure | undefined) => figure !== undefined && Number(figure.number) === 0;
const plain = (text: string) => text.replace(/\s+/g, '');

/** An exported form whose figures were never filled in (see `unfilled`). */
function unfilledForm(rows: ScoredRow[], total: ScoredRow | undefined): boolean {
  const own = rows.filter((row) => !row.part);
  const weights = own.filter((row) => row.weight);
  const scores = [...own, ...(total ? [total] : [])].filter((row) => row.score);
  if (weights.length + scores.length === 0) return false;
  const zeroWeights = weights.filter((row) => isZero(row.weight)).length;
  return scores.every((row) => isZero(row.score)) && zeroWeights >= 2 && weights.length - zeroWeights <= 1;
}

/** Each model read once, though several rules and the facts ask for it. */
const READ = new WeakMap<TableModel, SelfEvaluationTable | null>();

/** The model read as a 自评表: undefined when no row under a 分值/得分 heading has a weight or a score. */
export function selfEvaluationOf(model: TableModel): SelfEvaluationTable | undefined {
  const known = READ.get(model);
  if (known !== undefined) return known ?? undefined;
  const table = readSelfEvaluation(model);
  READ.set(model, table ?? null);
  return table;
}

/** The columns a heading row names, by column. */
type Headings = Map<number, { column: SelfEvaluationColumn; heading: string }>;

function readSelfEvaluation(model: TableModel): SelfEvaluationTable | undefined {
  const rows: ScoredRow[] = [];
  const money: MoneyRow[] = [];
  let total: ScoredRow | undefined;
  let headings: Headings = new Map();
  let weightHeader = '';
  let scoreHeader = '';
  let unweighted = 0;
  /** The indicator block's body rows so far, with their level names: read as a hierarchy when the block ends. */
  let block: { scored?: ScoredRow; names: string[] }[] = [];
  const closeBlock = () => {
    const paths = indicatorPaths(block.map((entry) => entry.names));
    block.forEach((entry, i) => {
      const names = paths[i]!.names.filter(Boolean);
      if (entry.scored && names.length > 0) entry.scored.path = names;
    });
    block = [];
  };
  const colOf = (column: SelfEvaluationColumn) => [...headings].find(([, heading]) => heading.column === column)?.[0];
  const figureAt = (row: number, col: number | undefined) => {
    if (col === undefined) return undefined;
    const figure = figureAlone(model, row, col);
    return figure && (figure.kind === 'score' || figure.kind === 'number' || figure.kind === 'percent') && !figure.comparator ? figure : undefined;
  };
  for (const cells of model.view.table.rows) {
    const index = cells[0]?.row;
    if (index === undefined) continue;
    const named: Headings = new Map();
    for (const cell of cells) {
      const column = selfEvaluationColumnOf(cell.text);
      if (column && !model.figure(index, cell.col)) named.set(cell.col, { column, heading: plain(cell.text) });
    }
    const kinds = [...named.values()].map((heading) => heading.column);
    if (kinds.includes('weight') || kinds.includes('score')) {
      // A heading row: the columns it names hold the figures of the rows below it.
      closeBlock();
      headings = named;
      const weight = [...named.values()].find((heading) => heading.column === 'weight');
      if (weight) weightHeader = weight.heading;
      const score = [...named.values()].find((heading) => heading.column === 'score');
      if (score) scoreHeader = score.heading;
      continue;
    }
    if (headings.size === 0) continue;
    const weightCol = colOf('weight');
    const scoreCol = colOf('score');
    const leafCol = colOf('leaf');
    const levelCols = LEVEL_COLUMNS.map(colOf).filter((col) => col !== undefined);
    const moneyCols = [...headings].filter(([, heading]) => MONEY_COLUMNS.includes(heading.column));
    const weight = figureAt(index, weightCol);
    const score = figureAt(index, scoreCol);
    const words = cells.filter((cell) => cell.col !== weightCol && cell.col !== scoreCol && plain(cell.text) && !model.figure(index, cell.col));
    const part = words.some((cell) => isPartLabel(plain(cell.text)));
    if (moneyCols.length > 0) {
      const firstValue = Math.min(...moneyCols.map(([col]) => col));
      const label = plain(words.filter((cell) => cell.col < firstValue).at(-1)?.text ?? '').replace(/[:：]$/, '');
      const moneyCells = moneyCols.flatMap(([col, heading]) => {
        const figure = figureAlone(model, index, col);
        return figure && !figure.comparator ? [{ column: heading.column as MoneyColumn, col, heading: heading.heading, figure }] : [];
      });
      if (label && moneyCells.length > 0) money.push({ row: index, label, funds: moneyRowFunds(label), part, cells: moneyCells });
    }
    let scored: ScoredRow | undefined;
    if (!weight && !score) {
      const weightBlank = !cells.some((cell) => cell.col === weightCol && plain(cell.text));
      if (weightCol !== undefined && weightBlank && cells.filter((cell) => cell.col !== weightCol && plain(cell.text)).length >= 2) unweighted++;
    } else {
      const leafText = leafCol === undefined ? '' : plain(cells.find((cell) => cell.col === leafCol)?.text ?? '');
      const label = leafText || plain(words.find((cell) => !isPartLabel(plain(cell.text)))?.text ?? words[0]?.text ?? '');
      scored = {
        row: index,
        label,
        path: [withoutPartWord(label).replace(/[:：]$/, '')],
        part,
        subtotal: leafCol !== undefined && leafText === '',
        ...(weight ? { weight } : {}),
        ...(score ? { score } : {}),
      };
      if (words.some((cell) => isScoreTotal(plain(cell.text)))) total = scored;
      else rows.push(scored);
    }
    // Level names as the model spreads its merged cells; a 总分 row ends the indicators.
    if (levelCols.length > 0 && scored !== total) block.push({ ...(scored ? { scored } : {}), names: levelCols.map((col) => levelName(model.cellAt(index, col))) });
  }
  closeBlock();
  if (rows.length === 0) return undefined;
  return {
    model,
    rows,
    ...(total ? { total } : {}),
    weightHeader: weightHeader || '分值',
    scoreHeader: scoreHeader || '得分',
    unweighted,
    unfilled: unfilledForm(rows, total),
    money,
  };
}

/**
 * The figure a cell states as its value: the cell holds the figure and nothing else but its unit. A
 * sentence that runs over the column (the 年度总体目标's `新建…收容所1间200平方米` under 分值) states none.
 */
function figureAlone(model: TableModel, row: number, col: number): Figure | undefined {
  const figure = model.figure(row, col);
  const cell = model.cellAt(row, col);
  if (!figure || !cell) return undefined;
  const rest = plain(cell.text).replace(plain(figure.raw), '');
  return /^[（(]?(?:分|万元|元|%|％)?[)）]?$/.test(rest) ? figure : undefined;
}

/** A level cell's name, a figure (a misplaced weight) not being one. */
function levelName(cell: Cell | undefined): string {
  const text = plain(cell?.text ?? '');
  return /^[\d.%]+$/.test(text) ? '' : text;
}

/** What each money column states: its words in the fact key, and the budget stage. */
const MONEY_MEASURES: Record<MoneyColumn, { word: string; basis: Scope['basis'] }> = {
  'initial-budget': { word: '年初预算数', basis: 'budget' },
  'annual-budget': { word: '全年预算数', basis: 'adjusted' },
  executed: { word: '全年执行数', basis: 'actual' },
  rate: { word: '执行率', basis: 'actual' },
};

/** Facts of a 自评表 are of its own topic: they meet only the same cell of the same form elsewhere. */
const TOPIC = 'self-evaluation';

/**
 * The facts of every 自评表 (a form never filled in states none): each money cell (subject: the project
 * as a whole, or the source of funds a row names beyond 财政拨款), each row's 分值 and 得分 under its
 * 一级/二级/三级 path, and the 总分 row's (its 得分 keyed as the report's 自评总分).
 */
export function selfEvaluationFacts(models: readonly TableModel[]): Fact[] {
  const facts: Fact[] = [];
  for (const model of models) {
    const read = selfEvaluationOf(model);
    if (!read || read.unfilled) continue;
    const caption = model.view.table.caption;
    const table = { index: model.index, ...(model.disclosure ? { id: model.disclosure.id, title: model.disclosure.title } : caption ? { title: caption } : {}) };
    const add = (figure: Figure, label: string, subject: string[], measure: string, heading: string, scope: Scope, concept = 'table.cell') => {
      const key: FactKey = { subject, measure, funds: scope.funds, basis: scope.basis, period: scope.period };
      facts.push({ concept, key, figureId: figure.id, scope, label, subject, table, measure: [heading] });
    };
    const actual: Scope = { funds: 'all', period: 'current', basis: 'actual' };
    for (const row of read.money) {
      const funds = row.funds === 'fiscal' ? 'fiscal' : 'all';
      const subject = row.funds === 'other' ? [canonicalName(row.label.replace(/^其中[:：]?/, ''))] : [];
      for (const cell of row.cells) {
        const { word, basis } = MONEY_MEASURES[cell.column];
        add(cell.figure, row.label, subject, `${TOPIC}/${word}`, cell.heading, { funds, period: 'current', basis });
      }
    }
    const weightOf = (row: ScoredRow) => (row.weight ? [{ figure: row.weight, word: '分值', heading: read.weightHeader }] : []);
    for (const row of read.rows) {
      const subject = row.path.map(canonicalName);
      for (const { figure, word, heading } of [...weightOf(row), ...(row.score ? [{ figure: row.score, word: '得分', heading: read.scoreHeader }] : [])]) {
        add(figure, row.label, subject, `${TOPIC}/${word}`, heading, actual);
      }
    }
    if (read.total?.weight) add(read.total.weight, read.total.label, [], `${TOPIC}/分值`, read.weightHeader, actual);
    if (read.total?.score) add(read.total.score, read.total.label, [], 'score.total', read.scoreHeader, actual, 'score.total');
  }
  return facts;
}
