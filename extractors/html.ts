/**
 * HTML → paragraphs and tables, in document order; and blocks → document lines and tables.
 *
 * The one HTML converter of the project: the Word reader (mammoth's HTML), the text reader
 * (`.html` files, `<table>`/`<p>` fragments inside markdown) and the spreadsheet conversion
 * (LibreOffice's HTML) all go through here.
 *
 * Parsing is parse5's: it builds the tree exactly as a browser does (implied `</p>`, `</td>`,
 * `</tr>`, `<tbody>`, misnested tags), which matters for the hand-written HTML of government
 * sites; htmlparser2 is faster but does not implement the HTML table rules.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import type { Cell, Line, Table } from '../model/document.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** Where a block is in the HTML source (only with `sourceLocations`): 1-based lines and columns, 0-based offsets. */
export interface SourceRange {
  startLine: number;
  startCol: number;
  startOffset: number;
  endLine: number;
  endCol: number;
  endOffset: number;
}

export interface ParagraphBlock {
  type: 'paragraph';
  /** The paragraph's lines: one, or more where the source has hard line breaks (`<br>`). Never empty strings. */
  lines: string[];
  /** 1..6 for `<h1>`…`<h6>` (Word heading styles, mapped by the Word reader). */
  headingLevel?: number;
  /** A footnote or endnote (mammoth puts them at the end): its kind and 1-based number as printed. */
  note?: { kind: 'footnote' | 'endnote'; number: number };
  source?: SourceRange;
}

export interface TableCellBlock {
  text: string;
  /** 0-based row in the table. */
  row: number;
  /** 0-based grid column: cells covered by an earlier row's `rowspan` or an earlier cell's `colspan` are skipped. */
  col: number;
  rowSpan: number;
  colSpan: number;
  /** A `<th>` cell. */
  header: boolean;
  source?: SourceRange;
}

export interface TableBlock {
  type: 'table';
  /** Rows in source order; a row holds only the cells the source has (merged-over positions are absent). */
  rows: TableCellBlock[][];
  /** Number of grid columns. */
  columns: number;
  /** The table's own `<caption>`, if any. */
  caption?: string;
  source?: SourceRange;
}

export type HtmlBlock = ParagraphBlock | TableBlock;

export interface HtmlToBlocksOptions {
  /** Parse as a fragment (no implied `<html><body>`); for snippets embedded in markdown. Default: whole document. */
  fragment?: boolean;
  /** Record each block's and cell's position in the HTML source. */
  sourceLocations?: boolean;
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'select', 'textarea', 'svg', 'math']);
const BLOCK = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'section', 'article', 'header', 'footer', 'nav', 'aside',
  'main', 'figure', 'figcaption', 'address', 'pre', 'hr', 'form', 'fieldset', 'legend', 'center', 'body', 'html',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'details', 'summary',
]);
const HEADING = /^h([1-6])$/;

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function location(node: Node): SourceRange | undefined {
  const loc = (node as { sourceCodeLocation?: SourceRange | null }).sourceCodeLocation;
  if (!loc) return undefined;
  return {
    startLine: loc.startLine,
    startCol: loc.startCol,
    startOffset: loc.startOffset,
    endLine: loc.endLine,
    endCol: loc.endCol,
    endOffset: loc.endOffset,
  };
}

function merge(a: SourceRange | undefined, b: SourceRange | undefined): SourceRange | undefined {
  if (!a) return b;
  if (!b) return a;
  return {
    startLine: a.startLine,
    startCol: a.startCol,
    startOffset: a.startOffset,
    endLine: b.endLine,
    endCol: b.endCol,
    endOffset: b.endOffset,
  };
}

/** HTML whitespace (not U+3000, which is text) collapses to one space; U+00A0 counts as a space. */
export function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f\u00a0]+/g, ' ').trim();
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Join the parts of one cell (its paragraphs and line breaks) into one string: nothing between
 * Chinese characters (`商业` + `企业`), a space between two Latin/numeric parts (`100` + `200`),
 * and always a space before a part marked `spaced` (the cells of a nested table).
 */
