/**
 * Text cleanup and text units.
 *
 * A text unit is what figures are read from: a paragraph (lines joined where the source
 * wrapped them, across page breaks too) or one table cell. Every character of a unit maps
 * back to page, line and column through `pieces`.
 */
import type { BBox, Document, Line, Page } from '../model/document.js';
import { blankPinyin, simplifiedTable } from './script.js';

export interface UnitPiece {
  /** Offset of this piece in the unit's text. */
  offset: number;
  length: number;
  page: number;
  line: number;
  /** 0-based offset of the piece in the line's text. */
  lineOffset: number;
}

export interface TextUnit {
  id: number;
  kind: 'paragraph' | 'heading' | 'cell';
  /** Normalized text (same length as the source text it maps to, piece by piece). */
  text: string;
  pieces: UnitPiece[];
  headingLevel?: number;
  /** For a cell: table index and cell coordinates. */
  cell?: { table: number; row: number; col: number };
  /** The text was read by OCR (its first line is on a scanned page). */
  scanned?: boolean;
}

/**
 * Character-for-character normalization: full-width ASCII → ASCII (NFKC), ideographic space →
 * space, the minus sign → '-', Traditional characters → Simplified (script.ts), pinyin
 * annotations (`經(jīng)費`) blanked. Sentence punctuation (，：；！？) stays full-width: it
 * separates clauses and is never part of a number. Length is preserved so offsets stay valid.
 */
export function normalizeChars(text: string): string {
  let out = '';
  let simplified: Uint16Array | undefined;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code === 0x3000) out += ' ';
    else if (code === 0x2212 || code === 0xfe63) out += '-';
    else if (code >= 0xff01 && code <= 0xff5e && code !== 0xff0c && code !== 0xff1a && code !== 0xff1b && code !== 0xff01 && code !== 0xff1f && code !== 0xff08 && code !== 0xff09) {
      out += String.fromCharCode(code - 0xfee0);
    } else if (code === 0xa0) out += ' ';
    else if (code >= 0x3400 && code < 0xfb00) {
      // CJK (and, harmlessly, surrogates, which the table never maps): one table read.
      simplified ??= simplifiedTable();
      const target = simplified[code]!;
      out += target ? String.fromCharCode(target) : char;
    } else out += char;
  }
  return blankPinyin(out);
}

/**
 * Outline markers that start a heading or list item, with their rank:
 * 一、 > （一） > 1. > （1） > 1） > ①. `scannedOnly` markers are how OCR reads `①`–`⑳`
 * (`©`, `®`, `@@`, `G)`, `G@)`, `GD`, `(OF`) and `（一）` (`(—)`, `(=)`); in a text layer they
 * would be ordinary text.
 */
const OUTLINE_MARKERS: ReadonlyArray<{ pattern: RegExp; rank: number; scannedOnly?: boolean }> = [
  { pattern: /^\s*[一二三四五六七八九十]+、/, rank: 0 },
  { pattern: /^\s*[（(][一二三四五六七八九十]+[)）]/, rank: 1 },
  // `（一）` `（二）` as OCR reads them: `(—)`, `(=)`.
  { pattern: /^\s*[（(][=—–-]{1,3}[)）]/, rank: 1, scannedOnly: true },
  { pattern: /^\s*\d{1,2}\s*[.．、](?!\d)/, rank: 2 },
  { pattern: /^\s*[（(]\d{1,2}[)）]/, rank: 3 },
  // `1）` alone ranks below `（1）` when a report uses both; on a scan it is often `（1）` whose
  // bracket was lost. Between the two ranks it nests correctly either way.
  { pattern: /^\s*\d{1,2}[)）]/, rank: 3.5 },
  // `（1）` as OCR reads it: a digit-like letter in brackets (`(D)`, `(I)`).
  { pattern: /^\s*[（(][DIlOoQ|][)）]/, rank: 3, scannedOnly: true },
  { pattern: /^\s*[①-⑳]/, rank: 4 },
  // A fully bracketed `(RE)` is not among them: that is a misread seal `（公章）` or `（1）`.
  { pattern: /^\s*(?:[(（A-Z]?[©®@]{1,2}[)）]?|[A-Z]{1,2}[)）]|[(（][A-Z]{1,2}(?![)）A-Za-z])|[A-Z]{2}(?=\s))\s*(?=[\u4e00-\u9fa5])/, rank: 4, scannedOnly: true },
];

/** The marker an outline item starts with and its rank, if the text starts one. */
export function outlineMarker(text: string, scanned = false): { marker: string; rank: number } | undefined {
  for (const { pattern, rank, scannedOnly } of OUTLINE_MARKERS) {
    if (scannedOnly && !scanned) continue;
    const m = pattern.exec(text);
    if (m) return { marker: m[0], rank };
  }
  return undefined;
}

/** A name without the item number it is listed under: `2.设备购置` → `设备购置`, `（三）培训费` → `培训费`. */
export function withoutItemNumber(name: string): string {
  const marker = outlineMarker(name);
  return marker ? name.slice(marker.marker.length).trim() : name;
}

