/**
 * The identities a disclosure table states by its layout, read off its model (normalizers/table-model):
 *
 * - across a row, a 合计/小计 column and the columns beside it under the same header (本年支出合计 =
 *   基本支出 + 项目支出 + …; “三公”经费 小计 = 出国 + 用车 + 接待, 用车 小计 = 购置 + 运行), per
 *   预算数/决算数 when every column splits so;
 * - down a column, a 科目编码 and the codes one level below it (类 = Σ款, 款 = Σ项), and a 合计 row
 *   and the top-level codes of its panel (人员经费合计 = 301 + 303);
 * - `其中` rows: together no more than the row they are parts of;
 * - in a list without codes: an `一、` row and its `1.` rows, a merged group's 小计 and its rows, a
 *   小计/合计 row and the rows since the last one (收入合计 = 本年收入小计 + 上年结转);
 * - in a 收支总表, the income side's last total and the spending side's.
 */
import { isPartLabel, totalKind } from '../normalizers/row-hierarchy.js';
import { carryColumnOf, headingSides, type CarryColumn } from '../normalizers/table-words.js';
import { isAdditiveDisclosure, type HeaderNode, type ModelRow, type Panel, type TableModel } from '../normalizers/table-model.js';

export { isAdditiveDisclosure };

export interface CellRef {
  row: number;
  col: number;
  /** How the cell is named in a message: its row name or its column name. */
  name: string;
}

export interface Identity {
  kind: 'columns' | 'codes' | 'rows' | 'balance' | 'carryOver' | 'partial';
  whole: CellRef;
  parts: CellRef[];
  /** Cells the whole takes away (本年支出 in 年末 = 年初 + 本年收入 − 本年支出). */
  minus?: CellRef[];
  /** The line or column the identity runs along, for the message: `“合计”行`, `“金额”列`. */
  along: string;
  /** Other readings of the rows (a row after `其中：` that may be a part of it): the identity holds when any does. */
  alternatives?: { parts: CellRef[]; minus?: CellRef[] }[];
}

const isTotalWord = (label: string) => totalKind(label) !== undefined;

export function tableIdentities(model: TableModel): Identity[] {
  const additive = isAdditiveDisclosure(model);
  const identities: Identity[] = model.panels.flatMap((panel) => resultIdentities(panel, !additive));
  if (additive) {
    for (const panel of model.panels) {
      identities.push(...columnIdentities(model, panel), ...codeIdentities(panel), ...listIdentities(panel), ...carryOverIdentities(model, panel));
    }
    if (model.disclosure?.id === 'summary' || model.disclosure?.id === 'fiscal-summary') identities.push(...balanceIdentities(model));
  }
  return identities.map((identity) => ({ ...identity, parts: identity.parts.filter((part) => part.row !== identity.whole.row || part.col !== identity.whole.col) })).filter((identity) => identity.parts.length > 0);
}

// --- across a row -----------------------------------------------------------------------------