export function joinParts(parts: readonly string[], spaced: readonly boolean[] = []): string {
  let out = '';
  parts.forEach((part, i) => {
    if (part === '') return;
    if (out === '') {
      out = part;
      return;
    }
    const last = out.at(-1) ?? '';
    const first = part[0] ?? '';
    out += !spaced[i] && (CJK.test(last) || CJK.test(first)) ? part : ' ' + part;
  });
  return out;
}

const SUPERSCRIPT: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '+': '⁺', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾' };
const SUBSCRIPT: Record<string, string> = { '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉', '+': '₊', '-': '₋', '=': '₌', '(': '₍', ')': '₎' };

/**
 * Digits in `<sup>`/`<sub>` become superscript/subscript characters (`m<sup>2</sup>` → `m²`,
 * `10<sup>4</sup>` → `10⁴`), so they are not read as part of the number before them.
 */
function script(text: string, kind: 'sup' | 'sub' | undefined): string {
  if (!kind) return text;
  const table = kind === 'sup' ? SUPERSCRIPT : SUBSCRIPT;
  return text.replace(/[0-9+\-=()]/g, (char) => table[char] ?? char);
}

/** Mammoth's footnote/endnote reference (`<a id="footnote-ref-1">[1]</a>`) and back link (`<a href="#footnote-ref-1">↑</a>`). */
function isNoteLink(element: Element): boolean {
  if (element.tagName !== 'a') return false;
  const id = attr(element, 'id') ?? '';
  const href = attr(element, 'href') ?? '';
  return /^(?:.*-)?(?:footnote|endnote)-ref-/.test(id) || /^#(?:.*-)?(?:footnote|endnote)-ref-/.test(href);
}

function noteKind(element: Element): 'footnote' | 'endnote' | undefined {
  if (element.tagName !== 'li') return undefined;
  const match = /^(?:.*-)?(footnote|endnote)-[^-]+$/.exec(attr(element, 'id') ?? '');
  return match?.[1] as 'footnote' | 'endnote' | undefined;
}

class Collector {
  readonly blocks: HtmlBlock[] = [];
  private lines: string[] = [];
  private current = '';
  private range: SourceRange | undefined;
  private headingLevel: number | undefined;
  private note: ParagraphBlock['note'];
  private readonly noteCounts = { footnote: 0, endnote: 0 };
  private preDepth = 0;
  private script: 'sup' | 'sub' | undefined;

  constructor(private readonly withSource: boolean) {}

  walk(node: Node): void {
    if (node.nodeName === '#text') {
      const value = script((node as DefaultTreeAdapterTypes.TextNode).value, this.script);
      if (this.preDepth > 0 && value.includes('\n')) {
        const pieces = value.split(/\r\n|\r|\n/);
        pieces.forEach((piece, i) => {
          if (i > 0) this.lineBreak();
          this.current += piece;
        });
      } else {
        this.current += value;
      }
      if (this.withSource) this.range = merge(this.range, location(node));
      return;
    }
    if (!isElement(node)) {
      if ('childNodes' in node) for (const child of (node as ParentNode).childNodes) this.walk(child);
      return;
    }
    const tag = node.tagName;
    if (SKIPPED.has(tag) || isNoteLink(node)) return;
    if (tag === 'br') {
      this.lineBreak();
      return;
    }
    if (tag === 'table') {
      this.flush();
      this.blocks.push(readTable(node, this.withSource));
      return;
    }
    const children = node.childNodes;
    if (!BLOCK.has(tag)) {
      const saved = this.script;
      if (tag === 'sup' || tag === 'sub') this.script = tag;
      for (const child of children) this.walk(child);
      this.script = saved;
      return;
    }
    this.flush();
    const heading = HEADING.exec(tag);
    const kind = noteKind(node);
    const saved = { headingLevel: this.headingLevel, note: this.note };
    if (heading?.[1]) this.headingLevel = Number(heading[1]);
    if (kind) this.note = { kind, number: ++this.noteCounts[kind] };
    if (tag === 'pre') this.preDepth++;
    for (const child of children) this.walk(child);
    if (tag === 'pre') this.preDepth--;
    this.flush();
    this.headingLevel = saved.headingLevel;
    this.note = saved.note;
  }

