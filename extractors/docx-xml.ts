/**
 * What Word shows but mammoth does not read, put back into word/document.xml before mammoth
 * runs (fast-xml-parser, order-preserving round trip):
 *
 * - automatic numbering (`一、`, `（二）`, `1.`, `①` produced by a list or a numbered heading
 *   style): mammoth drops the number; it is computed here from numbering.xml and styles.xml
 *   and written into the paragraph as text;
 * - equations (OMML, `m:oMath`): mammoth ignores them; they become linear text (`(a+b)/c`);
 * - hidden text (`w:vanish`): Word does not show or print it; mammoth would read it; removed;
 * - table rows that start or end late (`w:gridBefore`/`w:gridAfter`) and rows or cells wrapped
 *   in content controls (`w:sdt`): mammoth counts cells by position, so its vertical merges
 *   and our grid columns would shift; the skipped grid columns become an empty spanning cell
 *   and the wrappers are removed.
 */
import type JSZip from 'jszip';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

type XNode = Record<string, unknown>;

const XML_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  suppressEmptyNode: true,
} as const;

function tagOf(node: XNode): string | undefined {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return undefined;
}

function kids(node: XNode | undefined): XNode[] {
  if (!node) return [];
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XNode[]) : [];
}

function attr(node: XNode | undefined, name: string): string | undefined {
  const attrs = node?.[':@'] as Record<string, string> | undefined;
  return attrs?.[`@_${name}`];
}

function child(node: XNode | undefined, tag: string): XNode | undefined {
  return kids(node).find((c) => tagOf(c) === tag);
}

function textOf(node: XNode): string {
  if (typeof node['#text'] === 'string') return node['#text'];
  return kids(node).map(textOf).join('');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function run(text: string): XNode {
  return { 'w:r': [{ 'w:t': [{ '#text': escapeXml(text) }], ':@': { '@_xml:space': 'preserve' } }] };
}

function isOn(element: XNode | undefined): boolean {
  if (!element) return false;
  const value = attr(element, 'w:val');
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

// --- numbering ------------------------------------------------------------------------------

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  suff: string;
  pStyle?: string;
  isLgl: boolean;
}

interface NumberingModel {
  abstracts: Map<string, Map<number, Level>>;
  /** numId → abstractNumId and per-level overrides. */
  nums: Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>;
  /** abstractNumId that only points at a numbering style (`w:numStyleLink`). */
  styleLinks: Map<string, string>;
}

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

function readLevel(lvl: XNode): Level {
  const level: Level = {
    start: Number(attr(child(lvl, 'w:start'), 'w:val') ?? '1') || 0,
    numFmt: attr(child(lvl, 'w:numFmt'), 'w:val') ?? 'decimal',
    lvlText: attr(child(lvl, 'w:lvlText'), 'w:val') ?? '',
    suff: attr(child(lvl, 'w:suff'), 'w:val') ?? 'tab',
    isLgl: child(lvl, 'w:isLgl') !== undefined,
  };
  const pStyle = attr(child(lvl, 'w:pStyle'), 'w:val');
  if (pStyle) level.pStyle = pStyle;
  return level;
}

function readNumbering(tree: XNode[]): NumberingModel {
  const model: NumberingModel = { abstracts: new Map(), nums: new Map(), styleLinks: new Map() };
  const root = tree.find((n) => tagOf(n) === 'w:numbering');
  for (const node of kids(root)) {
    const tag = tagOf(node);
    if (tag === 'w:abstractNum') {
      const id = attr(node, 'w:abstractNumId') ?? '';
      const levels = new Map<number, Level>();
      for (const lvl of kids(node)) if (tagOf(lvl) === 'w:lvl') levels.set(Number(attr(lvl, 'w:ilvl') ?? '0'), readLevel(lvl));
      model.abstracts.set(id, levels);
      const link = attr(child(node, 'w:numStyleLink'), 'w:val');
      if (link) model.styleLinks.set(id, link);
    } else if (tag === 'w:num') {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const override of kids(node)) {
        if (tagOf(override) !== 'w:lvlOverride') continue;
        const entry: { start?: number; level?: Level } = {};
        const start = attr(child(override, 'w:startOverride'), 'w:val');
        if (start !== undefined) entry.start = Number(start) || 0;
        const lvl = child(override, 'w:lvl');
        if (lvl) entry.level = readLevel(lvl);
        overrides.set(Number(attr(override, 'w:ilvl') ?? '0'), entry);
      }
      model.nums.set(attr(node, 'w:numId') ?? '', { abstractId: attr(child(node, 'w:abstractNumId'), 'w:val') ?? '', overrides });
    }
  }
  return model;
}

