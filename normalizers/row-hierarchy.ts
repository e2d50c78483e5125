/**
 * A table's rows as a hierarchy, decided once for every reader (the table model, the rules' grid, the
 * 自评表 reader): each row's level, parent and sign, from whichever the table uses —
 *
 * - 科目编码, with its 类/款/项 segments read whether or not leading zeros were printed (`302 1` and
 *   `30201` are the same row; `201 | 1 | 1` over three columns is `2010101`), the parent being the row
 *   whose code is one segment shorter;
 * - outline numbering (`一、` > `（一）` > `1.` > `（1）`): a row is under the nearest broader one above;
 * - indentation, where the extractor kept the label's leading spaces;
 * - `其中：` rows: parts of the row above that need not complete it, and the unmarked rows after them
 *   that begin with their parent's words (`公务用车购置费` under `公务用车购置及运行维护费`);
 * - `减：` rows and the rows after them up to a `加：`: siblings that subtract;
 * - 合计/总计/小计 rows: totals of the top-level rows (the identities decide over which run).
 *
 * The words are read here, so that no rule has a parent test of its own.
 */
import { parseChineseNumeral } from './chinese-numerals.js';
import { normalizeChars, outlineMarker } from './text.js';

/** What decides a row's place: its code level, its numbering, its indentation, or nothing. */
export type LevelSource = 'code' | 'numbering' | 'indent' | 'partial' | 'total' | 'none';

export interface RowLevel {
  /** `类` / `款` / `项` for a code, `总计`/`合计`/`小计` for a total, `其中` for a part, else `第N级` (1 is the broadest). */
  name: string;
  /** Depth in the hierarchy, 0 for a row with no parent. */
  depth: number;
  source: LevelSource;
}

export interface HierarchyInput {
  /** The label as printed (leading spaces kept: they are the indentation). */
  label: string;
  /** The code's segments as printed, one per code column (`['302', '1']`), or one string (`302 1`, `30201`); empty when none. */
  code?: string[];
}

export interface HierarchyRow {
  /** The label without its indentation, code, outline marker, `其中`/`减：`/`加：` and closing colon. */
  name: string;
  /** The 科目编码 with its leading zeros (`30201`), when the row has one. */
  code?: string;
  /** 1 类, 2 款, 3 项. */
  codeLevel?: number;
  /** Outline rank of the row's marker (lower is broader). */
  rank?: number;
  marker?: string;
  /** Leading spaces of the label (a full-width space counts two). */
  indent: number;
  /** `其中：…` (or a row after one that begins with its parent's words): need not complete its parent. */
  partial: boolean;
  /** -1 for a `减：` row and the rows after it up to a `加：` or a broader row. */
  sign: 1 | -1;
  total?: 'total' | 'subtotal';
  /** Index of the parent row in the input, if any. */
  parent?: number;
  level: RowLevel;
  /**
   * A result row of a statement (利润表, 收入费用表): the rows it is the signed sum of —
   * `二、营业利润` = `一、营业收入` − `营业成本` − … + `其他收益`; `三、本期盈余` = `一、本期收入` − `二、本期费用`.
   */
  terms?: { index: number; sign: 1 | -1 }[];
  /** Other readings of `terms`, when rows after a `其中：` row in a run of `减：` rows may be further parts of it or rows of their own. */
  alternatives?: { index: number; sign: 1 | -1 }[][];
  /**
   * An unmarked row right after a `其中：` row (or after another such row) in a run of `减：`/`加：` rows
   * (`财务费用` / `其中：利息费用` / `利息收入` / `资产减值损失`): a further part of that row's whole, or a row
   * of its own; the index of that whole. Only the figures can tell (readResults gives both readings).
   */
  maybePartOf?: number;
}

export interface Hierarchy {
  rows: HierarchyRow[];
  /** What decides the structure of this list of rows. */
  style: 'code' | 'numbering' | 'indent' | 'flat';
  /** Readings that disagree (a code under a parent of another 类), in words: the structure is then not certain. */
  conflicts: string[];
  /** The rows are a statement's (利润表, 收入费用表): some row is the signed result of rows above it, or was read so and as a sum. */
  statement: boolean;
}

