/**
 * Markdown, plain text and HTML → Document.
 *
 * Markup is blanked out (replaced by spaces of the same length) rather than removed, so a
 * figure's column in a line is its column in the source file; the line number is the line
 * number in the file. Page-number footers (`— 3 —`, `-3-`, `第 3 页`) end a page.
 *
 * Tables are tab-separated or pipe rows (with or without the leading pipe), or — as web pages print
 * them — one cell per line (flat-table.ts finds those, their rows and header, before the lines are read).
 */
import type { Document, Line, Page, Table, Cell } from '../model/document.js';
import type { ExtractInput, ExtractOptions, ExtractResult } from './types.js';
import { isPageNumberLine, UNIT_CAPTION } from './html.js';
import { alignHeaderRows, findFlatTables, findLabelValueLists, type FlatTable } from './flat-table.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Share of characters that no real text has: replacement characters and C0 controls. */
function garbageShare(text: string): number {
  let bad = 0;
  let total = 0;
  for (const char of text) {
    total++;
    const code = char.codePointAt(0) ?? 0;
    if (char === '\uFFFD' || (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t')) bad++;
  }
  return total === 0 ? 1 : bad / total;
}

/** The page number a footer line states (`— 3 —`, `-3-`, `第 3 页`, `3/12`), if it is one (the shared pattern is html.ts's). */
function footerPageNumber(line: string): number | undefined {
  if (!isPageNumberLine(line)) return undefined;
  const digits = /\d{1,4}/.exec(line);
  return digits ? Number(digits[0]) : undefined;
}

/** Replace every match of `pattern` in `text` by `replacement` padded with spaces to the same length. */
function blank(text: string, pattern: RegExp, replacement: (match: string) => string = () => ''): string {
  return text.replace(pattern, (match) => {
    const substitute = replacement(match);
    return substitute + ' '.repeat(Math.max(0, match.length - substitute.length));
  });
}

const LATEX_SYMBOLS: [RegExp, string][] = [
  [/\\geq?\b|\\geqslant\b/g, '≥'],
  [/\\leq?\b|\\leqslant\b/g, '≤'],
  [/\\times\b/g, '×'],
  [/\\div\b/g, '÷'],
  [/\\cdot\b/g, '×'],
  [/\\%/g, '%'],
  [/\\neq\b/g, '≠'],
  [/\\approx\b/g, '≈'],
  [/\\left\b|\\right\b/g, ''],
  [/\\text\{|\\mathrm\{/g, ''],
];

/**
 * Markup → plain text of the same length: LaTeX commands become their symbol, `$`, `**`,
 * heading hashes, list bullets and HTML tags become spaces.
 */
export function blankMarkup(line: string, format: 'markdown' | 'text' | 'html'): { text: string; headingLevel?: number } {
  let text = line;
  let headingLevel: number | undefined;
  if (format === 'markdown') {
    const heading = /^(#{1,6})\s/.exec(text);
    if (heading?.[1]) {
      headingLevel = heading[1].length;
      text = ' '.repeat(heading[0].length) + text.slice(heading[0].length);
    }
    text = blank(text, /^\s*[-*+]\s(?=\S)/, () => '');
    text = blank(text, /\*\*|__/g);
    for (const [pattern, symbol] of LATEX_SYMBOLS) text = blank(text, pattern, () => symbol);
    text = blank(text, /\$/g);
    // LaTeX grouping braces left after \text{…}
    if (/[≥≤×÷]/.test(text)) text = blank(text, /[{}]/g);
  }
  text = blank(text, /<\/?[a-zA-Z][^<>]*>/g);
  text = text.replace(/&nbsp;|&amp;|&lt;|&gt;/g, (entity) => {
    const char = entity === '&nbsp;' ? ' ' : entity === '&amp;' ? '&' : entity === '&lt;' ? '<' : '>';
    return char + ' '.repeat(entity.length - 1);
  });
  return headingLevel ? { text, headingLevel } : { text };
}

function isTableRow(raw: string): 'tab' | 'pipe' | undefined {
  if (raw.includes('\t')) return 'tab';
  if (/^\s*\|.*\|\s*$/.test(raw)) return 'pipe';
  // `合计 | 2911.47 | 2706.86 |`: web pages often drop the leading pipe, never the trailing one.
  if (/^\s*[^|\s][^|]*\|.*\|\s*$/.test(raw)) return 'pipe';
  return undefined;
}

/** `單位:萬元` in a page printed in Traditional characters. */
const TRADITIONAL_UNIT_CAPTION = /單位\s*[:：]\s*(億元|萬元|千元|元)/;

/** A pipe-table row that only holds a title or a `单位：万元` caption in its first cell (`单位:万元 | ||||`). */
function captionRow(cells: Cell[]): string | undefined {
  const filled = cells.filter((cell) => cell.text !== '');
  if (filled.length !== 1 || filled[0] !== cells[0]) return undefined;
  const text = filled[0]!.text;
  if (UNIT_CAPTION.test(text) && text.length <= 40) return text;
  if (text.length <= 40 && /表\s*(?:[(（][^()（）]*[)）])?$/.test(text)) return text;
  return undefined;
}

function isPipeSeparator(raw: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(raw);
}


/** Split a table row line into cells with their spans; tabs or pipes separate cells. */
function splitCells(text: string, kind: 'tab' | 'pipe', rowIndex: number, lineNumber: number): Cell[] {
  const cells: Cell[] = [];
  let start = 0;
  let end = text.length;
  if (kind === 'pipe') {
    // A row without its leading pipe starts with its first cell.
    start = /^\s*\|/.test(text) ? text.indexOf('|') + 1 : 0;
    end = text.lastIndexOf('|');
  }
  const separator = kind === 'tab' ? '\t' : '|';
  let col = 0;
  let cellStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === separator) {
      const rawCell = text.slice(cellStart, i);
      const leading = rawCell.length - rawCell.trimStart().length;
      const trimmed = rawCell.trim();
      cells.push({
        text: trimmed,
        row: rowIndex,
        col,
        rowSpan: 1,
        colSpan: 1,
        spans: trimmed ? [{ line: lineNumber, start: cellStart + leading, end: cellStart + leading + trimmed.length }] : [],
      });
      col++;
      cellStart = i + 1;
    }
  }
  return cells;
}

export function textToDocument(text: string, input: { path: string; sha256: string }, format: 'markdown' | 'text' | 'html', encoding?: string): Document {
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const pages: Page[] = [];
  let page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
  let table: Table | undefined;
  let tableKind: 'tab' | 'pipe' | undefined;
  let tableCount = 0;
  let pendingUnit: string | undefined;
  let pendingCaption: string | undefined;
  let previousWasText = false;

  const closeTable = () => {
    if (table && table.rows.length > 0) {
      if (tableKind) alignHeaderRows(table);
      page.tables.push(table);
    }
    table = undefined;
  };
  const closePage = (footerNumber?: number) => {
    closeTable();
    if (footerNumber !== undefined && footerNumber > 0) page.number = Math.max(footerNumber, (pages.at(-1)?.number ?? 0) + 1);
    pages.push(page);
    page = { number: page.number + 1, lines: [], tables: [], source: 'text', notices: [] };
    previousWasText = false;
  };

  // Per line: its text without markup (same length), whether it is a table row or a page footer.
  const cleanedLines = rawLines.map((raw) => blankMarkup(raw, format));
  const rowKinds = rawLines.map((raw) => isTableRow(raw));
  const footers = rawLines.map((raw) => footerPageNumber(raw));
  // The next non-blank line after each line, found in one pass from the end.
  const nextFilled: (number | undefined)[] = new Array(rawLines.length);
  for (let i = rawLines.length - 1, next: number | undefined; i >= 0; i--) {
    nextFilled[i] = next;
    if (rawLines[i]!.trim() !== '') next = i;
  }
  // Tables printed one cell per line (web pages, converters): found before the lines are read.
  const flatTables: FlatTable[] = [];
  if (format !== 'html') {
    const texts = cleanedLines.map((c) => c.text);
    const blocked = rawLines.map((raw, i) => footers[i] !== undefined || cleanedLines[i]!.headingLevel !== undefined || (rowKinds[i] !== undefined && !/^\s*\|[\s|]*$/.test(raw)));
    flatTables.push(...findFlatTables(texts, blocked));
    flatTables.push(...findLabelValueLists(texts, blocked, flatTables));
    flatTables.sort((a, b) => a.first - b.first);
  }
  let flatIndex = 0;

  for (const [index, raw] of rawLines.entries()) {
    const lineNumber = index + 1;
    const flat = flatTables[flatIndex];
    if (flat && index >= flat.first) {
      if (index === flat.first) {
        closeTable();
        table = { index: tableCount++, rows: flat.rows };
        tableKind = undefined;
        if (pendingCaption) table.caption = pendingCaption;
        if (pendingUnit) table.unit = pendingUnit;
        if (flat.layout) table.layout = flat.layout;
        if (flat.unit && !table.unit) table.unit = flat.unit;
      }
      if (raw.trim() !== '') page.lines.push({ number: lineNumber, text: cleanedLines[index]!.text, kind: 'table-row' });
      previousWasText = false;
      if (index === flat.last) {
        closeTable();
        flatIndex++;
      }
      continue;
    }
    if (raw.trim() === '') {
      // A blank line inside a table (converters leave them where a page broke) does not end it.
      const next = nextFilled[index];
      if (!(table && tableKind && next !== undefined && rowKinds[next] && !(flatTables[flatIndex]?.first === next))) closeTable();
      if (previousWasText) {
        // A blank line ends a markdown paragraph: the line before does not continue (the normalizer may still join by text evidence).
        const last = page.lines.at(-1);
        if (last) delete last.continues;
      }
      previousWasText = false;
      continue;
    }
    const footer = footers[index];
    if (footer !== undefined) {
      closePage(footer);
      continue;
    }
    const rowKind = format === 'html' ? undefined : rowKinds[index];
    if (rowKind === 'pipe' && isPipeSeparator(raw)) continue;
    const { text: cleaned, headingLevel } = cleanedLines[index]!;
    const rowCells = rowKind ? splitCells(cleaned, rowKind, 0, lineNumber) : undefined;
    const titleCell = rowKind === 'pipe' && rowCells ? captionRow(rowCells) : undefined;
    if (titleCell !== undefined) {
      // A title or unit row above a pipe table (`单位:万元 | ||||`) is its caption, not its first row.
      closeTable();
      const unit = UNIT_CAPTION.exec(titleCell)?.[1];
      if (unit) pendingUnit = unit;
      else {
        pendingCaption = titleCell;
        pendingUnit = undefined;
      }
      page.lines.push({ number: lineNumber, text: cleaned, kind: unit ? 'caption' : 'text' });
      previousWasText = false;
      continue;
    }
    if (rowKind && rowCells) {
      // A pipe table right after a tab table (or the reverse) is another table.
      if (table && tableKind !== rowKind) closeTable();
      tableKind = rowKind;
      if (!table) {
        table = { index: tableCount++, rows: [] };
        if (pendingCaption) table.caption = pendingCaption;
        if (pendingUnit) table.unit = pendingUnit;
      }
      const rowIndex = table.rows.length;
      table.rows.push(rowCells.map((cell) => ({ ...cell, row: rowIndex })));
      page.lines.push({ number: lineNumber, text: cleaned, kind: 'table-row' });
      previousWasText = false;
      continue;
    }
    closeTable();
    const caption = UNIT_CAPTION.exec(cleaned) ?? TRADITIONAL_UNIT_CAPTION.exec(cleaned);
    if (caption?.[1]) {
      pendingUnit = caption[1].replace('萬', '万').replace('億', '亿');
    } else if (cleaned.trim().length <= 40 && /表|情况/.test(cleaned)) {
      pendingCaption = cleaned.trim();
      pendingUnit = undefined;
    }
    const line: Line = { number: lineNumber, text: cleaned, kind: headingLevel ? 'heading' : caption ? 'caption' : 'text' };
    if (headingLevel) line.headingLevel = headingLevel;
    if (previousWasText && format === 'markdown') {
      const last = page.lines.at(-1);
      if (last && last.kind === 'text') last.continues = true;
    }
    page.lines.push(line);
    previousWasText = line.kind === 'text';
  }
  closeTable();
  if (page.lines.length > 0 || pages.length === 0) pages.push(page);
  return {
    path: input.path,
    format,
    sha256: input.sha256,
    ...(encoding ? { encoding } : {}),
    pageNumbersKnown: pages.length > 1,
    pages,
    notices: [],
  };
}

export async function extractText(input: ExtractInput, _options: ExtractOptions): Promise<ExtractResult> {
  const { text, encoding } = decodeText(input.bytes);
  if (text.trim() === '') return { ok: false, error: { message: '文件没有文字内容', code: 'empty' } };
  if (garbageShare(text) > 0.05) {
    return { ok: false, error: { message: `不是可识别的报告文件：按 ${encoding.toUpperCase()} 解码后多为乱码`, code: 'not-a-report' } };
  }
  const isHtml = /^\s*(<!doctype html|<html)/i.test(text) || /\.html?$/i.test(input.path);
  if (isHtml) {
    const { htmlToDocument } = await import('./html-document.js');
    return { ok: true, document: await htmlToDocument(text, input, encoding) };
  }
  const format = /\.(md|markdown)$/i.test(input.path) || /^#{1,6}\s|\*\*|\$[^$\n]+\$/m.test(text) ? 'markdown' : 'text';
  return { ok: true, document: textToDocument(text, input, format, encoding) };
}