function readStyles(tree: XNode[]): { styles: Map<string, StyleInfo>; defaultParagraph?: string } {
  const styles = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  const root = tree.find((n) => tagOf(n) === 'w:styles');
  for (const style of kids(root)) {
    if (tagOf(style) !== 'w:style') continue;
    const id = attr(style, 'w:styleId') ?? '';
    const info: StyleInfo = {};
    const basedOn = attr(child(style, 'w:basedOn'), 'w:val');
    if (basedOn) info.basedOn = basedOn;
    const numPr = child(child(style, 'w:pPr'), 'w:numPr');
    const numId = attr(child(numPr, 'w:numId'), 'w:val');
    if (numId !== undefined) info.numId = numId;
    const ilvl = attr(child(numPr, 'w:ilvl'), 'w:val');
    if (ilvl !== undefined) info.ilvl = Number(ilvl);
    styles.set(id, info);
    if (attr(style, 'w:type') === 'paragraph' && ['1', 'true', 'on'].includes(attr(style, 'w:default') ?? '')) defaultParagraph = id;
  }
  return defaultParagraph ? { styles, defaultParagraph } : { styles };
}

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const LEGAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PARENTHESIZED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const FULLSTOP = '⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (`chineseCounting`). */
function chineseCounting(n: number, digits = CHINESE_DIGITS, units = ['', '十', '百', '千']): string {
  if (n <= 0) return digits[0] ?? '〇';
  if (n >= 10000) return String(n);
  const parts: string[] = [];
  const s = String(n);
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i] ?? '';
    if (d === 0) {
      zero = true;
      continue;
    }
    if (zero && parts.length > 0) parts.push(digits[0] ?? '');
    zero = false;
    // 十二, not 一十二.
    parts.push((d === 1 && unit === units[1] && i === 0 ? '' : (digits[d] ?? '')) + unit);
  }
  return parts.join('');
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

function letters(n: number): string {
  if (n <= 0) return '';
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function fromSeries(series: string, n: number): string {
  return [...series][n - 1] ?? String(n);
}

export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographLegalTraditional':
      return numFmt === 'ideographLegalTraditional' ? chineseCounting(n, LEGAL_DIGITS, ['', '拾', '佰', '仟']) : chineseCounting(n);
    case 'chineseLegalSimplified':
      return chineseCounting(n, LEGAL_DIGITS, ['', '拾', '佰', '仟']);
    case 'ideographDigital':
    case 'japaneseDigitalTenThousand':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => CHINESE_DIGITS[Number(d)] ?? d);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return fromSeries(CIRCLED, n);
    case 'decimalEnclosedParen':
      return fromSeries(PARENTHESIZED, n);
    case 'decimalEnclosedFullstop':
      return fromSeries(FULLSTOP, n);
    case 'ideographTraditional':
      return fromSeries(HEAVENLY_STEMS, n);
    case 'ideographZodiac':
      return fromSeries(EARTHLY_BRANCHES, n);
    default:
      return String(n);
  }
}

class Numberer {
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(
    private readonly model: NumberingModel,
    private readonly styles: Map<string, StyleInfo>,
    private readonly defaultStyle: string | undefined,
  ) {}

  private resolveAbstract(numId: string, seen = new Set<string>()): string | undefined {
    if (seen.has(numId)) return undefined;
    seen.add(numId);
    const abstractId = this.model.nums.get(numId)?.abstractId;
    if (abstractId === undefined) return undefined;
    const link = this.model.styleLinks.get(abstractId);
    if (!link) return abstractId;
    const linkedNum = this.styles.get(link)?.numId;
    return linkedNum ? this.resolveAbstract(linkedNum, seen) : abstractId;
  }

  private level(numId: string, abstractId: string, ilvl: number): Level | undefined {
    const override = this.model.nums.get(numId)?.overrides.get(ilvl);
    const level = override?.level ?? this.model.abstracts.get(abstractId)?.get(ilvl);
    if (!level) return undefined;
    return override?.start !== undefined ? { ...level, start: override.start } : level;
  }