/** Form fields of a report's cover (`部门名称：…`, `填报日期：…`), each on its own line. */
const FIELD_LINE = /^(?:部门名称|单位名称|项目名称|主管部门|预算部门|预算单位|评价单位|评价年度|填报人|填报单位|填报日期|联系人|联系电话|报送日期|编制日期|所属[^：:]{0,10}|下属[^：:]{0,10}|[市县区省]级预算[^：:]{0,10})\s*[：:]/;
const TERMINAL = /[。！？；!?;：:]\s*$/;

function significantLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/**
 * Should line `a` run on into line `b`? The source's own `continues` flag decides first; then the
 * text: a number or unit cut in two always joins; otherwise a long line without closing
 * punctuation joins a next line that doesn't start a new outline item.
 */
export function shouldJoin(a: Line, b: Line, paragraph: string = a.text, scanned = false): boolean {
  if (a.kind !== 'text' || b.kind !== 'text') return false;
  // The paragraph so far, not just its last line: a widow line (`出`) still ends a long sentence.
  const left = normalizeChars(paragraph).trimEnd();
  const right = normalizeChars(b.text).trimStart();
  if (!left || !right) return false;
  // A number, decimal point or unit split by the break: `358.` + `84`, `万` + `元`, `占` + `50.92%`.
  if (/\d[.,]?$/.test(left) && /^[\d.]/.test(right)) return true;
  if (/[万亿千]$/.test(left) && /^元/.test(right)) return true;
  if (/(占|为|达|约|共|计)$/.test(left) && /^[-\d]/.test(right)) return true;
  if (/[其]$/.test(left) && /^中/.test(right)) return true;
  // `（详见附表` + `3），…`: a line that closes the bracket the paragraph left open goes on with it, though it starts like `3）`.
  const unclosed = (left.match(/[（(]/g)?.length ?? 0) > (left.match(/[）)]/g)?.length ?? 0);
  if (unclosed && /^[^（()）]{0,20}[）)]/.test(right)) return true;
  if (outlineMarker(right, scanned) || /^#/.test(right)) return false;
  // A numbered heading on its own line (`① 预算编制合理性`) is not run into the text below it.
  if (outlineMarker(left.replace(/^[#\s]+/, ''), scanned) && !/[，。；,;]/.test(left) && significantLength(left) <= 24) return false;
  // `部门名称：…`, `填报日期：…`: a form field starts a new line whatever the source says.
  if (FIELD_LINE.test(right) || FIELD_LINE.test(left)) return false;
  // A heading that ends in its score (`(4) 采购管理，该项指标自评分为 8 分`) ends there.
  if (/\d\s*分$/.test(left) && !/^[，。；、,;)）]/.test(right)) return false;
  if (a.continues) return true;
  if (TERMINAL.test(left)) return false;
  return significantLength(left) >= 15;
}

function unitFromLine(id: number, kind: TextUnit['kind'], page: Page, line: Line): TextUnit {
  const unit: TextUnit = {
    id,
    kind,
    text: normalizeChars(line.text),
    pieces: [{ offset: 0, length: line.text.length, page: page.number, line: line.number, lineOffset: 0 }],
  };
  if (page.source === 'ocr') unit.scanned = true;
  if (line.headingLevel) unit.headingLevel = line.headingLevel;
  return unit;
}

function appendLine(unit: TextUnit, page: number, line: Line): void {
  // Drop the wrap point's whitespace: `…万` + `  元` joins as `万元`.
  const left = unit.text.replace(/\s+$/, '');
  const trimmedStart = line.text.length - line.text.trimStart().length;
  const addition = normalizeChars(line.text.slice(trimmedStart));
  // Keep a space between two Latin words or two numbers that the break separated.
  const needsSpace = /[A-Za-z]$/.test(left) && /^[A-Za-z]/.test(addition);
  const removed = unit.text.length - left.length;
  // Shorten the last piece by what was trimmed.
  let toRemove = removed;
  while (toRemove > 0 && unit.pieces.length > 0) {
    const last = unit.pieces[unit.pieces.length - 1]!;
    const cut = Math.min(last.length, toRemove);
    last.length -= cut;
    toRemove -= cut;
    if (last.length === 0) unit.pieces.pop();
  }
  unit.text = left + (needsSpace ? ' ' : '');
  const offset = unit.text.length;
  if (needsSpace) unit.pieces.push({ offset: offset - 1, length: 1, page, line: line.number, lineOffset: Math.max(0, trimmedStart - 1) });
  unit.text += addition;
  unit.pieces.push({ offset, length: addition.length, page, line: line.number, lineOffset: trimmedStart });
}

/** Paragraph, heading and cell units of a document, in reading order. */
export function buildTextUnits(document: Document): TextUnit[] {
  const units: TextUnit[] = [];
  let open: { unit: TextUnit; line: Line } | undefined;
  const flush = () => {
    if (open) units.push(open.unit);
    open = undefined;
  };
  // Cells point at spans of table-row lines; a table continued across pages has spans on later pages.
  const cellsByLine = new Map<string, { table: number; row: number; col: number; start: number; end: number }[]>();
  for (const page of document.pages) {
    for (const table of page.tables) {
      for (const row of table.rows) {
        for (const cell of row) {
          for (const span of cell.spans) {
            const key = `${span.page ?? page.number}:${span.line}`;
            const list = cellsByLine.get(key) ?? [];
            list.push({ table: table.index, row: cell.row, col: cell.col, start: span.start, end: span.end });
            cellsByLine.set(key, list);
          }
        }
      }
    }
  }
  for (const page of document.pages) {
    for (const line of page.lines) {
      if (line.kind === 'table-row') {
        flush();
        const cells = (cellsByLine.get(`${page.number}:${line.number}`) ?? []).sort((a, b) => a.start - b.start);
        for (const cell of cells) {
          const text = normalizeChars(line.text.slice(cell.start, cell.end));
          const previous = units.at(-1);
          // A multi-line cell: the next span of the same cell continues the unit.
          if (previous?.kind === 'cell' && previous.cell?.table === cell.table && previous.cell.row === cell.row && previous.cell.col === cell.col) {
            previous.pieces.push({ offset: previous.text.length, length: text.length, page: page.number, line: line.number, lineOffset: cell.start });
            previous.text += text;
            continue;
          }
          units.push({
            id: 0,
            kind: 'cell',
            text,
            pieces: [{ offset: 0, length: text.length, page: page.number, line: line.number, lineOffset: cell.start }],
            cell: { table: cell.table, row: cell.row, col: cell.col },
          });
        }
        continue;
      }
      if (line.kind === 'heading' || line.kind === 'caption') {
        flush();
        units.push(unitFromLine(0, line.kind === 'heading' ? 'heading' : 'paragraph', page, line));
        continue;
      }
      if (open && shouldJoin(open.line, line, open.unit.text, page.source === 'ocr')) {
        appendLine(open.unit, page.number, line);
        open.line = line;
        continue;
      }
      flush();
      open = { unit: unitFromLine(0, 'paragraph', page, line), line };
    }
  }
  flush();
  units.forEach((unit, index) => (unit.id = index));
  return units;
}

export interface UnitLocation {
  page: number;
  line: number;
  /** 1-based column in the line. */
  column: number;
}

/** `text.lastIndexOf(char, at)`, looking no further back than `floor` (-1 when not there): a search bounded by its sentence, not the whole paragraph. */
export function lastIndexWithin(text: string, char: string, floor: number, at: number): number {
  for (let i = Math.min(at, text.length - 1); i >= Math.max(0, floor); i--) if (text[i] === char) return i;
  return -1;
}

/** Where a character of a unit is in the document. */
export function locate(unit: TextUnit, offset: number): UnitLocation {
  let chosen = unit.pieces[0];
  for (const piece of unit.pieces) {
    if (piece.offset <= offset) chosen = piece;
    else break;
  }
  if (!chosen) return { page: 1, line: 1, column: 1 };
  const within = Math.min(Math.max(0, offset - chosen.offset), Math.max(0, chosen.length));
  return { page: chosen.page, line: chosen.line, column: chosen.lineOffset + within + 1 };
}

/** The bbox of a span of a line, from the line's positioned segments, when the source has them. */
export function spanBBox(line: Line | undefined, start: number, end: number): BBox | undefined {
  if (!line?.segments?.length) return line?.bbox;
  let box: BBox | undefined;
  for (const segment of line.segments) {
    if (segment.end <= start || segment.start >= end) continue;
    const part = segmentPart(line.text, segment, Math.max(start, segment.start), Math.min(end, segment.end));
    box = box ? { x0: Math.min(box.x0, part.x0), y0: Math.min(box.y0, part.y0), x1: Math.max(box.x1, part.x1), y1: Math.max(box.y1, part.y1) } : part;
  }
  return box ?? line.bbox;
}

/** Wide (CJK, full-width) characters take about twice the advance of digits and Latin letters. */
const displayWidth = (char: string) => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1);

/**
 * The part of a horizontal segment's box that characters `from`…`to` of the line cover, by their
 * share of the segment's display width: `358.84` inside `358.84 万元，其中：` gets its own box, not the
 * whole run's. A segment taller than wide (vertical text) is kept whole.
 */
function segmentPart(text: string, segment: { start: number; end: number; bbox: BBox }, from: number, to: number): BBox {
  const { bbox } = segment;
  if (from <= segment.start && to >= segment.end) return { ...bbox };
  if (bbox.x1 - bbox.x0 < bbox.y1 - bbox.y0) return { ...bbox };
  let total = 0;
  let before = 0;
  let covered = 0;
  for (let i = segment.start; i < segment.end; i++) {
    const width = displayWidth(text[i] ?? ' ');
    total += width;
    if (i < from) before += width;
    else if (i < to) covered += width;
  }
  if (total === 0) return { ...bbox };
  const unit = (bbox.x1 - bbox.x0) / total;
  return { x0: bbox.x0 + before * unit, y0: bbox.y0, x1: bbox.x0 + (before + covered) * unit, y1: bbox.y1 };
}