/** A row's `其中` (`其中：`, `其中:`, `（其中）`). */
const PARTIAL = /^[（(]?其中[)）]?[:：]?/;
const SUBTRACT = /^减[:：]/;
const ADD = /^加[:：]/;
const TOTAL = /(?:合计|总计)[:：]?$/;
const SUBTOTAL = /小计[:：]?$/;
/** A code printed in the label cell itself: `2013101 行政运行`, `302 1 办公费`, `30201办公费`. */
const CODE_IN_LABEL = /^(\d{3}(?:\s*\d{1,2}){0,2}|\d{5}|\d{7})\s*(?=[\u4e00-\u9fff])/;
/** Negatives are printed in this table: `（减少以“-”号填列）`, `（亏损以“－”号填列）`. */
const NEGATIVES_PRINTED = /以[“"']?[-－−—][”"']?号?填列/;

/** Two names share their first words: how many characters they begin with alike. */
export function sharedHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** The one threshold for "begins with its parent's words" (`公务用车` of `公务用车购置及运行维护费`). */
export const PART_HEAD = 4;

/** An unmarked row that begins with its parent's words and is shorter: a part of it. */
export function namesAPart(name: string, parentName: string): boolean {
  return sharedHead(name, parentName) >= PART_HEAD && name.length < parentName.length;
}

/**
 * A 科目编码 from its printed segments: the 类 is three digits, each segment below it two, a
 * segment printed without its leading zero (`1` for `01`) padded. `undefined` when the digits are
 * not a code (`3021` in one piece is ambiguous and not read).
 */
export function readCode(segments: readonly string[]): string | undefined {
  const parts = segments.flatMap((segment) => normalizeChars(segment).trim().split(/\s+/)).filter(Boolean);
  if (parts.length === 0 || !parts.every((part) => /^\d+$/.test(part))) return undefined;
  if (parts.length === 1) {
    const only = parts[0]!;
    return /^\d{3}(?:\d{2}){0,2}$/.test(only) ? only : undefined;
  }
  const [head, ...rest] = parts;
  if (!/^\d{3}$/.test(head!) && !/^\d{5}$/.test(head!)) return undefined;
  if (rest.some((part) => part.length > 2)) return undefined;
  const code = head! + rest.map((part) => part.padStart(2, '0')).join('');
  return code.length <= 7 ? code : undefined;
}

/** A code at the start of a label (`302 1 办公费`): the code and the label after it. */
export function codeInLabel(label: string): { code: string; rest: string } | undefined {
  const match = CODE_IN_LABEL.exec(normalizeChars(label).trim());
  if (!match) return undefined;
  const code = readCode([match[1]!]);
  return code ? { code, rest: normalizeChars(label).trim().slice(match[0].length) } : undefined;
}

/** The number an outline marker counts (`九、` 9, `（3）` 3, `②` 2), if it counts one. */
export function markerNumber(marker: string): number | undefined {
  const text = marker.replace(/[\s、.．()（）]/g, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (/^[①-⑳]$/.test(text)) return text.charCodeAt(0) - 0x2460 + 1;
  return parseChineseNumeral(text);
}

/** A row that is what is left of income after costs (`本期盈余`, `本年结余`, `收支差额`), with its parenthesis (`（亏损以“-”号填列）`) dropped. */
const BALANCE = /(?:盈余|结余|收支差额|利润)$/;
const INCOME_SIDE = /收入$/;
const COST_SIDE = /(?:费用|支出)$/;
const withoutNote = (name: string) => name.replace(/[（(][^（）()]*[)）]$/, '');

/** A table's words say its negatives are printed with a minus sign. */
export function printsNegatives(text: string): boolean {
  return NEGATIVES_PRINTED.test(normalizeChars(text));
}

/** The total word a row name ends in: `total` for 合计/总计, `subtotal` for 小计. */
export function totalKind(name: string): 'total' | 'subtotal' | undefined {
  return SUBTOTAL.test(name) ? 'subtotal' : TOTAL.test(name) ? 'total' : undefined;
}

/** A label starts with `其中`. */
export function isPartLabel(label: string): boolean {
  return PARTIAL.test(label);
}

/** A label's leading spaces, a full-width space counting two. */
function indentOf(label: string): number {
  let width = 0;
  for (const ch of label) {
    if (ch === ' ' || ch === '\t') width += 1;
    else if (ch === '\u3000') width += 2;
    else break;
  }
  return width;
}

const CODE_LEVELS = ['类', '款', '项'];

export function readHierarchy(inputs: readonly HierarchyInput[]): Hierarchy {
  /** Rows that say `加：` (the end of a run of subtracted rows). */
  const adds = new Set<number>();
  const rows: HierarchyRow[] = inputs.map((input, index) => {
    const indent = indentOf(input.label);
    let text = normalizeChars(input.label).replace(/\s+/g, '');
    let code = input.code && input.code.length > 0 ? readCode(input.code) : undefined;
    if (!code) {
      const found = codeInLabel(input.label);
      if (found) {
        code = found.code;
        text = found.rest.replace(/\s+/g, '');
      }
    }
    const marker = outlineMarker(text);
    let name = text.slice(marker?.marker.length ?? 0);
    const partial = PARTIAL.test(name);
    name = name.replace(PARTIAL, '');
    const subtract = SUBTRACT.test(name);
    if (ADD.test(name)) adds.add(index);
    name = name
      .replace(SUBTRACT, '')
      .replace(ADD, '')
      .replace(/[:：]$/, '');
    const total = !code ? totalKind(name) : undefined;
    const row: HierarchyRow = { name, indent, partial, sign: subtract ? -1 : 1, level: { name: '', depth: 0, source: 'none' } };
    if (code) {
      row.code = code;
      row.codeLevel = (code.length - 1) / 2;
    }
    if (marker) {
      row.rank = marker.rank;
      row.marker = marker.marker;
    }
    if (total) row.total = total;
    return row;
  });
  const conflicts: string[] = [];
  const style: Hierarchy['style'] = rows.some((row) => row.code)
    ? 'code'
    : rows.some((row) => row.rank !== undefined)
      ? 'numbering'
      : new Set(rows.filter((row) => !row.total && row.name).map((row) => row.indent)).size >= 2
        ? 'indent'
        : 'flat';

  // The key that orders rows by breadth in this style (lower is broader); undefined: outside the tree (a total).
  const keyOf = (row: HierarchyRow): number | undefined => {
    if (row.total) return undefined;
    if (style === 'code') return row.code ? row.codeLevel! : undefined;
    if (style === 'numbering') return row.rank ?? -1; // an unmarked row heads what follows it
    if (style === 'indent') return row.indent;
    return 0;
  };
  const stack: { index: number; key: number }[] = [];
  const byCode = new Map<string, number>();
  let partsOf: number | undefined; // the parent of the last `其中` run
  let subtracting = false;
  let signedRun = false; // a `减：` or `加：` row since the last numbered row: the rows are a statement's
  let wordsHead: number | undefined; // the last row that may have parts named by its words
  let wordsRun = -1; // the last row of that row's run
  let lastWhole: number | undefined; // the last row that is not a part: what a `其中` belongs to
  // The last numbered row of each rank and its number: `九、` after `八、` continues its list, whatever
  // unmarked row came between (`业支出`, the second line of `八、社会保障和就` read as a row of its own).
  const lastOfRank = new Map<number, { index: number; number: number }>();
  rows.forEach((row, index) => {
    if (row.total) {
      lastWhole = index;
      wordsHead = undefined;
      stack.length = 0;
      lastOfRank.clear();
      partsOf = undefined;
      subtracting = false;
      row.level = { name: row.total === 'subtotal' ? '小计' : (TOTAL.exec(row.name)?.[0]?.replace(/[:：]$/, '') ?? '合计'), depth: 0, source: 'total' };
      return;
    }
    if (row.partial) {
      // `其中：` under the row above it (the row the run of parts belongs to).
      if (lastWhole !== undefined) {
        row.parent = lastWhole;
        partsOf = lastWhole;
      }
      return;
    }
    if (partsOf !== undefined && row.code === undefined && row.rank === undefined && namesAPart(row.name, rows[partsOf]!.name)) {
      row.partial = true;
      row.parent = partsOf;
      return;
    }
    const previousRow = rows[index - 1];
    if (
      partsOf !== undefined &&
      (subtracting || signedRun) &&
      previousRow &&
      (previousRow.partial || previousRow.maybePartOf === partsOf) &&
      row.code === undefined &&
      row.rank === undefined &&
      row.sign === 1 &&
      !adds.has(index)
    ) {
      row.maybePartOf = partsOf;
    } else partsOf = undefined;
    // An unmarked row right after a row whose words it begins with (`公务用车购置费` after
    // `公务用车购置及运行维护费`), or after such a row: a part that completes it.
    const head = wordsHead === undefined ? undefined : rows[wordsHead]!;
    if (head && head.parent === undefined && row.code === undefined && row.rank === head.rank && wordsRun === index - 1 && namesAPart(row.name, head.name)) {
      row.parent = wordsHead;
      wordsRun = index;
      return;
    }
    wordsHead = index;
    wordsRun = index;
    lastWhole = index;
    if (row.code) {
      const parentCode = row.code.slice(0, -2);
      const parent = row.code.length > 3 ? byCode.get(parentCode) : undefined;
      if (parent !== undefined) row.parent = parent;
      else if (row.code.length > 3 && [...byCode.keys()].some((known) => known.length === 3)) {
        const above = [...stack].reverse().find((entry) => rows[entry.index]!.code && rows[entry.index]!.code!.length < row.code!.length);
        if (above) conflicts.push(`${row.code} 不在 ${rows[above.index]!.code} 之下`);
      }
      byCode.set(row.code, index);
    }
    // A `减：`/`加：` row, or an unmarked row of a subtracting run, stands beside the row before it.
    const signed = style !== 'code' && row.rank === undefined && (row.sign === -1 || adds.has(index) || subtracting);
    if (signed && stack.length > 0) {
      const previous = stack.pop()!;
      const parent = rows[previous.index]!.parent;
      if (parent !== undefined) row.parent = parent;
      stack.push({ index, key: previous.key });
    }
    const key = signed && stack.length > 0 ? undefined : keyOf(row);
    if (style === 'numbering' && row.rank !== undefined && row.marker !== undefined && !signed) {
      const number = markerNumber(row.marker);
      const previous = lastOfRank.get(row.rank);
      if (number !== undefined && previous && previous.number + 1 === number && !stack.some((entry) => entry.index === previous.index)) {
        // Back to the list the previous number is in: its ancestors are this row's.
        const chain: number[] = [];
        for (let at: number | undefined = previous.index; at !== undefined && chain.length <= rows.length; at = rows[at]!.parent) chain.unshift(at);
        stack.length = 0;
        for (const at of chain) stack.push({ index: at, key: keyOf(rows[at]!) ?? -1 });
      }
      for (const rank of [...lastOfRank.keys()]) if (rank > row.rank) lastOfRank.delete(rank);
      if (number !== undefined) lastOfRank.set(row.rank, { index, number });
    }
    if (key !== undefined) {
      while (stack.length > 0 && stack.at(-1)!.key >= key) stack.pop();
      if (row.parent === undefined && style !== 'code' && stack.length > 0) row.parent = stack.at(-1)!.index;
      stack.push({ index, key });
    }
    // `减：` subtracts, and so do the unmarked rows after it, until `加：` or a numbered row.
    if (row.sign === -1 || adds.has(index)) signedRun = true;
    else if (row.rank !== undefined) signedRun = false;
    if (row.sign === -1) subtracting = true;
    else if (adds.has(index) || row.rank !== undefined) subtracting = false;
    else if (subtracting) row.sign = -1;
  });

  const statement = style === 'numbering' && readResults(rows, adds, conflicts);

  // Levels: the code's 类/款/项, else the depth in the tree.
  const depthOf = (index: number, seen = 0): number => {
    const parent = rows[index]!.parent;
    return parent === undefined || seen > rows.length ? 0 : 1 + depthOf(parent, seen + 1);
  };
  rows.forEach((row, index) => {
    if (row.total) return;
    const depth = depthOf(index);
    if (row.code) row.level = { name: CODE_LEVELS[row.codeLevel! - 1] ?? `第${depth + 1}级`, depth, source: 'code' };
    else if (row.partial) row.level = { name: '其中', depth, source: 'partial' };
    else row.level = { name: `第${depth + 1}级`, depth, source: style === 'numbering' && row.rank !== undefined ? 'numbering' : style === 'indent' ? 'indent' : 'none' };
  });
  return { rows, style, conflicts, statement };
}

/**
 * Result rows of a statement, among the rows of one parent:
 * - a numbered row after a run of `减：`/`加：` rows is the numbered row before it with that run added or
 *   taken away (`二、营业利润` = `一、营业收入` − `营业成本` − `税金及附加` … + `其他收益`);
 * - a numbered balance row (`本期盈余`, `本年结余`) after numbered rows of income and of costs is the one
 *   less the other (`三、本期盈余` = `一、本期收入` − `二、本期费用`).
 * A result row with numbered rows of its own under it is read two ways at once: a conflict, not checked.
 */
function readResults(rows: HierarchyRow[], adds: ReadonlySet<number>, conflicts: string[]): boolean {
  let found = false;
  const siblings = new Map<number | undefined, number[]>();
  rows.forEach((row, index) => {
    if (row.partial || row.total) return;
    const list = siblings.get(row.parent);
    if (list) list.push(index);
    else siblings.set(row.parent, [index]);
  });
  const hasOwnRows = (index: number) => rows.some((row) => row.parent === index && !row.partial);
  for (const list of siblings.values()) {
    let previous: number | undefined; // the last numbered row
    let between: number[] = []; // the rows since it
    let sides: { index: number; sign: 1 | -1 }[] = []; // numbered rows of income or costs since the last result
    for (const index of list) {
      const row = rows[index]!;
      const signedRow = row.sign === -1 || adds.has(index);
      if (row.rank === undefined || signedRow) {
        between.push(index);
        continue;
      }
      let terms: HierarchyRow['terms'];
      let alternatives: HierarchyRow['alternatives'];
      if (previous !== undefined && between.some((i) => rows[i]!.sign === -1 || adds.has(i))) {
        terms = [{ index: previous, sign: 1 }, ...between.map((i) => ({ index: i, sign: rows[i]!.sign }))];
        // Rows that may be further `其中` parts: each reading where the first k of a run are parts (not terms).
        const unsure = between.filter((i) => rows[i]!.maybePartOf !== undefined);
        alternatives = unsure.map((_, k) => terms!.filter((term) => !unsure.slice(0, k + 1).includes(term.index)));
      } else if (BALANCE.test(withoutNote(row.name)) && between.length === 0 && sides.some((t) => t.sign === 1) && sides.some((t) => t.sign === -1)) {
        terms = sides;
      }
      if (terms) {
        found = true;
        if (hasOwnRows(index)) conflicts.push(`${row.name} 既是其下各行之和，又是其上各行之差`);
        else {
          row.terms = terms;
          if (alternatives && alternatives.length > 0) row.alternatives = alternatives;
        }
        sides = [{ index, sign: 1 }];
      } else {
        const name = withoutNote(row.name);
        const sign = INCOME_SIDE.test(name) ? 1 : COST_SIDE.test(name) ? -1 : undefined;
        sides = sign === undefined || between.length > 0 ? [] : [...sides, { index, sign }];
      }
      previous = index;
      between = [];
    }
  }
  return found;
}

/** The rows whose parent is `index`, in order. */
export function childrenOf(hierarchy: Hierarchy, index: number): number[] {
  const found: number[] = [];
  hierarchy.rows.forEach((row, i) => {
    if (row.parent === index) found.push(i);
  });
  return found;
}

/** A label that is only the table's total word (`合计`, `总 计：`), not a named total (`本年收入合计`). */
export function isPlainTotal(label: string): boolean {
  return /^(?:合\s*计|总\s*计)[:：]?$/.test(label);
}

/** A label without its `其中` (`其中：公车购置` → `公车购置`): how the row is named as a part. */
export function withoutPartWord(label: string): string {
  return label.replace(PARTIAL, '');
}

/** Text with a Chinese character in it (a label, not a figure). */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** An indicator row of a 自评表: its names from the broadest level (一级指标) to the leaf (三级指标), and how deep it goes. */
export interface IndicatorPath {
  /** One name per level column, broadest first; '' where the row has none at that level. */
  names: string[];
  /** The deepest level the row names (1 for a 一级 row), 0 when it names none. */
  depth: number;
}

/**
 * The 一级 / 二级 / 三级 names of a 自评表's indicator rows, one row of names per level column as the table
 * model gives them (a merged cell already spread over its range, '' for a blank). A name printed once for a
 * group and left blank below it (a PDF or a flattened table prints a merged cell once) is taken from the row
 * above, for every level broader than the first one the row names itself: a row naming its own 一级 starts
 * a new group, and its blank 二级 stays blank.
 */
export function indicatorPaths(rows: readonly (readonly string[])[]): IndicatorPath[] {
  const paths: IndicatorPath[] = [];
  let above: string[] = [];
  for (const printed of rows) {
    const first = printed.findIndex((name) => name !== '');
    if (first < 0) {
      paths.push({ names: printed.map(() => ''), depth: 0 });
      continue;
    }
    const names = printed.map((name, level) => (level < first ? (above[level] ?? '') : name));
    let depth = 0;
    names.forEach((name, level) => {
      if (name) depth = level + 1;
    });
    paths.push({ names, depth });
    above = names;
  }
  return paths;
}