  /** The number Word shows before this paragraph, with its separator; undefined when none. */
  prefix(pPr: XNode | undefined): string | undefined {
    let numId = attr(child(child(pPr, 'w:numPr'), 'w:numId'), 'w:val');
    let ilvlText = attr(child(child(pPr, 'w:numPr'), 'w:ilvl'), 'w:val');
    let styleId = attr(child(pPr, 'w:pStyle'), 'w:val') ?? this.defaultStyle;
    const paragraphStyle = styleId;
    const seen = new Set<string>();
    while ((numId === undefined || ilvlText === undefined) && styleId && !seen.has(styleId)) {
      seen.add(styleId);
      const style = this.styles.get(styleId);
      if (numId === undefined && style?.numId !== undefined) numId = style.numId;
      if (ilvlText === undefined && style?.ilvl !== undefined) ilvlText = String(style.ilvl);
      styleId = style?.basedOn;
    }
    if (numId === undefined || numId === '0') return undefined;
    const abstractId = this.resolveAbstract(numId);
    if (abstractId === undefined) return undefined;
    let ilvl = ilvlText !== undefined ? Number(ilvlText) : undefined;
    if (ilvl === undefined) {
      // A heading style linked from a level (`w:pStyle` in the level) takes that level.
      for (const [index, level] of this.model.abstracts.get(abstractId) ?? []) if (paragraphStyle && level.pStyle === paragraphStyle) ilvl = index;
    }
    ilvl ??= 0;
    const level = this.level(numId, abstractId, ilvl);
    if (!level || level.numFmt === 'bullet' || level.numFmt === 'none' || level.lvlText === '') return undefined;
    const hasStartOverride = [...(this.model.nums.get(numId)?.overrides.values() ?? [])].some((o) => o.start !== undefined);
    const key = hasStartOverride ? `num:${numId}` : `abstract:${abstractId}`;
    const counts = this.counters.get(key) ?? [];
    this.counters.set(key, counts);
    counts[ilvl] = counts[ilvl] === undefined ? level.start : (counts[ilvl] ?? 0) + 1;
    counts.length = ilvl + 1;
    const text = level.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const index = Number(d) - 1;
      const of = this.level(numId, abstractId, index);
      const value = counts[index] ?? of?.start ?? 1;
      return formatNumber(value, level.isLgl ? 'decimal' : (of?.numFmt ?? 'decimal'));
    });
    // Word puts a tab (or a space) after the number; keep a space only after Latin text (`1.`), not after `一、`, `（一）`, `①`.
    if (level.suff === 'nothing' || !/[\x21-\x7e]$/.test(text)) return text;
    return `${text} `;
  }
}

// --- equations ------------------------------------------------------------------------------

const OPERATOR = /[+\-−×÷*/=<>≤≥±\s]/;

function wrap(text: string): string {
  return OPERATOR.test(text) && !/^\(.*\)$/.test(text) ? `(${text})` : text;
}

/** OMML → one line of text: fractions `a/b`, powers `a^b`, roots `√(a)`, delimiters as printed. */
export function linearizeMath(node: XNode): string {
  const tag = tagOf(node);
  if (tag === undefined) return typeof node['#text'] === 'string' ? node['#text'] : '';
  const part = (name: string) => {
    const element = child(node, name);
    return element ? kids(element).map(linearizeMath).join('') : '';
  };
  switch (tag) {
    case 'm:t':
    case 'w:t':
      return textOf(node);
    case 'm:f':
      return `${wrap(part('m:num'))}/${wrap(part('m:den'))}`;
    case 'm:sSup':
      return `${part('m:e')}^${wrap(part('m:sup'))}`;
    case 'm:sSub':
      return `${part('m:e')}${part('m:sub')}`;
    case 'm:sSubSup':
      return `${part('m:e')}${part('m:sub')}^${wrap(part('m:sup'))}`;
    case 'm:rad': {
      const degree = part('m:deg');
      return `${degree ? `${degree}` : ''}√(${part('m:e')})`;
    }
    case 'm:d': {
      const properties = child(node, 'm:dPr');
      const begin = attr(child(properties, 'm:begChr'), 'm:val') ?? '(';
      const end = attr(child(properties, 'm:endChr'), 'm:val') ?? ')';
      const separator = attr(child(properties, 'm:sepChr'), 'm:val') ?? '|';
      const elements = kids(node).filter((c) => tagOf(c) === 'm:e').map((e) => kids(e).map(linearizeMath).join(''));
      return `${begin}${elements.join(separator)}${end}`;
    }
    case 'm:nary': {
      const symbol = attr(child(child(node, 'm:naryPr'), 'm:chr'), 'm:val') ?? '∫';
      return `${symbol}${part('m:sub')}${part('m:sup') ? `^${part('m:sup')}` : ''} ${part('m:e')}`;
    }
    case 'm:eqArr':
    case 'm:m':
      return kids(node)
        .filter((c) => !/Pr$/.test(tagOf(c) ?? ''))
        .map(linearizeMath)
        .join('; ');
    default:
      if (/Pr$/.test(tag)) return '';
      return kids(node).map(linearizeMath).join('');
  }
}

// --- the rewrite ----------------------------------------------------------------------------

export interface PrepareReport {
  /** Paragraphs given their automatic number as text. */
  numbered: number;
  equations: number;
  hiddenRuns: number;
  /** Table rows whose cells were realigned to the grid. */
  tableRows: number;
}

const WRAPPERS = new Set(['w:sdt', 'w:customXml']);

