/**
 * Tables that web pages and converters print flattened: one cell per line, no row breaks.
 *
 *   (a) `合 计 |` `246 |` …: every cell ends in a pipe; a line of only pipes is that many empty cells;
 *   (b) `年度` `|` `合计` `|` …: cells on their own lines, a line of pipes after each;
 *   (c) `年初预算数` `全年预算数` …: cells on their own lines (blank lines between), nothing else.
 *
 * Rows are not marked, so they are inferred from the repeating shape of the cells: a data row is a
 * label (text: `合计`, `其中:…`, `2015年`) followed by figures or empty cells, and the row width is the
 * period at which that shape repeats the longest. The header is the run of text cells just before the
 * first data row: one row as wide as the data, or — one cell more, or two padded rows — a header in
 * which one top cell spans its sub-columns (`公车购置及运行维护费` over `合计 车辆购置 车辆运行`). When
 * no header fits the data without guessing, there is no table: the lines stay text.
 *
 * Header cells printed in narrow columns wrap (`年初` `预算数`, `年度预` `算申请` `(万元)`): a short fragment
 * that cannot end a header joins the next, a bracket-only fragment joins the one before. Such a header,
 * when it fits the figures column by column, also makes a table of a single data row (a 自评表's
 * `年度资金总额` row, before the 按收入性质分 lines that are not a table).
 *
 * Everything here is linear in the number of lines: each width is tried once over the cells.
 */
import type { Cell, Table } from '../model/document.js';

/** A table found in flattened lines: 0-based first and last line, and its rows (spans use 1-based line numbers). */
export interface FlatTable {
  first: number;
  last: number;
  rows: Cell[][];
  /** `list`: label–value lines (findLabelValueLists). */
  layout?: 'list';
  /** The unit the list's labels name (`…资金(万元)`). */
  unit?: string;
}

type Kind = 'E' | 'F' | 'N' | 'T';

interface Token {
  text: string;
  kind: Kind;
  /** 0-based line of the cell's text (or of the pipe, for an empty cell). */
  line: number;
  start: number;
  end: number;
  /** 0-based line of the pipe that ends the cell (its own line in shapes (a) and (c)). */
  last: number;
  /** A header cell whose text wrapped over several lines: the lines' tokens, in order. */
  parts?: Token[];
}

/** The widest row looked for. */
const MAX_WIDTH = 16;