/** Labels that split every column alike (预算数 | 决算数 under each heading). */
function variantLabels(roots: HeaderNode[]): string[] {
  const sets = new Map<string, number>();
  const visit = (node: HeaderNode) => {
    if (node.children.length >= 2 && node.children.every((child) => child.children.length === 0 && !isTotalWord(child.label))) {
      const key = node.children.map((child) => child.label).join('|');
      sets.set(key, (sets.get(key) ?? 0) + 1);
    }
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  const shared = [...sets].filter(([, count]) => count >= 2).sort((a, b) => b[1] - a[1])[0];
  return shared ? shared[0].split('|') : [];
}

function columnIdentities(model: TableModel, panel: Panel): Identity[] {
  const values = new Set(panel.valueColumns);
  const covers = (node: HeaderNode) => panel.valueColumns.some((col) => node.start <= col && col < node.end);
  const variants = variantLabels(model.roots);
  const isVariantGroup = (node: HeaderNode) => variants.length > 0 && node.children.length === variants.length && node.children.every((child, i) => child.label === variants[i]);
  /** The one column that holds a node's amount (under a variant), if there is one. */
  const columnOf = (node: HeaderNode, variant: string | undefined): number | undefined => {
    if (node.children.length === 0) return variant === undefined && values.has(node.start) && node.end - node.start === 1 ? node.start : undefined;
    if (isVariantGroup(node)) {
      const child = node.children.find((c) => c.label === variant);
      return child && values.has(child.start) ? child.start : undefined;
    }
    const first = node.children[0];
    return first && isTotalWord(first.label) ? columnOf(first, variant) : undefined;
  };
  const found: { whole: number; parts: number[]; names: string[]; wholeName: string }[] = [];
  const visit = (nodes: HeaderNode[]) => {
    const level = nodes.filter(covers);
    const [first, ...rest] = level;
    if (first && rest.length >= 2 && isTotalWord(first.label) && !level.some((node) => isPartLabel(node.label))) {
      for (const variant of variants.length > 0 && isVariantGroup(first) ? variants : [undefined]) {
        const whole = columnOf(first, variant);
        const parts = rest.map((node) => columnOf(node, variant));
        if (whole !== undefined && parts.every((col): col is number => col !== undefined)) {
          found.push({ whole, parts, wholeName: first.label + (variant ?? ''), names: rest.map((node) => node.label + (variant ?? '')) });
        }
      }
    }
    for (const node of level) if (!isVariantGroup(node)) visit(node.children);
  };
  visit(model.roots);
  const identities: Identity[] = [];
  for (const row of panel.rows) {
    for (const { whole, parts, names, wholeName } of found) {
      identities.push({
        kind: 'columns',
        whole: { row: row.index, col: whole, name: wholeName },
        parts: parts.map((col, i) => ({ row: row.index, col, name: names[i]! })),
        along: row.label ? `“${[...row.groups, row.label].join('/')}”行` : `第 ${row.index + 1} 行`,
      });
    }
  }
  return identities;
}

// --- down a column ----------------------------------------------------------------------------

const rowName = (row: ModelRow) => (row.code ? `${row.name}（${row.code}）` : row.partial ? row.name : row.label);

function perColumn(panel: Panel, whole: ModelRow, parts: ModelRow[], kind: Identity['kind']): Identity[] {
  // A `减：` row takes away from its whole.
  const adds = parts.filter((part) => part.sign === 1);
  const takes = parts.filter((part) => part.sign === -1);
  return panel.valueColumns.map((col) => ({
    kind,
    whole: { row: whole.index, col, name: rowName(whole) },
    parts: adds.map((part) => ({ row: part.index, col, name: rowName(part) })),
    ...(takes.length > 0 ? { minus: takes.map((part) => ({ row: part.index, col, name: rowName(part) })) } : {}),
    along: '',
  }));
}

/** Each row's parts as the model reads them (by code, numbering, indentation or `其中`). */
function childrenByParent(rows: ModelRow[]): Map<ModelRow, ModelRow[]> {
  const children = new Map<ModelRow, ModelRow[]>();
  for (const row of rows) if (row.parent) children.set(row.parent, [...(children.get(row.parent) ?? []), row]);
  return children;
}

function codeIdentities(panel: Panel): Identity[] {
  const coded = panel.rows.filter((row) => row.code);
  if (coded.length === 0) return [];
  const identities: Identity[] = [];
  for (const [parent, children] of childrenByParent(coded)) if (parent.code) identities.push(...perColumn(panel, parent, children, 'codes'));
  const top = Math.min(...coded.map((row) => row.code!.length));
  const tops = coded.filter((row) => row.code!.length === top);
  for (const total of panel.rows.filter((row) => row.total && !row.code)) identities.push(...perColumn(panel, total, tops, 'codes'));
  return identities;
}

function listIdentities(panel: Panel): Identity[] {
  if (panel.rows.some((row) => row.code) || panel.rows.every((row) => !row.label)) return [];
  const rows = panel.rows.filter((row) => row.label);
  const identities: Identity[] = [];
  // A row's parts as the model reads them: checked when there are two or more and none is a `其中` part.
  const children = childrenByParent(rows);
  for (const [parent, list] of children) {
    if (list.length >= 2 && !list.some((row) => row.partial)) identities.push(...perColumn(panel, parent, list, 'rows'));
    // `其中` parts need not complete their whole, but together they cannot exceed it.
    const parts = list.filter((row) => row.partial && row.sign === 1);
    if (parts.length > 0 && parts.length === list.length) identities.push(...perColumn(panel, parent, parts, 'partial'));
  }
  // A merged group cell's 小计 and the other rows of the group.
  const groups = new Map<string, ModelRow[]>();
  for (const row of rows) if (row.groups[0]) groups.set(row.groups[0], [...(groups.get(row.groups[0]) ?? []), row]);
  for (const members of groups.values()) {
    const subtotal = members.find((row) => row.total);
    const others = members.filter((row) => row !== subtotal);
    if (subtotal && others.length > 0 && !others.some((row) => row.partial || row.total)) identities.push(...perColumn(panel, subtotal, others, 'rows'));
  }
  // Totals: a total printed first is the sum of what follows (a group counted by its 小计); a total
  // printed after rows is the sum of the top-level rows since the previous total, and of that total.
  const topLevel = (row: ModelRow) => !row.parent && !row.partial;
  const firstTotal = rows[0]?.total === 'total' ? rows[0] : undefined;
  if (firstTotal && !rows.slice(1).some((row) => row.total === 'total')) {
    const parts: ModelRow[] = [];
    const seen = new Set<string>();
    for (const row of rows.slice(1)) {
      if (!topLevel(row)) continue;
      const group = row.groups[0];
      if (group) {
        if (seen.has(group)) continue;
        seen.add(group);
        const subtotal = groups.get(group)?.find((member) => member.total);
        if (!subtotal) return identities;
        parts.push(subtotal);
      } else parts.push(row);
    }
    if (parts.length > 0) identities.push(...perColumn(panel, firstTotal, parts, 'rows'));
    return identities;
  }
  if (rows.some((row) => row.groups.length > 0)) return identities;
  let previous: ModelRow | undefined;
  let since: ModelRow[] = [];
  for (const row of rows) {
    if (!row.total) {
      if (topLevel(row)) since.push(row);
      continue;
    }
    const parts = previous ? [previous, ...since] : since;
    if (parts.length >= (previous ? 1 : 2)) identities.push(...perColumn(panel, row, parts, 'rows'));
    previous = row;
    since = [];
  }
  return identities;
}

/**
 * A statement's result rows, in any table (利润表, 收入费用表, 收入支出表): each equals the signed rows the
 * model reads it from (`二、营业利润` = `一、营业收入` − `营业成本` − … + `其他收益`; `三、本期盈余` = `一、本期收入` − `二、本期费用`).
 */
function resultIdentities(panel: Panel, sections: boolean): Identity[] {
  const identities: Identity[] = [];
  if (!panel.statement) return identities;
  const signed = (terms: { row: ModelRow; sign: 1 | -1 }[], col: number) => {
    const ref = (part: ModelRow) => ({ row: part.index, col, name: rowName(part) });
    const takes = terms.filter((term) => term.sign === -1).map((term) => ref(term.row));
    return { parts: terms.filter((term) => term.sign === 1).map((term) => ref(term.row)), ...(takes.length > 0 ? { minus: takes } : {}) };
  };
  // Outside the disclosure tables (whose list identities say as much), a statement's sections too: `一、本期收入` = its （一）…（十一）; `其中` parts no more than a whole that adds
  // (`财务费用`, taken away, may be negative: its parts bound nothing).
  for (const [parent, list] of sections ? childrenByParent(panel.rows) : []) {
    if (list.length >= 2 && !list.some((row) => row.partial)) identities.push(...perColumn(panel, parent, list, 'rows'));
    const parts = list.filter((row) => row.partial);
    if (parts.length > 0 && parts.length === list.length && parent.sign === 1) identities.push(...perColumn(panel, parent, parts, 'partial'));
  }
  for (const row of panel.rows) {
    if (!row.terms) continue;
    for (const col of panel.valueColumns) {
      const alternatives = (row.alternatives ?? []).map((terms) => signed(terms, col));
      identities.push({ kind: 'rows', whole: { row: row.index, col, name: rowName(row) }, ...signed(row.terms, col), along: '', ...(alternatives.length > 0 ? { alternatives } : {}) });
    }
  }
  return identities;
}

// --- carry-over across a row -----------------------------------------------------------------



/**
 * A table with 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余 columns (政府性基金, 国有资本经营 and
 * columnar 财政拨款 tables): on every row, 年末 = 年初 + 本年收入 − 本年支出. A heading split into columns
 * (本年支出 / 合计 | 基本支出 | 项目支出) stands by its 合计 column.
 */
function carryOverIdentities(model: TableModel, panel: Panel): Identity[] {
  const columnOf = (role: CarryColumn): number | undefined => {
    const under = panel.valueColumns.filter((col) => carryColumnOf(model.columnPath(col)[0] ?? '') === role);
    if (under.length === 1) return under[0];
    const total = under.filter((col) => isTotalWord(model.columnPath(col).at(-1) ?? ''));
    return total.length === 1 ? total[0] : undefined;
  };
  const begin = columnOf('begin');
  const income = columnOf('income');
  const expense = columnOf('expense');
  const end = columnOf('end');
  if (begin === undefined || income === undefined || expense === undefined || end === undefined) return [];
  const name = (col: number) => model.columnPath(col)[0]!;
  const identities: Identity[] = [];
  for (const row of panel.rows) {
    if (!model.figure(row.index, end)) continue;
    identities.push({
      kind: 'carryOver',
      whole: { row: row.index, col: end, name: name(end) },
      parts: [{ row: row.index, col: begin, name: name(begin) }, { row: row.index, col: income, name: name(income) }],
      minus: [{ row: row.index, col: expense, name: name(expense) }],
      along: `“${row.label || row.code || '合计'}”行`,
    });
  }
  return identities;
}

// --- income against spending ------------------------------------------------------------------

/** In a 收支总表, the last row where both sides print a total: income and spending must meet. */
function balanceIdentities(model: TableModel): Identity[] {
  const incomes = model.panels.filter((panel) => headingSides(panel.heading).income);
  const expenses = model.panels.filter((panel) => headingSides(panel.heading).expense);
  const income = incomes[0];
  if (!income || expenses.length === 0) return [];
  const lastTotal = (panel: Panel) => [...panel.rows].reverse().find((row) => row.total === 'total' && panel.valueColumns.some((col) => model.figure(row.index, col)));
  const incomeTotal = lastTotal(income);
  if (!incomeTotal) return [];
  const incomeCol = income.valueColumns.find((col) => model.figure(incomeTotal.index, col));
  if (incomeCol === undefined) return [];
  const identities: Identity[] = [];
  for (const panel of expenses) {
    const total = lastTotal(panel);
    if (!total || total.index !== incomeTotal.index) continue;
    const col = panel.valueColumns.find((c) => model.figure(total.index, c));
    if (col === undefined) continue;
    identities.push({ kind: 'balance', whole: { row: incomeTotal.index, col: incomeCol, name: `收入方${incomeTotal.label}` }, parts: [{ row: total.index, col, name: `支出方${total.label}` }], along: `“${incomeTotal.label}”行` });
  }
  return identities;
}