  private lineBreak(): void {
    this.lines.push(this.current);
    this.current = '';
  }

  flush(): void {
    this.lineBreak();
    const lines = this.lines.map(collapse).filter((line) => line !== '');
    if (lines.length > 0) {
      const block: ParagraphBlock = { type: 'paragraph', lines };
      if (this.headingLevel) block.headingLevel = this.headingLevel;
      if (this.note) block.note = { ...this.note };
      if (this.range) block.source = this.range;
      this.blocks.push(block);
    }
    this.lines = [];
    this.current = '';
    this.range = undefined;
  }
}

/** The text of a cell: its paragraphs, line breaks and any nested table's cells, joined by `joinParts`. Tabs become spaces. */
function cellText(cell: Element): string {
  const parts: string[] = [];
  const spaced: boolean[] = [];
  let current = '';
  let space = false;
  let scriptKind: 'sup' | 'sub' | undefined;
  const cut = () => {
    const text = collapse(current);
    current = '';
    if (text === '') return;
    parts.push(text);
    spaced.push(space);
    space = false;
  };
  const visit = (node: Node): void => {
    if (node.nodeName === '#text') {
      current += script((node as DefaultTreeAdapterTypes.TextNode).value, scriptKind);
      return;
    }
    if (!isElement(node)) return;
    if (SKIPPED.has(node.tagName) || isNoteLink(node)) return;
    if (node.tagName === 'br') return cut();
    if (node.tagName === 'sup' || node.tagName === 'sub') {
      const saved = scriptKind;
      scriptKind = node.tagName;
      for (const child of node.childNodes) visit(child);
      scriptKind = saved;
      return;
    }
    const nestedCell = node.tagName === 'td' || node.tagName === 'th';
    const block = BLOCK.has(node.tagName) || nestedCell || node.tagName === 'table' || node.tagName === 'tr';
    if (block) cut();
    if (nestedCell) space = parts.length > 0;
    for (const child of node.childNodes) visit(child);
    if (block) cut();
  };
  for (const child of cell.childNodes) visit(child);
  cut();
  return joinParts(parts, spaced);
}

function spanValue(value: string | undefined, fallback: number, max: number): number {
  const n = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(n) || n < 0) return fallback;
  return Math.min(n, max);
}

/** Rows of a table element, not descending into nested tables. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const row of child.childNodes) if (isElement(row) && row.tagName === 'tr') rows.push(row);
    }
  }
  return rows;
}

function readTable(table: Element, withSource: boolean): TableBlock {
  const rowElements = tableRows(table);
  const occupied: boolean[][] = rowElements.map(() => []);
  const rows: TableCellBlock[][] = [];
  let columns = 0;
  rowElements.forEach((rowElement, r) => {
    const row: TableCellBlock[] = [];
    const taken = occupied[r] ?? [];
    let col = 0;
    for (const child of rowElement.childNodes) {
      if (!isElement(child) || (child.tagName !== 'td' && child.tagName !== 'th')) continue;
      while (taken[col]) col++;
      const colSpan = Math.max(1, spanValue(attr(child, 'colspan'), 1, 1000));
      // rowspan="0" spans to the end of the table.
      let rowSpan = spanValue(attr(child, 'rowspan'), 1, 65534);
      const remaining = rowElements.length - r;
      rowSpan = rowSpan === 0 ? remaining : Math.min(rowSpan, remaining);
      for (let rr = r; rr < r + rowSpan; rr++) {
        const line = occupied[rr];
        if (line) for (let cc = col; cc < col + colSpan; cc++) line[cc] = true;
      }
      const cell: TableCellBlock = { text: cellText(child), row: r, col, rowSpan, colSpan, header: child.tagName === 'th' };
      if (withSource) {
        const loc = location(child);
        if (loc) cell.source = loc;
      }
      row.push(cell);
      col += colSpan;
      columns = Math.max(columns, col);
    }
    rows.push(row);
  });
  const block: TableBlock = { type: 'table', rows, columns };
  const caption = table.childNodes.find((child): child is Element => isElement(child) && child.tagName === 'caption');
  if (caption) {
    const text = cellText(caption);
    if (text) block.caption = text;
  }
  if (withSource) {
    const loc = location(table);
    if (loc) block.source = loc;
  }
  return block;
}

/** HTML (a whole document, or a fragment with `fragment: true`) → paragraphs and tables in document order. */
export function htmlToBlocks(html: string, options: HtmlToBlocksOptions = {}): HtmlBlock[] {
  const parserOptions = { sourceCodeLocationInfo: options.sourceLocations === true };
  const root: ParentNode = options.fragment ? parseFragment(html, parserOptions) : parse(html, parserOptions);
  const collector = new Collector(options.sourceLocations === true);
  for (const child of root.childNodes) collector.walk(child);
  collector.flush();
  return collector.blocks;
}