const PIPE_ONLY = /^\s*\|[\s|]*$/;
const CELL_THEN_PIPE = /^(\s*)([^|]*[^|\s])\s*\|\s*$/;
const OUTLINE_HEADING = /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十\d]+[章节部分条])/;
const UNIT_LINE = /单位\s*[:：]|單位\s*[:：]/;
/** A figure: `246`, `-16.77`, `100%`, `4753.66万元`, `87人次`, `>=21933人`, `583元/人*月`. */
const NUMBER_CELL = /^(?:[<>≤≥＜＞]=?\s*)?[-−－+]?\s*[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s*(?:[%％‰]|[\u4e00-\u9fff]{1,3}(?:\s*[/*·×]\s*[\u4e00-\u9fff]{1,3})*)?$/;
const YEAR_CELL = /^(?:19|20)\d{2}\s*年/;
const FILLER_CELL = /^[-—–－/／\\]+$/;
/** Header words of a column of figures: `预算数`, `决算数`, `合计`, `公务接待费`, `执行率`, `分值`, `2016年`. */
const VALUE_HEADER = /(?:数|數|额|額|费|費|值|分|率|计|計|比|款|金|价|價|[%％]|元|年)$|^(?:合计|合計|小计|小計|总计|總計)|预算|預算|决算|決算|执行|執行|金额|金額|增减|增減|幅度|得分|分值|支出|收入/;
/** A header that cannot be the label column's: a total or a quantity. */
const NOT_LABEL_HEADER = /^(?:合计|合計|小计|小計|总计|總計)|(?:数|數|额|額|率|值|分)$/;
const TOTAL_WORD = /^(?:合计|合計|小计|小計|总计|總計)$/;
const PLACEHOLDER = /…|\.{3}|^[xX]+$/;
/** Characters that say nothing about which top header a sub-header belongs to. */
const STOP_CHARS = new Set([...'费費经經的及和与與其中、，,()（）数數“”"']);

function kindOf(text: string): Kind {
  if (text === '') return 'E';
  if (FILLER_CELL.test(text)) return 'F';
  if (NUMBER_CELL.test(text) && !YEAR_CELL.test(text)) return 'N';
  return 'T';
}

/** Header text for comparisons: no spaces, no pinyin glosses (`數(shù)`), no trailing `(A)` / `(万元)`. */
function headerWord(text: string): string {
  return text
    .replace(/\([a-zA-Z\u00C0-\u024F\u1E00-\u1EFF]+\)/g, '')
    .replace(/\s+/g, '')
    .replace(/[（(][^()（）]*[)）]$/, '');
}

const isValueHeader = (text: string) => VALUE_HEADER.test(headerWord(text));

/** Whether a line's content can be one cell: short, no sentence, no outline heading (unless piped), no `单位：` caption. */
function cellLike(content: string, piped: boolean): boolean {
  // A numbered row label (`一、基本支出 |`) is a cell when its pipe says so; without one it is a heading.
  if ((!piped && OUTLINE_HEADING.test(content)) || UNIT_LINE.test(content)) return false;
  const length = [...content].length;
  if (piped) return length <= 80;
  return length <= 30 && !/[。；;！？!?，]|,(?!\d)/.test(content);
}

type LineClass =
  | { type: 'blank' }
  | { type: 'pipes'; count: number }
  | { type: 'cell'; piped: boolean; start: number; end: number }
  | { type: 'other' };

function classify(text: string, blocked: boolean): LineClass {
  if (text.trim() === '') return { type: 'blank' };
  if (PIPE_ONLY.test(text)) return { type: 'pipes', count: text.split('|').length - 1 };
  if (blocked) return { type: 'other' };
  const piped = CELL_THEN_PIPE.exec(text);
  if (piped) {
    const content = piped[2]!;
    if (!cellLike(content, true)) return { type: 'other' };
    const start = piped[1]!.length;
    return { type: 'cell', piped: true, start, end: start + content.length };
  }
  if (text.includes('|')) return { type: 'other' };
  const content = text.trim();
  if (!cellLike(content, false)) return { type: 'other' };
  const start = text.length - text.trimStart().length;
  return { type: 'cell', piped: false, start, end: start + content.length };
}

/**
 * Flattened tables in a page of lines (already cleaned of markup, so spans are columns in the file).
 * `blocked[i]` marks lines that are something else (tab or pipe table rows, page footers, headings).
 */
export function findFlatTables(texts: readonly string[], blocked: readonly boolean[]): FlatTable[] {
  const found: FlatTable[] = [];
  const classes = texts.map((text, index) => classify(text, blocked[index] ?? false));
  const taken = new Uint8Array(texts.length);
  let index = 0;
  while (index < classes.length) {
    if (classes[index]!.type === 'other') {
      index++;
      continue;
    }
    // A region: lines that can all be cells (blank lines do not end it).
    const entries: { line: number; cls: LineClass }[] = [];
    while (index < classes.length && classes[index]!.type !== 'other') {
      const cls = classes[index]!;
      if (cls.type !== 'blank') entries.push({ line: index, cls });
      index++;
    }
    readRegion(texts, entries, taken, found);
  }
  return found;
}

function readRegion(texts: readonly string[], entries: { line: number; cls: LineClass }[], taken: Uint8Array, found: FlatTable[]): void {
  const piped = entries.some(({ cls }) => cls.type === 'pipes' || (cls.type === 'cell' && cls.piped));
  let tokens: Token[] = [];
  const flush = () => {
    if (tokens.length >= 4) found.push(...readCells(tokens, taken));
    tokens = [];
  };
  let pending: Token | undefined;
  for (const [position, { line, cls }] of entries.entries()) {
    if (cls.type === 'cell') {
      const text = texts[line]!.slice(cls.start, cls.end);
      const token: Token = { text, kind: kindOf(text), line, start: cls.start, end: cls.end, last: line };
      if (!piped || cls.piped) {
        tokens.push(token);
        continue;
      }
      // Shape (b): the cell is ended by the pipe line after it; a line that no pipe ends is not a cell.
      if (entries[position + 1]?.cls.type === 'pipes') pending = token;
      else flush();
      continue;
    }
    if (cls.type !== 'pipes') continue;
    for (let pipe = 0; pipe < cls.count; pipe++) {
      if (pending) {
        pending.last = line;
        tokens.push(pending);
        pending = undefined;
      } else {
        tokens.push({ text: '', kind: 'E', line, start: 0, end: 0, last: line });
      }
    }
  }
  flush();
}

/** A run of data rows: rows of `width` cells from `start`, the label in column `label` (-1: none). */
interface Run {
  start: number;
  end: number;
  width: number;
  label: number;
  /** Rows with figures in them. */
  numbered: number;
}

interface RowShape {
  /** Column of the row's label (its only text cell), -1 when it has none. */
  label: number;
  firstNumber: number;
  numbers: number;
}

function rowShape(tokens: Token[], from: number, to: number): RowShape | undefined {
  let firstNumber = -1;
  let lastText = -1;
  let numbers = 0;
  for (let i = from; i < to; i++) {
    const kind = tokens[i]!.kind;
    if (kind === 'N') {
      if (firstNumber < 0) firstNumber = i - from;
      numbers++;
    } else if (kind === 'T') {
      // One label, then figures: text after a figure, or a second text cell, is another kind of row.
      if (firstNumber >= 0 || lastText >= 0) return undefined;
      lastText = i - from;
    }
  }
  return { label: lastText, firstNumber, numbers };
}

/** Every maximal run of label-then-figures rows, for every width and phase: O(MAX_WIDTH² · cells). */
function dataRuns(tokens: Token[]): Run[] {
  const runs: Run[] = [];
  const n = tokens.length;
  for (let width = 2; width <= Math.min(MAX_WIDTH, n); width++) {
    for (let phase = 0; phase < width; phase++) {
      let run: { start: number; label: number; numbered: number; goodEnd: number } | undefined;
      const finish = (atEnd: boolean) => {
        if (run) {
          // A last row cut short by the end of the cells (a label and what is left of its figures) still belongs.
          const end = atEnd && n - run.goodEnd <= width ? n : run.goodEnd;
          runs.push({ start: run.start, end, width, label: run.label, numbered: run.numbered });
        }
        run = undefined;
      };
      for (let from = phase; from < n; from += width) {
        const to = Math.min(from + width, n);
        const shape = rowShape(tokens, from, to);
        const fits =
          shape !== undefined &&
          run !== undefined &&
          (shape.label === run.label || (shape.label < 0 && shape.numbers > 0 && shape.firstNumber > run.label));
        if (fits) {
          if (shape.numbers > 0) {
            run!.numbered++;
            run!.goodEnd = to;
          }
          continue;
        }
        finish(false);
        if (shape && shape.label >= 0 && shape.numbers > 0 && to - from === width) {
          run = { start: from, label: shape.label, numbered: 1, goodEnd: to };
        }
      }
      finish(true);
    }
  }
  return runs;
}

/** A single row of figures with no label, at the end of the cells, after a header (`79 | 0 | 75 | 50 | 25 | 4 |`). */
function unlabelledRow(tokens: Token[]): Run | undefined {
  let firstNumber = -1;
  let lastNumber = -1;
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== 'N') continue;
    if (firstNumber < 0) firstNumber = i;
    lastNumber = i;
  }
  if (firstNumber < 0 || lastNumber === firstNumber) return undefined;
  const width = lastNumber - firstNumber + 1;
  if (width > MAX_WIDTH) return undefined;
  for (let i = firstNumber; i < tokens.length; i++) if (tokens[i]!.kind === 'T') return undefined;
  return { start: firstNumber, end: tokens.length, width, label: -1, numbered: 1 };
}

interface HeaderCell {
  token: Token;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

interface Header {
  /** Index of the first token of the header. */
  start: number;
  rows: number;
  cells: HeaderCell[];
}

/** The characters of a header that can tie it to its sub-headers (not 费, 的, 数, brackets, digits). */
function tellingChars(text: string): Set<string> {
  const chars = new Set<string>();
  for (const char of headerWord(text)) if (!STOP_CHARS.has(char) && !/[\d\s]/.test(char)) chars.add(char);
  return chars;
}

/** A group of sub-headers: the characters they share with their top header, and whether the group starts with its own total. */
interface SubGroup {
  chars: Set<string>;
  startsWithTotal: boolean;
}

function subGroup(subs: string[]): SubGroup {
  const chars = new Set<string>();
  for (const sub of subs) for (const char of tellingChars(sub)) chars.add(char);
  return { chars, startsWithTotal: TOTAL_WORD.test(headerWord(subs[0] ?? '')) };
}

/** Telling characters of the top header found in the sub-headers, +2 when the group starts with its own total (合计, 小计). */
function groupScore(top: Set<string>, group: SubGroup): number {
  let score = group.startsWithTotal ? 2 : 0;
  for (const char of top) if (group.chars.has(char)) score++;
  return score;
}

/**
 * A two-row header: tops over sub-headers, one top cell spanning the subs. Returns the spanning top's
 * index and its score, or undefined when no top is clearly the sub-headers' group (then nothing is guessed).
 */
function spanningTop(tops: Set<string>[], group: SubGroup, label: number): { parent: number; score: number } | undefined {
  const first = Math.max(0, label + 1);
  const scores = tops.map((top, i) => (i < first ? -1 : groupScore(top, group)));
  const best = Math.max(...scores);
  if (best < 2) return undefined;
  const candidates = scores.flatMap((score, i) => (score === best ? [i] : []));
  if (candidates.length === 1) return { parent: candidates[0]!, score: best };
  // Equally likely groups: the common layout puts the group last.
  return candidates.includes(tops.length - 1) ? { parent: tops.length - 1, score: best } : undefined;
}

function spannedCells(tops: Token[], subs: Token[], parent: number): HeaderCell[] {
  const span = subs.length;
  const cells: HeaderCell[] = tops.map((token, i) =>
    i === parent
      ? { token, row: 0, col: i, rowSpan: 1, colSpan: span }
      : { token, row: 0, col: i < parent ? i : i + span - 1, rowSpan: 2, colSpan: 1 },
  );
  subs.forEach((token, k) => cells.push({ token, row: 1, col: parent + k, rowSpan: 1, colSpan: 1 }));
  return cells;
}

/** The header words over each column, top row first. */
function columnHeaders(cells: HeaderCell[], width: number): string[][] {
  const headers: string[][] = Array.from({ length: width }, () => []);
  for (const cell of [...cells].sort((a, b) => a.row - b.row)) {
    if (!cell.token.text) continue;
    for (let col = cell.col; col < cell.col + cell.colSpan && col < width; col++) headers[col]!.push(cell.token.text);
  }
  return headers;
}

/**
 * A header fits when every column of figures has one, most of them read as figure headers (all of them,
 * when `strict`), and the label column's does not.
 */
function headerFits(cells: HeaderCell[], width: number, label: number, numberColumns: Set<number>, filledColumns: Set<number>, strict = false): boolean {
  const texts = cells.map((cell) => cell.token.text).filter(Boolean);
  if (texts.length < 2 || texts.some((text) => [...text].length > 40 || PLACEHOLDER.test(text))) return false;
  const headers = columnHeaders(cells, width);
  let valueLike = 0;
  for (const col of numberColumns) {
    const words = headers[col]!;
    if (words.length === 0) return false;
    if (words.some(isValueHeader)) valueLike++;
  }
  if (strict ? valueLike < numberColumns.size : valueLike * 2 < numberColumns.size) return false;
  // Headers over columns that hold nothing in any row: one (a remark column left blank) is common, more
  // means the header has slid over the data (cells of a row taken for header cells).
  if (headers.filter((words, col) => words.length > 0 && !filledColumns.has(col)).length > 1) return false;
  const labelWords = label >= 0 ? headers[label]! : [];
  if (labelWords.some((word) => NOT_LABEL_HEADER.test(headerWord(word)))) return false;
  return true;
}

/** A fragment that can end a header cell: a figure header (not a bare `全年`, `上年`), a label column's word, a bracketed unit. */
const HEADER_END = /(?:项目|項目|名称|名稱|科目|指标|指標|内容|內容|单位|單位|类别|類別|序号|序號|编码|編碼|代码|代碼)$/;
const BRACKET_ONLY = /^[（(][^()（）]*[)）]$/;
/** Longest fragment, in characters, taken for a piece of a wrapped header cell. */
const MAX_FRAGMENT = 4;

function endsHeaderCell(text: string): boolean {
  // A bracketed unit closes the cell it follows (`年度预` `算申请` `(万元)`).
  if (BRACKET_ONLY.test(text.trim())) return true;
  const word = headerWord(text);
  if (HEADER_END.test(word)) return true;
  return isValueHeader(text) && !/^[^\d]{1,2}年$/.test(word);
}

/**
 * A header whose cells wrapped over several lines, just before the first data row: the text tokens
 * there are joined into cells (a short fragment that cannot end a cell joins the next; a bracket-only
 * one joins the one before), and the last `width` cells are the header. Undefined when nothing was
 * joined (that is the single-row header) or the tokens do not make `width` whole cells.
 */
function wrappedHeader(tokens: Token[], run: Run): Header | undefined {
  const { width } = run;
  const limit = 4 * width;
  let from = run.start;
  while (from > 0 && tokens[from - 1]!.kind === 'T' && run.start - from < limit) from--;
  const capped = run.start - from === limit && from > 0 && tokens[from - 1]!.kind === 'T';
  const groups: Token[][] = [];
  for (let i = from; i < run.start; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const joins =
      i > from &&
      (BRACKET_ONLY.test(token.text.trim()) || ([...previous!.text.trim()].length <= MAX_FRAGMENT && !endsHeaderCell(previous!.text)));
    if (joins) groups[groups.length - 1]!.push(token);
    else groups.push([token]);
  }
  if (groups.length < width || (capped && groups.length === width)) return undefined;
  const cellsOf = groups.slice(groups.length - width);
  if (cellsOf.every((group) => group.length === 1)) return undefined;
  const cells: HeaderCell[] = cellsOf.map((group, col) => {
    const first = group[0]!;
    const token: Token =
      group.length === 1
        ? first
        : { ...first, text: group.map((part) => part.text.trim()).join(''), last: group[group.length - 1]!.last, parts: group };
    return { token, row: 0, col, rowSpan: 1, colSpan: 1 };
  });
  const joined = cellsOf.reduce((count, group) => count + group.length, 0);
  return { start: run.start - joined, rows: 1, cells };
}

function findHeader(tokens: Token[], run: Run): Header | undefined {
  const { width, label } = run;
  // One labelled row is a table only under a header that names every column of figures.
  const lone = label >= 0 && run.numbered < 2;
  const numberColumns = new Set<number>();
  const filledColumns = new Set<number>();
  for (let i = run.start; i < run.end; i++) {
    const { kind } = tokens[i]!;
    if (kind === 'N') numberColumns.add((i - run.start) % width);
    if (kind !== 'E') filledColumns.add((i - run.start) % width);
  }
  // The text and empty cells just before the first data row.
  let before = run.start;
  while (before > 0 && tokens[before - 1]!.kind !== 'N' && run.start - before < 2 * width + 1) before--;
  const available = run.start - before;
  const fits = (cells: HeaderCell[]) => headerFits(cells, width, label, numberColumns, filledColumns, lone);
  const wrapped = () => {
    const header = wrappedHeader(tokens, run);
    return header && fits(header.cells) ? header : undefined;
  };

  let single: Header | undefined;
  if (available >= width) {
    const start = run.start - width;
    const cells = tokens.slice(start, run.start).map((token, col) => ({ token, row: 0, col, rowSpan: 1, colSpan: 1 }));
    if (cells.some((cell) => cell.token.kind === 'T') && fits(cells)) single = { start, rows: 1, cells };
  }
  if (lone) return single ?? wrapped();

  // One cell more than the row is wide, all text: a top row with one spanning cell, then its sub-headers.
  let flat: Header | undefined;
  if (available >= width + 1) {
    const start = run.start - width - 1;
    const words = tokens.slice(start, run.start);
    if (words.every((token) => token.kind === 'T')) {
      const sets = words.map((token) => tellingChars(token.text));
      let best: { cells: HeaderCell[]; score: number; last: boolean } | undefined;
      let tied = false;
      // Every split into tops and subs; the subs' characters are gathered from the right, once.
      const group: SubGroup = { chars: new Set(), startsWithTotal: false };
      for (let topCount = width; topCount >= 2; topCount--) {
        for (const char of sets[topCount]!) group.chars.add(char);
        group.startsWithTotal = TOTAL_WORD.test(headerWord(words[topCount]!.text));
        if (topCount === width) continue; // one sub-header is no group
        const found = spanningTop(sets.slice(0, topCount), group, label);
        if (!found) continue;
        const cells = spannedCells(words.slice(0, topCount), words.slice(topCount), found.parent);
        if (!fits(cells)) continue;
        const last = found.parent === topCount - 1;
        if (!best || found.score > best.score || (found.score === best.score && last && !best.last)) {
          best = { cells, score: found.score, last };
          tied = false;
        } else if (found.score === best.score && last === best.last) {
          tied = true;
        }
      }
      if (best && !tied) flat = { start, rows: 2, cells: best.cells };
    }
  }

  // Two rows padded to the row width with empty cells (`合计 | 因公 | 公务用车 | 接待 | || 小计 | 购置 | 运行 | |||`).
  let padded: Header | undefined;
  if (available >= 2 * width) {
    const start = run.start - 2 * width;
    const tops = tokens.slice(start, start + width).filter((t) => t.kind !== 'E');
    const subs = tokens.slice(start + width, run.start).filter((t) => t.kind !== 'E');
    if (tops.length >= 2 && subs.length >= 2 && tops.length + subs.length - 1 === width && [...tops, ...subs].every((t) => t.kind === 'T')) {
      const found = spanningTop(tops.map((t) => tellingChars(t.text)), subGroup(subs.map((t) => t.text)), label);
      if (found) {
        const cells = spannedCells(tops, subs, found.parent);
        if (fits(cells)) padded = { start, rows: 2, cells };
      }
    }
  }

  if (single) {
    // A figure header right before the row-wide header, in a stream without padding, belongs to it.
    const previous = tokens[single.start - 1];
    if (flat && previous && previous.kind === 'T' && isValueHeader(previous.text) && !/表$/.test(previous.text)) return flat;
    return single;
  }
  return flat ?? padded ?? wrapped();
}

/** Read the cells of one region: every data run whose header fits, largest first, none sharing a line with another. */
function readCells(tokens: Token[], taken: Uint8Array): FlatTable[] {
  const bySize = (a: Run, b: Run) => b.end - b.start - (a.end - a.start) || a.width - b.width;
  const all = dataRuns(tokens);
  const runs = all.filter((run) => run.numbered >= 2).sort(bySize);
  const unlabelled = unlabelledRow(tokens);
  if (unlabelled) runs.push(unlabelled);
  // A single labelled row is the weakest evidence of a table: tried once the rest have taken their lines.
  // Only a row of two figures or more, right after text that can be its header, is worth the look.
  const figuresIn = (run: Run) => tokens.slice(run.start, run.end).filter((token) => token.kind === 'N').length;
  const lone = all.filter((run) => run.numbered < 2 && run.start > 0 && tokens[run.start - 1]!.kind === 'T' && figuresIn(run) >= 2);
  runs.push(...lone.sort(bySize));
  // Each width and phase yields disjoint runs, so these scans add up to a bounded multiple of the cells.
  const free = (first: number, last: number) => {
    for (let line = first; line <= last; line++) if (taken[line]) return false;
    return true;
  };
  const tables: FlatTable[] = [];
  for (const run of runs) {
    const last = tokens[run.end - 1]!.last;
    if (!free(tokens[run.start]!.line, last)) continue;
    const header = findHeader(tokens, run);
    if (!header) continue;
    const first = tokens[header.start]!.line;
    if (!free(first, last)) continue;
    taken.fill(1, first, last + 1);
    tables.push({ first, last, rows: buildRows(tokens, run, header) });
  }
  return tables.sort((a, b) => a.first - b.first);
}

function spansOf(token: Token): Cell['spans'] {
  if (token.parts) return token.parts.flatMap(spansOf);
  return token.text ? [{ line: token.line + 1, start: token.start, end: token.end }] : [];
}

function buildRows(tokens: Token[], run: Run, header: Header): Cell[][] {
  const { width } = run;
  // Columns with nothing in them anywhere (a converter's empty first or last column) are dropped.
  const used: boolean[] = Array.from({ length: width }, () => false);
  for (const cell of header.cells) if (cell.token.text) for (let c = cell.col; c < cell.col + cell.colSpan; c++) used[c] = true;
  for (let i = run.start; i < run.end; i++) if (tokens[i]!.text) used[(i - run.start) % width] = true;
  const newCol: number[] = [];
  let next = 0;
  for (let c = 0; c < width; c++) newCol.push(used[c] ? next++ : -1);
  const place = (col: number, span: number) => {
    let kept = 0;
    let at = -1;
    for (let c = col; c < col + span; c++) {
      if (newCol[c]! < 0) continue;
      if (at < 0) at = newCol[c]!;
      kept++;
    }
    return { at, kept };
  };

  const rows: Cell[][] = [];
  for (let r = 0; r < header.rows; r++) {
    const row: Cell[] = [];
    for (const cell of header.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col)) {
      const { at, kept } = place(cell.col, cell.colSpan);
      if (at < 0) continue;
      row.push({ text: cell.token.text, row: r, col: at, rowSpan: cell.rowSpan, colSpan: kept, spans: spansOf(cell.token) });
    }
    rows.push(row);
  }
  for (let from = run.start; from < run.end; from += width) {
    const rowIndex = rows.length;
    const row: Cell[] = [];
    for (let i = from; i < Math.min(from + width, run.end); i++) {
      const col = newCol[i - from]!;
      if (col < 0) continue;
      const token = tokens[i]!;
      row.push({ text: token.text, row: rowIndex, col, rowSpan: 1, colSpan: 1, spans: spansOf(token) });
    }
    rows.push(row);
  }
  return rows;
}

const NUMERIC_ROW_CELL = /^\s*[-+]?\d[\d,]*(\.\d+)?\s*%?\s*$/;

/** The non-empty cells of a row when they are packed to the left (columns 0, 1, …), else undefined. */
function packedLeft(row: Cell[]): Cell[] | undefined {
  const full = row.filter((c) => c.text.trim() !== '');
  return full.every((c, i) => c.col === i && c.colSpan === 1) ? full : undefined;
}

/**
 * Pipe and tab tables printed by web pages lose the cells that spanned rows or columns, and the rest
 * slide left. Two such header shapes are put back when the data leave no doubt; nothing changes otherwise:
 *
 * - a header one cell short of its rows whose first cell is a figure header (`全年预算数(A) | 全年执行数(B) |`
 *   over `年度资金总额: | 9.48 | 9.48 |`): the label column's header was elsewhere, so the header moves right;
 * - a second header row packed to the left (`项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 |` over
 *   `增、减金额 | 增、减幅度 |`): the sub-headers go under the top cell whose group they are, which then
 *   spans them, and the other top cells span both rows.
 */
export function alignHeaderRows(table: Table): void {
  const firstData = table.rows.findIndex((row) => row.some((cell) => NUMERIC_ROW_CELL.test(cell.text)));
  if (firstData === 1) alignShortHeader(table);
  else if (firstData === 2) alignSpannedHeader(table);
}

function alignShortHeader(table: Table): void {
  const header = packedLeft(table.rows[0]!);
  if (!header || header.length < 2 || !isValueHeader(header[0]!.text)) return;
  // The block of rows with figures right under the header: each a label, then figures.
  let width = 0;
  for (const row of table.rows.slice(1)) {
    if (!row.some((cell) => NUMERIC_ROW_CELL.test(cell.text))) break;
    const label = row.find((cell) => cell.col === 0)?.text.trim() ?? '';
    if (!label || NUMERIC_ROW_CELL.test(label)) return;
    width = Math.max(width, row.reduce((w, c) => (c.text.trim() ? Math.max(w, c.col + c.colSpan) : w), 0));
  }
  if (width !== header.length + 1) return;
  table.rows[0] = header.map((cell) => ({ ...cell, col: cell.col + 1 }));
}

function alignSpannedHeader(table: Table): void {
  const width = Math.max(0, ...table.rows.slice(2).map((row) => row.reduce((w, c) => (c.text.trim() ? Math.max(w, c.col + c.colSpan) : w), 0)));
  const tops = packedLeft(table.rows[0]!);
  const subs = packedLeft(table.rows[1]!);
  if (!tops || !subs || subs.length < 2 || tops.length < 2 || tops.length + subs.length - 1 !== width) return;
  const labelled = table.rows.slice(2).some((row) => row.some((c) => c.col === 0 && c.text.trim() && !NUMERIC_ROW_CELL.test(c.text)));
  const found = spanningTop(tops.map((c) => tellingChars(c.text)), subGroup(subs.map((c) => c.text)), labelled ? 0 : -1);
  if (!found) return;
  const { parent } = found;
  const span = subs.length;
  table.rows[0] = tops.map((cell, i) =>
    i === parent ? { ...cell, colSpan: span } : { ...cell, col: i < parent ? i : i + span - 1, rowSpan: 2 },
  );
  table.rows[1] = subs.map((cell, k) => ({ ...cell, col: parent + k }));
}

/** `市级资金 343.00`, `年度预算资金总额: 763.00`: a label, then one bare figure ending the line. */
const LABEL_VALUE_LINE = /^(\s*)(\S(?:.*?[\u4e00-\u9fff)）])?)(?:\s*[:：]\s*|\s+)([-−]?\d[\d,]*(?:\.\d+)?)\s*$/;
/** Sentence punctuation: a line with it is prose, not a list row. */
const PROSE_MARK = /[。；;，,！？!?]/;
const BRACKET_UNIT = /[（(]\s*(亿元|万元|千元|元)\s*[)）]/g;

/**
 * Lists of label–value lines, the way web pages print a two-column form: `其中:中央补助 668.00`,
 * `市级资金 343.00`, with label-only lines (`其中:`, `奖励扶助资金(万元)`) heading the groups. A run of
 * three such rows or more, not in another table, is a table of layout `list`: rows of [label, value]
 * and the label-only lines as rows of their own. Its unit is the one the labels name in brackets,
 * when they name one. Lines of `blocked` or `taken` (0-based, by other tables) are not read.
 */
export function findLabelValueLists(texts: readonly string[], blocked: readonly boolean[], taken: readonly FlatTable[]): FlatTable[] {
  const inTable = new Uint8Array(texts.length);
  for (const table of taken) inTable.fill(1, table.first, table.last + 1);
  type Entry = { line: number; label: { start: number; end: number }; value?: { start: number; end: number } };
  const entryOf = (index: number): Entry | undefined => {
    const text = texts[index]!;
    if (blocked[index] || inTable[index] || text.includes('|') || PROSE_MARK.test(text) || OUTLINE_HEADING.test(text) || UNIT_LINE.test(text)) return undefined;
    const match = LABEL_VALUE_LINE.exec(text);
    if (match && /[\u4e00-\u9fff]/.test(match[2]!) && [...match[2]!].length <= 40) {
      const start = match[1]!.length;
      const labelEnd = start + match[2]!.length;
      const valueStart = text.lastIndexOf(match[3]!);
      return { line: index, label: { start, end: labelEnd }, value: { start: valueStart, end: valueStart + match[3]!.length } };
    }
    const content = text.trim();
    // A label-only row heads a group (`其中:`, `…资金(万元)`); `填报人：张三` is a form field, not a heading.
    if (!/[\u4e00-\u9fff]/.test(content) || [...content].length > 40 || NUMBER_CELL.test(content) || /[:：]./.test(content)) return undefined;
    const start = text.length - text.trimStart().length;
    return { line: index, label: { start, end: start + content.length } };
  };
  const lists: FlatTable[] = [];
  let run: Entry[] = [];
  const flush = () => {
    // From the first row with a value to the last one: label-only lines around them are not the list's.
    const first = run.findIndex((entry) => entry.value);
    let last = run.length - 1;
    while (last >= 0 && !run[last]!.value) last--;
    const entries = first >= 0 ? run.slice(first, last + 1) : [];
    run = [];
    const valued = entries.filter((entry) => entry.value).length;
    if (valued < 3 || entries.length - valued > valued) return;
    const units = new Set<string>();
    const rows: Cell[][] = entries.map((entry, row) => {
      const label = texts[entry.line]!.slice(entry.label.start, entry.label.end);
      for (const match of label.matchAll(BRACKET_UNIT)) units.add(match[1]!);
      const cells: Cell[] = [{ text: label, row, col: 0, rowSpan: 1, colSpan: 1, spans: [{ line: entry.line + 1, ...entry.label }] }];
      if (entry.value) {
        cells.push({ text: texts[entry.line]!.slice(entry.value.start, entry.value.end), row, col: 1, rowSpan: 1, colSpan: 1, spans: [{ line: entry.line + 1, ...entry.value }] });
      }
      return cells;
    });
    const list: FlatTable = { first: entries[0]!.line, last: entries.at(-1)!.line, rows, layout: 'list' };
    if (units.size === 1) list.unit = [...units][0]!;
    lists.push(list);
  };
  for (let index = 0; index < texts.length; index++) {
    if (texts[index]!.trim() === '') continue;
    const entry = entryOf(index);
    if (entry) run.push(entry);
    else flush();
  }
  flush();
  return lists;
}