/** Children of a table or row with content-control wrappers replaced by what they wrap. */
function unwrap(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag && WRAPPERS.has(tag)) {
      const content = tag === 'w:sdt' ? kids(child(node, 'w:sdtContent')) : kids(node).filter((c) => tagOf(c) !== 'w:customXmlPr');
      out.push(...unwrap(content));
    } else {
      out.push(node);
    }
  }
  return out;
}

/** An empty cell spanning `span` grid columns. */
function placeholderCell(span: number): XNode {
  return { 'w:tc': [{ 'w:tcPr': [{ 'w:gridSpan': [], ':@': { '@_w:val': String(span) } }] }, { 'w:p': [] }] };
}

const PARAGRAPH_CONTAINERS = new Set(['w:p', 'w:hyperlink', 'w:ins', 'w:smartTag', 'w:sdtContent', 'w:customXml', 'w:fldSimple', 'm:oMathPara']);

/**
 * Rewrite word/document.xml in `zip` so that mammoth sees what Word shows. Returns what was
 * changed; leaves the package alone (and is cheap) when the document has none of it.
 */
export async function prepareDocx(zip: JSZip): Promise<PrepareReport> {
  const report: PrepareReport = { numbered: 0, equations: 0, hiddenRuns: 0, tableRows: 0 };
  const file = zip.file('word/document.xml');
  if (!file) return report;
  const xml = await file.async('string');
  const stylesXml = (await zip.file('word/styles.xml')?.async('string')) ?? '';
  const numberingXml = (await zip.file('word/numbering.xml')?.async('string')) ?? '';
  const mayNumber = numberingXml !== '' && (xml.includes('<w:numPr') || stylesXml.includes('<w:numPr'));
  const tableFixes = /<w:grid(?:Before|After)\b/.test(xml) || (xml.includes('<w:tbl>') && /<w:(?:sdt|customXml)\b/.test(xml));
  if (!mayNumber && !tableFixes && !xml.includes('<m:oMath') && !xml.includes('<w:vanish')) return report;

  const parser = new XMLParser(XML_OPTIONS);
  const tree = parser.parse(xml) as XNode[];
  let numberer: Numberer | undefined;
  if (mayNumber) {
    const { styles, defaultParagraph } = readStyles(parser.parse(stylesXml) as XNode[]);
    numberer = new Numberer(readNumbering(parser.parse(numberingXml) as XNode[]), styles, defaultParagraph);
  }

  const visit = (nodes: XNode[], parentTag: string | undefined): XNode[] => {
    const out: XNode[] = [];
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === undefined) {
        out.push(node);
        continue;
      }
      if (tag === 'm:oMathPara' || tag === 'm:oMath') {
        report.equations++;
        const text = linearizeMath(node).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        const replacement = run(text);
        out.push(parentTag && PARAGRAPH_CONTAINERS.has(parentTag) ? replacement : { 'w:p': [replacement] });
        continue;
      }
      if (tag === 'w:r' && isOn(child(child(node, 'w:rPr'), 'w:vanish'))) {
        report.hiddenRuns++;
        continue;
      }
      if (tableFixes && tag === 'w:tbl') node[tag] = unwrap(kids(node));
      if (tableFixes && tag === 'w:tr') {
        const cells = unwrap(kids(node));
        const trPr = child(node, 'w:trPr');
        const before = Number(attr(child(trPr, 'w:gridBefore'), 'w:val') ?? '0');
        const after = Number(attr(child(trPr, 'w:gridAfter'), 'w:val') ?? '0');
        const firstCell = cells.findIndex((c) => tagOf(c) === 'w:tc');
        if (before > 0) cells.splice(firstCell === -1 ? cells.length : firstCell, 0, placeholderCell(before));
        if (after > 0) cells.push(placeholderCell(after));
        if (before > 0 || after > 0 || cells.length !== kids(node).length) report.tableRows++;
        node[tag] = cells;
      }
      // Number the paragraph before what is inside it (a text box's paragraphs come after it).
      const prefix = tag === 'w:p' && numberer ? numberer.prefix(kids(node).find((c) => tagOf(c) === 'w:pPr')) : undefined;
      const children = node[tag];
      if (Array.isArray(children)) node[tag] = visit(children as XNode[], tag);
      if (prefix) {
        report.numbered++;
        const paragraphChildren = node[tag] as XNode[];
        const pPr = paragraphChildren.find((c) => tagOf(c) === 'w:pPr');
        paragraphChildren.splice(pPr ? paragraphChildren.indexOf(pPr) + 1 : 0, 0, run(prefix));
      }
      out.push(node);
    }
    return out;
  };
  const rewritten = visit(tree, undefined);
  if (report.numbered + report.equations + report.hiddenRuns + report.tableRows === 0) return report;
  zip.file('word/document.xml', new XMLBuilder(XML_OPTIONS).build(rewritten) as string);
  return report;
}