// ---------------------------------------------------------------------------------------------
// Blocks → document lines and tables

/** `单位：万元` (also `金额单位：元`, `（单位：亿元）`): the money unit a caption gives a table. */
export const UNIT_CAPTION = /单位\s*[:：]\s*(亿元|万元|千元|元)/;

/** A line that is only a page number: `— 3 —`, `-3-`, `第 3 页`, `第3页 共12页`, `3/12`. */
export const PAGE_NUMBER_LINE = /^\s*(?:[—–\-－]+\s*\d{1,4}\s*[—–\-－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$/;

export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER_LINE.test(text);
}

/**
 * One line of a table row: cell texts joined by tabs, and each cell's [start, end) in it.
 * A cell's tabs and line breaks become spaces, so the tabs in the line are exactly the cell borders.
 */
export function tableRowLine(cells: readonly { text: string }[]): { text: string; spans: { start: number; end: number }[] } {
  let text = '';
  const spans: { start: number; end: number }[] = [];
  cells.forEach((cell, i) => {
    if (i > 0) text += '\t';
    const clean = cell.text.replace(/[\t\r\n]+/g, ' ');
    spans.push({ start: text.length, end: text.length + clean.length });
    text += clean;
  });
  return { text, spans };
}

/**
 * Where a line came from, for the caller's `locate`. All numbers are 1-based, as people count:
 * `paragraph` (the n-th paragraph), `line` (the line within a paragraph broken by `<br>`),
 * `table` (the n-th table of the document, i.e. `Table.index + 1`), `row` (the n-th row).
 */
export type BlockPlace =
  | { kind: 'paragraph'; paragraph: number; line: number; headingLevel?: number; note?: ParagraphBlock['note'] }
  | { kind: 'table-row'; table: number; row: number };

/** The usual human location for sources without pages: `第 12 段`, `表 2 第 3 行`, `脚注 1`. */
export function blockLocator(place: BlockPlace): string {
  if (place.kind === 'table-row') return `表 ${place.table} 第 ${place.row} 行`;
  if (place.note) return `${place.note.kind === 'footnote' ? '脚注' : '尾注'} ${place.note.number}`;
  return `第 ${place.paragraph} 段`;
}

export interface AppendBlocksOptions {
  /** Line number of the first appended line; default: one after the sink's last line. */
  firstLineNumber?: number;
  /** Document-wide 0-based index of the first appended table; default: the sink's table count. */
  firstTableIndex?: number;
  /** 1-based number of the first appended paragraph, for `locate`; default 1. */
  firstParagraph?: number;
  /** A human location for a line (sources without pages). */
  locate?: (place: BlockPlace) => string | undefined;
  /** Drop paragraphs that are only a page number (`— 3 —`). Default true. */
  dropPageNumbers?: boolean;
}

export interface LinesSink {
  lines: Line[];
  tables: Table[];
}

const TITLE_LIKE = /表|情况|明细|汇总|统计/;

/** Short and not a sentence: could be a table's title. */
function titleLike(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 60 && !/[。；;]$/.test(t) && TITLE_LIKE.test(t);
}

/**
 * Caption and unit for a table from the lines right above it: `单位：万元` gives the unit; a
 * short title line (`…自评表`) above it, or right above the table, gives the caption. A unit
 * line of kind `text` becomes kind `caption`; title lines keep their kind.
 */
export function captionFromLines(lines: Line[]): { caption?: string; unit?: string } {
  const last = lines.at(-1);
  if (!last || last.kind === 'table-row') return {};
  const result: { caption?: string; unit?: string } = {};
  const unit = UNIT_CAPTION.exec(last.text);
  if (unit?.[1]) {
    result.unit = unit[1];
    if (last.kind === 'text') last.kind = 'caption';
    // A line that is only the unit: the title above it, if any, is the caption.
    const before = lines.at(-2);
    if (last.text.replace(UNIT_CAPTION, '').replace(/[（(）)\s]/g, '').length === 0 && before && before.kind !== 'table-row' && titleLike(before.text)) {
      result.caption = before.text.trim();
    } else {
      result.caption = last.text.trim();
    }
    return result;
  }
  if (titleLike(last.text)) result.caption = last.text.trim();
  return result;
}

/**
 * Title and unit rows at the top of a table (spreadsheets put `XX表` and `单位：万元` in their
 * first rows, each the only filled cell of its row).
 */
function captionFromLeadingRows(table: TableBlock): { caption?: string; unit?: string } {
  const result: { caption?: string; unit?: string } = {};
  for (const row of table.rows.slice(0, 3)) {
    const filled = row.filter((cell) => cell.text !== '');
    if (filled.length !== 1) break;
    const only = filled[0]?.text ?? '';
    const unit = UNIT_CAPTION.exec(only);
    if (unit?.[1] && only.length <= 40) {
      result.unit = unit[1];
      break;
    }
    if (!result.caption && titleLike(only)) result.caption = only;
    else break;
  }
  return result;
}

/**
 * Append paragraphs and tables to a page (or any sink of lines and tables): each paragraph line
 * a Line, each table row a `table-row` Line whose cells point at their spans, each table a Table
 * with caption and unit from the lines above it.
 */
export function appendBlocks(sink: LinesSink, blocks: readonly HtmlBlock[], options: AppendBlocksOptions = {}): void {
  let lineNumber = options.firstLineNumber ?? (sink.lines.at(-1)?.number ?? 0) + 1;
  let tableIndex = options.firstTableIndex ?? sink.tables.length;
  let paragraph = (options.firstParagraph ?? 1) - 1;
  const dropPageNumbers = options.dropPageNumbers ?? true;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const lines = dropPageNumbers ? block.lines.filter((text) => !isPageNumberLine(text)) : block.lines;
      if (lines.length === 0) continue;
      paragraph++;
      lines.forEach((text, i) => {
        const line: Line = { number: lineNumber++, text: text.replace(/\t/g, ' '), kind: block.headingLevel ? 'heading' : 'text' };
        if (block.headingLevel) line.headingLevel = block.headingLevel;
        const place: BlockPlace = { kind: 'paragraph', paragraph, line: i + 1 };
        if (block.headingLevel) place.headingLevel = block.headingLevel;
        if (block.note) place.note = block.note;
        const locator = options.locate?.(place);
        if (locator) line.locator = locator;
        sink.lines.push(line);
      });
      continue;
    }
    const above = captionFromLines(sink.lines);
    const inside = captionFromLeadingRows(block);
    const table: Table = { index: tableIndex++, rows: [] };
    const ownCaption = block.caption ?? inside.caption ?? above.caption;
    if (ownCaption) table.caption = ownCaption;
    const tableUnit = (block.caption ? UNIT_CAPTION.exec(block.caption)?.[1] : undefined) ?? inside.unit ?? above.unit;
    if (tableUnit) table.unit = tableUnit;
    block.rows.forEach((row, r) => {
      const { text, spans } = tableRowLine(row);
      const line: Line = { number: lineNumber++, text, kind: 'table-row' };
      const locator = options.locate?.({ kind: 'table-row', table: table.index + 1, row: r + 1 });
      if (locator) line.locator = locator;
      sink.lines.push(line);
      table.rows.push(
        row.map((cell, c): Cell => {
          const span = spans[c] ?? { start: 0, end: 0 };
          return {
            text: cell.text,
            row: cell.row,
            col: cell.col,
            rowSpan: cell.rowSpan,
            colSpan: cell.colSpan,
            spans: cell.text === '' ? [] : [{ line: line.number, start: span.start, end: span.end }],
          };
        }),
      );
    });
    sink.tables.push(table);
  }
}
