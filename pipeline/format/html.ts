/**
 * The review report as HTML: an index of documents and, per document, its findings beside the
 * pages they point at, with a box over every evidence figure (or, for sources without pages,
 * the paragraph or table row with the figures marked).
 *
 * Self-contained and offline: no fetch, no CDN, no remote font. Every string that comes from a
 * document goes through `esc`; the page's Content-Security-Policy allows only its own nonce'd
 * script and style and `data:` or same-origin images, so nothing a document holds can run.
 * All state lives in the DOM (no embedded JSON), and boxes are SVG rects in page units, so no
 * style attribute is needed anywhere.
 */
import { randomBytes } from 'node:crypto';
import type { BBox, Document, Line } from '../../model/document.js';
import type { Evidence, Finding, Severity } from '../../model/finding.js';
import { KIND_NAME, type CoverageState } from '../../model/coverage.js';
import type { DecisionMark } from '../../model/decision.js';
import { incompletelyChecked, ledgerLine } from '../coverage/ledger.js';
import type { FileResult } from '../../model/result.js';
import { spanBBox } from '../../normalizers/text.js';
import { Decimal, plain, pow10 } from '../../normalizers/decimal.js';
import { SEVERITY_LABEL } from './summary.js';
import { generatorMeta } from '../generator-mark.js';

export interface ReportImage {
  page: number;
  /** `data:` URI (one-file report) or a relative path (a run's report folder). */
  src: string;
  width: number;
  height: number;
  /** Page size in the units of its bboxes (PDF points, image pixels). */
  unitsWidth: number;
  unitsHeight: number;
}

export interface ReportEntry {
  /** Letters, digits and `-` only: used in anchors and file names. */
  id: string;
  result: FileResult;
  /** The extracted document, when at hand: paragraphs for Word/markdown/text/HTML, and places for findings without figures. */
  document?: Document;
  images: ReportImage[];
  /** What the report could not show, in Chinese (source file gone, a page that did not render). */
  notices: string[];
  /** From the index to the document's page (a run's report); absent: the same file. */
  href?: string;
  /** This file holds the same content as the file at this path: listed in the index, its page is the first's. */
  copyOf?: string;
}

export interface ReportInfo {
  title: string;
  /** One line under the title (run number, date, “仅新发现”). */
  subtitle?: string;
  toolVersion: string;
}

const ROLE_LABEL: Record<string, string> = {
  total: '合计', whole: '总数', denominator: '分母', numerator: '分子', part: '分项', stated: '所述', restated: '重述',
  weight: '权重', score: '得分', max: '满分', previous: '上年', current: '本年', begin: '年初', end: '年末', income: '收入',
  expense: '支出', minuend: '被减数', subtrahend: '减数', operand: '运算数', change: '增减', reference: '参照', bound: '界限',
  suspect: '疑似', table: '表格', other: '其他', place: '位置',
};
/** Colour group of a role: the whole, its parts, what the text states, anything else. */
const ROLE_GROUP: Record<string, 'total' | 'part' | 'stated'> = {
  total: 'total', whole: 'total', denominator: 'total', max: 'total', end: 'total',
  part: 'part', numerator: 'part', weight: 'part', score: 'part', operand: 'part', minuend: 'part', subtrahend: 'part',
  income: 'part', expense: 'part', begin: 'part', change: 'part', current: 'part', previous: 'part',
  stated: 'stated', restated: 'stated', bound: 'stated', suspect: 'stated',
};
const DATA_LABEL: Record<string, string> = {
  parts: '分项', computed: '计算结果', total: '总数', totalLabel: '总数名称', gap: '差额', tolerance: '舍入容差', stated: '所述',
  part: '部分', whole: '整体', formula: '算式', reference: '参照', current: '本年', previous: '上年',
};

export function roleLabel(role: string): string {
  return ROLE_LABEL[role] ?? role;
}
export function roleGroup(role: string): 'total' | 'part' | 'stated' | 'other' {
  return ROLE_GROUP[role] ?? 'other';
}

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A finite number for an SVG attribute (stored records are data, not trusted markup). */
function num(value: unknown): string {
  const n = Number(value);
  return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0';
}

function hasPageImages(format: string | undefined): boolean {
  return format === 'pdf' || format === 'image';
}

/** `第 2 页第 19 行`, `第 12 段`, `第 19 行` (sources without pages). */
function placeText(loc: { page: number; line: number; locator?: string | undefined }, format: string | undefined): string {
  if (loc.locator) return loc.locator;
  return hasPageImages(format) ? `第 ${loc.page} 页第 ${loc.line} 行` : `第 ${loc.line} 行`;
}

function counts(result: FileResult): Record<Severity, number> {
  const out = { error: 0, warning: 0, info: 0 };
  for (const finding of result.findings) out[finding.severity]++;
  return out;
}

function regionText(result: FileResult): string {
  const region = result.meta.region;
  return [region?.province, region?.city, region?.county].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Findings: the arithmetic, the boxes, the paragraphs.

/** The arithmetic of a finding, as the rule's data gives it: expression = result, stated vs computed, gap and tolerance. */
export function arithmetic(finding: Finding): string[] {
  const d = finding.data;
  const lines: string[] = [];
  const expression = d.parts ?? d.formula ?? (d.part && d.whole ? `${d.part} / ${d.whole}` : undefined);
  const result = d.computed ?? finding.expected;
  if (expression && result) lines.push(`${expression} = ${result}`);
  if (finding.actual !== undefined && finding.expected !== undefined) lines.push(`文中 ${finding.actual} ≠ 应为 ${finding.expected}`);
  const { outcome } = finding;
  if (outcome) {
    // The typed recomputation: the ranges rounding allows on each side, in the base unit.
    // One place finer than the stated figure's rounding interval: enough to see the gap, no long quotients.
    const places = (plain(new Decimal(outcome.stated.lo).div(pow10(outcome.scale))).split('.')[1]?.length ?? 0) + 1;
    const shown = (value: string) => plain(new Decimal(value).div(pow10(outcome.scale)).toDecimalPlaces(places));
    const range = (r: { lo: string; hi: string }) => (r.lo === r.hi ? `${shown(r.lo)}${outcome.printedUnit}` : `[${shown(r.lo)}, ${shown(r.hi)}]${outcome.printedUnit}`);
    if (outcome.computed) lines.push(`计算区间 ${range(outcome.computed)}，所述区间 ${range(outcome.stated)}`);
    const difference = outcome.difference ? `差 ${shown(outcome.difference)}${outcome.printedUnit}（区间相距 ${shown(outcome.gap)}${outcome.printedUnit}）` : `区间相距 ${shown(outcome.gap)}${outcome.printedUnit}`;
    lines.push(`${difference}，舍入容差 ${shown(outcome.tolerance)}${outcome.printedUnit}${outcome.unitSlip ? `；${outcome.unitSlip.raw} 的单位按 ×10^${outcome.unitSlip.exponent} 计则成立` : ''}`);
    return lines;
  }
  const margin = [d.gap ? `差 ${d.gap}` : '', d.tolerance ? `舍入容差 ${d.tolerance}` : ''].filter(Boolean).join('，');
  if (margin) lines.push(margin);
  return lines;
}

interface Box {
  finding: string;
  role: string;
  label: string;
  page: number;
  bbox: BBox;
}

function lineOf(document: Document | undefined, page: number, line: number): Line | undefined {
  return document?.pages.find((p) => p.number === page)?.lines.find((l) => l.number === line);
}

function validBox(bbox: unknown): bbox is BBox {
  const b = bbox as BBox | undefined;
  return !!b && [b.x0, b.y0, b.x1, b.y1].every((v) => Number.isFinite(Number(v))) && Number(b.x1) > Number(b.x0) && Number(b.y1) > Number(b.y0);
}

/** The boxes of a finding: one per evidence figure with a bbox, else the place it points at (its line, from the document). */
function findingBoxes(finding: Finding, id: string, document: Document | undefined): Box[] {
  const boxes: Box[] = [];
  for (const evidence of finding.evidence) {
    if (validBox(evidence.bbox)) boxes.push({ finding: id, role: evidence.role, label: `${roleLabel(evidence.role)} ${evidence.raw}`, page: evidence.page, bbox: evidence.bbox });
  }
  if (boxes.length > 0) return boxes;
  const line = lineOf(document, finding.page, finding.line);
  const start = finding.column - 1;
  const length = finding.data.text?.length ?? finding.actual?.length ?? 1;
  const bbox = line ? spanBBox(line, start, start + Math.max(1, length)) : undefined;
  if (validBox(bbox)) boxes.push({ finding: id, role: 'place', label: roleLabel('place'), page: finding.page, bbox });
  return boxes;
}

/** End of a figure printed at `start` in `text`: the raw text matched, spaces ignored on both sides. */
function figureEnd(text: string, start: number, raw: string): number {
  let i = start;
  let j = 0;
  while (i < text.length && j < raw.length) {
    if (/\s/.test(raw[j]!)) { j++; continue; }
    if (/\s/.test(text[i]!) && i > start) { i++; continue; }
    if (text[i] !== raw[j]) break;
    i++;
    j++;
  }
  return Math.max(i, start + 1);
}

/** A line with the given spans marked (`<mark>`), tabs of a table row shown as cell rules. */
function markedLine(text: string, marks: { start: number; end: number; role: string; finding: string }[]): string {
  const sorted = [...marks].filter((m) => m.start < text.length).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  const plain = (s: string) => esc(s).replace(/\t/g, '<span class="tab"> │ </span>');
  for (const mark of sorted) {
    if (mark.start < at) continue;
    const end = Math.min(text.length, mark.end);
    out += plain(text.slice(at, mark.start));
    out += `<mark class="role-${roleGroup(mark.role)}" data-f="${mark.finding}" title="${esc(roleLabel(mark.role))}">${plain(text.slice(mark.start, end))}</mark>`;
    at = end;
  }
  return out + plain(text.slice(at));
}

/** The paragraph of a line: the lines joined to it by soft wraps (`continues`) on the same page. */
function paragraphOf(document: Document, page: number, line: number): Line[] {
  const lines = document.pages.find((p) => p.number === page)?.lines ?? [];
  const index = lines.findIndex((l) => l.number === line);
  if (index < 0) return [];
  let first = index;
  while (first > 0 && lines[first - 1]!.continues && first > index - 8) first--;
  let last = index;
  while (last < lines.length - 1 && lines[last]!.continues && last < index + 8) last++;
  return lines.slice(first, last + 1);
}

/** For sources without page images: the paragraphs and table rows a finding's figures stand in, figures marked. */
function findingContext(finding: Finding, id: string, document: Document | undefined, format: string | undefined): string {
  if (!document) return '';
  const places = new Map<string, { page: number; line: number }>();
  const add = (page: number, line: number) => places.set(`${page}:${line}`, { page, line });
  add(finding.page, finding.line);
  for (const evidence of finding.evidence) add(evidence.page, evidence.line);
  const shown = new Set<string>();
  const blocks: string[] = [];
  for (const place of [...places.values()].sort((a, b) => a.page - b.page || a.line - b.line)) {
    const lines = paragraphOf(document, place.page, place.line).filter((l) => !shown.has(`${place.page}:${l.number}`));
    if (lines.length === 0) continue;
    const rendered = lines.map((line) => {
      shown.add(`${place.page}:${line.number}`);
      const marks = finding.evidence
        .filter((e) => e.page === place.page && e.line === line.number)
        .map((e: Evidence) => ({ start: e.column - 1, end: figureEnd(line.text, e.column - 1, e.raw), role: e.role, finding: id }));
      return markedLine(line.text, marks);
    });
    const first = lines[0]!;
    const where = placeText({ page: place.page, line: first.number, ...(first.locator ? { locator: first.locator } : {}) }, format);
    const kind = first.kind === 'table-row' ? ' row' : '';
    blocks.push(`<div class="ctx${kind}"><span class="loc">${esc(where)}</span><p>${rendered.join('<br>')}</p></div>`);
  }
  return blocks.length ? `<div class="context">${blocks.join('')}</div>` : '';
}

function findingItem(finding: Finding, id: string, entry: ReportEntry, boxes: Box[]): string {
  const format = entry.result.format;
  const math = arithmetic(finding).map((line) => `<div>${esc(line)}</div>`).join('');
  const evidence = finding.evidence.length
    ? `<ul class="evidence">${finding.evidence.map((e) => `<li><span class="chip role-${roleGroup(e.role)}">${esc(roleLabel(e.role))}</span> ${esc(e.raw)} <span class="loc">${esc(placeText(e, format))}</span></li>`).join('')}</ul>`
    : '';
  const pages = [...new Set(boxes.map((b) => b.page))];
  const data = Object.entries(finding.data).map(([key, value]) => `<dt>${esc(DATA_LABEL[key] ?? key)}</dt><dd>${esc(value)}</dd>`).join('');
  return `<li class="finding f-${finding.severity}" id="${id}" tabindex="0" data-f="${id}" data-sev="${finding.severity}" data-rule="${esc(finding.ruleId)}" data-pages="${pages.join(' ')}"${decisionAttributes(finding, entry.result.path)}>
<div class="fhead"><span class="sev">${SEVERITY_LABEL[finding.severity]}</span> <span class="loc">${esc(placeText(finding, format))}</span> <code class="rule">${esc(finding.ruleId)}</code> <span class="dmark">${esc(finding.decision ? decisionText(finding.decision) : '')}</span></div>
<p class="msg">${esc(finding.message)}</p>
${math ? `<div class="math">${math}</div>` : ''}
${finding.actual !== undefined || finding.expected !== undefined ? `<div class="ae"><span>文中：<b>${esc(finding.actual ?? '—')}</b></span><span>应为：<b>${esc(finding.expected ?? '—')}</b></span></div>` : ''}
${evidence}
${hasPageImages(format) ? '' : findingContext(finding, id, entry.document, format)}
${data ? `<details class="data"><summary>数据</summary><dl>${data}</dl></details>` : ''}
${finding.fingerprint ? DECISION_CONTROLS : ''}
</li>`;
}

const STATE_TEXT = { confirmed: '已确认', dismissed: '已忽略（误报）', baseline: '已知（基线）' } as const;

/** `已忽略（误报）：理由 — 张三 2026-03-01`: a decision as the report shows it. */
function decisionText(mark: DecisionMark): string {
  const who = [mark.by, mark.at.slice(0, 10)].filter(Boolean).join(' ');
  return `${STATE_TEXT[mark.state]}${mark.reason ? `：${mark.reason}` : ''}${who ? ` — ${who}` : ''}`;
}

/** What the page's script needs to make a decision file entry: fingerprint, path, message; and the decision made so far. */
function decisionAttributes(finding: Finding, path: string): string {
  if (!finding.fingerprint) return '';
  const mark = finding.decision;
  return ` data-fp="${esc(finding.fingerprint)}" data-path="${esc(path)}" data-decision="${mark?.state ?? ''}"${mark?.reason ? ` data-reason="${esc(mark.reason)}"` : ''}${mark?.by ? ` data-by="${esc(mark.by)}"` : ''}${mark ? ` data-at="${esc(mark.at)}"` : ''}`;
}

/** 确认 / 忽略（误报）with its reason / 已知（基线）, and undo; the script keeps the choice on the finding's element. */
const DECISION_CONTROLS = `<div class="decide" role="group" aria-label="审阅决定"><button type="button" data-state="confirmed">确认</button><button type="button" data-state="dismissed">忽略（误报）</button><button type="button" data-state="baseline">已知（基线）</button><button type="button" data-state="">撤销</button><input type="text" class="reason" aria-label="忽略理由" placeholder="忽略理由（忽略时必填）"></div>`;

function pageFigure(entryId: string, image: ReportImage, boxes: Box[]): string {
  const rects = boxes.map((box) => {
    const { x0, y0, x1, y1 } = box.bbox;
    const pad = 1.5;
    const size = Math.max(6, image.unitsHeight * 0.011);
    return `<g class="box role-${roleGroup(box.role)}" data-f="${box.finding}" data-role="${esc(box.role)}"><rect x="${num(x0 - pad)}" y="${num(y0 - pad)}" width="${num(x1 - x0 + 2 * pad)}" height="${num(y1 - y0 + 2 * pad)}" rx="2" vector-effect="non-scaling-stroke"/><text x="${num(x0 - pad)}" y="${num(y0 - pad - 1.5)}" font-size="${num(size)}">${esc(box.label)}</text></g>`;
  }).join('');
  return `<figure class="page" id="${entryId}-p${image.page}" data-page="${image.page}">
<figcaption>第 ${image.page} 页</figcaption>
<div class="sheet"><img src="${esc(image.src)}" width="${image.width}" height="${image.height}" alt="第 ${image.page} 页" loading="lazy" decoding="async"><svg viewBox="0 0 ${num(image.unitsWidth)} ${num(image.unitsHeight)}" preserveAspectRatio="none" aria-hidden="true">${rects}</svg></div>
</figure>`;
}

const KIND_LABELS: Record<string, string> = {
  'self-evaluation-report': '绩效自评报告', 'self-evaluation-table': '绩效自评表', 'department-budget': '部门预算',
  'department-final-accounts': '部门决算', 'unit-budget': '单位预算', 'unit-final-accounts': '单位决算', other: '其他',
};
const LEVEL_LABELS: Record<string, string> = { department: '部门', unit: '单位', project: '项目' };

/** `部门决算（部门）`: what the document is and whose accounts. */
function documentKindLabel(meta: FileResult['meta']): string | undefined {
  if (!meta.kind) return undefined;
  return `${KIND_LABELS[meta.kind] ?? meta.kind}${meta.level ? `（${LEVEL_LABELS[meta.level] ?? meta.level}）` : ''}`;
}

function metaList(result: FileResult): string {
  const meta = result.meta;
  const rows: [string, string | undefined][] = [
    ['部门', meta.department], ['类别', documentKindLabel(meta)], ['标题', meta.title], ['地区', regionText(result) || undefined], ['地区代码', meta.region?.code],
    ['年度', meta.year !== undefined ? String(meta.year) : undefined], ['报送日期', meta.filingDate], ['自评得分', meta.selfScore],
    ['文件', result.path], ['格式', result.format], ['页数', result.pages !== undefined ? String(result.pages) : undefined], ['SHA-256', result.sha256],
  ];
  return `<dl class="meta">${rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<dt>${k}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

const STATE_LABEL: Record<CoverageState, string> = { consistent: '已核对，一致', inconsistent: '不一致', 'not-applicable': '不适用', undecidable: '无法判断', unreadable: '未读出' };

/** What was and was not checked: the ledger's line, and each family with its state and reason. */
function coverageBlock(result: FileResult): string {
  const coverage = result.coverage;
  if (!coverage) return '';
  const rows = coverage.families.map((family) => `<tr class="cov-${family.state}"><td>${esc(family.name)}</td><td>${esc(STATE_LABEL[family.state])}</td><td class="n">${family.checks}</td><td class="n">${family.findings}</td><td>${esc(family.reason ?? '')}</td></tr>`).join('');
  return `<details class="coverage"${incompletelyChecked(result) ? ' open' : ''}><summary>核对范围（${esc(KIND_NAME[coverage.kind])}）：${esc(ledgerLine(coverage))}</summary><div class="scroll"><table><thead><tr><th>核对项</th><th>结果</th><th>重算关系</th><th>发现</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function factsTable(result: FileResult): string {
  if (result.facts.length === 0) return '';
  const format = result.format;
  const rows = result.facts.map((fact) => `<tr><td>${esc(fact.concept)}</td><td>${esc(fact.subject.join(' / '))}</td><td class="n">${esc(fact.value)}</td><td>${esc(fact.unit)}</td><td>${esc(fact.raw)}</td><td>${esc(fact.label)}</td><td>${esc(placeText(fact, format))}</td></tr>`).join('');
  return `<details class="facts"><summary>事实（${result.facts.length} 项）</summary><div class="scroll"><table><thead><tr><th>概念</th><th>主体</th><th>数值</th><th>单位</th><th>原文</th><th>标签</th><th>位置</th></tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

function ruleOptions(results: FileResult[]): string {
  const rules = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  return rules.map((rule) => `<option value="${esc(rule)}">${esc(rule)}</option>`).join('');
}

const SEVERITY_OPTIONS = `<option value="">全部级别</option><option value="error">错误</option><option value="warning">警告</option><option value="info">提示</option>`;

/** Which findings by decision: by default those not dismissed or baseline. */
const DECISION_FILTER = `<select id="f-dec" aria-label="决定"><option value="open">未忽略</option><option value="undecided">仅未决定</option><option value="suppressed">已忽略 / 基线</option><option value="confirmed">已确认</option><option value="all">全部</option></select>`;

/** The reviewer's name (kept in the browser) and 下载决定: a budgetlint-decisions.json that check and decisions import read. */
const DECISION_TOOLS = `<span class="review"><input id="d-by" type="text" aria-label="审阅人" placeholder="审阅人"><button type="button" id="d-download">下载决定</button><span class="hint" id="d-count"></span></span>`;

function findingFilters(results: FileResult[]): string {
  return `<div class="filters" role="search"><select id="f-sev" aria-label="级别">${SEVERITY_OPTIONS}</select><select id="f-rule" aria-label="规则"><option value="">全部规则</option>${ruleOptions(results)}</select>${DECISION_FILTER}<span class="hint">j / k：下一条 / 上一条</span>${DECISION_TOOLS}</div>`;
}

/** One document: metadata, findings (with arithmetic, evidence, paragraphs) beside its page images, and its facts. */
function documentSection(entry: ReportEntry, heading: 'h1' | 'h2'): string {
  const { result } = entry;
  const boxesByFinding = result.findings.map((finding, i) => findingBoxes(finding, `${entry.id}-f${i + 1}`, entry.document));
  const items = result.findings.map((finding, i) => findingItem(finding, `${entry.id}-f${i + 1}`, entry, boxesByFinding[i]!)).join('');
  const allBoxes = boxesByFinding.flat();
  const figures = entry.images.map((image) => pageFigure(entry.id, image, allBoxes.filter((b) => b.page === image.page))).join('');
  const c = counts(result);
  const errors = result.errors.map((e) => `<li>${esc(e.message)}${e.code ? ` <code>${esc(e.code)}</code>` : ''}</li>`).join('');
  const notices = [...result.notices, ...entry.notices].map((n) => `<li>${esc(n)}</li>`).join('');
  const title = result.meta.department ? `${result.meta.department}${result.meta.year ? ` ${result.meta.year} 年度` : ''}` : result.path;
  return `<section class="doc" id="doc-${entry.id}" data-doc="${entry.id}">
<${heading}>${esc(title)}</${heading}>
<p class="counts"><span class="sev-error">${c.error} 个错误</span> · <span class="sev-warning">${c.warning} 个警告</span> · <span class="sev-info">${c.info} 个提示</span>${result.errors.length ? ` · <span class="sev-error">${result.errors.length} 个文件错误</span>` : ''}</p>
${metaList(result)}
${coverageBlock(result)}
${errors ? `<ul class="errors">${errors}</ul>` : ''}
${notices ? `<details class="notices"><summary>说明（${result.notices.length + entry.notices.length}）</summary><ul>${notices}</ul></details>` : ''}
<div class="doc-body${figures ? '' : ' no-pages'}">
<ol class="findings">${items || '<li class="none">没有发现</li>'}</ol>
${figures ? `<div class="pages">${figures}</div>` : ''}
</div>
${factsTable(result)}
</section>`;
}

function indexTable(entries: ReportEntry[]): string {
  const results = entries.map((e) => e.result);
  const regions = [...new Set(results.map(regionText).filter(Boolean))].sort();
  const years = [...new Set(results.map((r) => r.meta.year).filter((y): y is number => y !== undefined))].sort();
  const rows = entries.map((entry) => {
    const r = entry.result;
    const c = counts(r);
    const sevs = (['error', 'warning', 'info'] as const).filter((s) => c[s] > 0);
    if (r.errors.length) sevs.push('failed' as never);
    const href = entry.href ?? `#doc-${entry.id}`;
    const rules = [...new Set(r.findings.map((f) => f.ruleId))].join(' ');
    const dept = r.meta.department ?? '';
    return `<tr class="doc-row${entry.copyOf ? ' copy' : ''}" data-doc="${entry.id}" data-sev="${sevs.join(' ')}" data-rules="${esc(rules)}" data-region="${esc(regionText(r))}" data-year="${r.meta.year ?? ''}" data-dept="${esc(dept)}">
<td data-v="${esc(dept)}"><a href="${esc(href)}">${esc(dept || '（未识别部门）')}</a><div class="path">${esc(r.path)}</div>${entry.copyOf ? `<div class="copy">副本：与 ${esc(entry.copyOf)} 内容相同</div>` : ''}</td><td data-v="${esc(regionText(r))}">${esc(regionText(r) || '—')}</td><td class="n" data-v="${r.meta.year ?? ''}">${r.meta.year ?? '—'}</td><td class="n" data-v="${esc(r.meta.selfScore ?? '')}">${esc(r.meta.selfScore ?? '—')}</td><td class="n sev-error" data-v="${c.error}">${c.error}</td><td class="n sev-warning" data-v="${c.warning}">${c.warning}</td><td class="n sev-info" data-v="${c.info}">${c.info}</td><td class="n" data-v="${r.errors.length}">${r.errors.length}</td></tr>`;
  }).join('');
  const th = (label: string, key: number, numeric = false) => `<th><button type="button" class="sort" data-col="${key}"${numeric ? ' data-num="1"' : ''}>${label}</button></th>`;
  return `<div class="filters" role="search">
<input id="f-q" type="search" placeholder="搜索部门" aria-label="搜索部门">
<select id="f-sev" aria-label="级别">${SEVERITY_OPTIONS}<option value="failed">文件错误</option></select>
<select id="f-rule" aria-label="规则"><option value="">全部规则</option>${ruleOptions(results)}</select>
<select id="f-region" aria-label="地区"><option value="">全部地区</option>${regions.map((r) => `<option value="${esc(r)}">${esc(r)}</option>`).join('')}</select>
<select id="f-year" aria-label="年度"><option value="">全部年度</option>${years.map((y) => `<option value="${y}">${y}</option>`).join('')}</select>
<span class="hint" id="shown"></span>
${entries.some((entry) => entry.href === undefined) ? DECISION_FILTER + DECISION_TOOLS : ''}
</div>
<div class="scroll"><table class="index"><thead><tr>${th('部门', 0)}${th('地区', 1)}${th('年度', 2, true)}${th('自评分', 3, true)}${th('错误', 4, true)}${th('警告', 5, true)}${th('提示', 6, true)}${th('文件错误', 7, true)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

// ---------------------------------------------------------------------------------------------
// Pages.

const CSS = `
:root{--total:#d9480f;--part:#1971c2;--stated:#9c36b5;--other:#2b8a3e;--err:#c92a2a;--warn:#b7791f;--info:#1c7ed6;font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#f6f6f4}
body{margin:0;padding:0 16px 48px}
header.top{padding:12px 0;border-bottom:1px solid #ddd;margin-bottom:12px}
h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem}
.sub{color:#555;margin:0}
a{color:#1864ab}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0;position:sticky;top:0;background:#f6f6f4;padding:6px 0;z-index:5}
.filters input,.filters select{font:inherit;padding:4px 6px;max-width:100%}
.hint{color:#666;font-size:.85rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;background:#fff;font-size:.9rem}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
table.index{width:100%}
.path{color:#777;font-size:.78rem;word-break:break-all}
.copy{color:#777;font-size:.78rem;font-style:italic}
button.sort{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer}
button.sort[data-dir="asc"]::after{content:" ▲"}button.sort[data-dir="desc"]::after{content:" ▼"}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:.9rem;margin:.5rem 0}
dl.meta dt{color:#666}dl.meta dd{margin:0;word-break:break-all}
.doc-body{display:grid;grid-template-columns:minmax(300px,420px) minmax(0,1fr);gap:16px;align-items:start}
.doc-body.no-pages{grid-template-columns:minmax(0,1fr)}
ol.findings{list-style:none;margin:0;padding:0;position:sticky;top:48px;max-height:calc(100vh - 56px);overflow:auto}
.no-pages ol.findings{position:static;max-height:none}
li.finding{background:#fff;border:1px solid #ddd;border-left:4px solid #aaa;border-radius:4px;padding:8px 10px;margin:0 0 8px;cursor:pointer}
li.finding.f-error{border-left-color:var(--err)}li.finding.f-warning{border-left-color:var(--warn)}li.finding.f-info{border-left-color:var(--info)}
li.finding.f-error .sev{color:var(--err)}li.finding.f-warning .sev{color:var(--warn)}li.finding.f-info .sev{color:var(--info)}
li.finding.active{outline:3px solid #fab005;outline-offset:-1px}
li.finding:focus-visible{outline:3px solid #4dabf7}
.fhead{font-size:.85rem;display:flex;gap:8px;flex-wrap:wrap}.fhead .sev{font-weight:700}
.loc{color:#666;font-size:.82rem}
code.rule{color:#555}
.msg{margin:.3rem 0}
.math{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;background:#f1f3f5;padding:4px 6px;border-radius:3px;word-break:break-word}
.ae{display:flex;gap:16px;font-size:.9rem;margin:.3rem 0}
ul.evidence{margin:.3rem 0;padding-left:0;list-style:none;font-size:.85rem}
.chip{display:inline-block;color:#fff;border-radius:3px;padding:0 4px;font-size:.75rem}
.chip.role-total{background:var(--total)}.chip.role-part{background:var(--part)}.chip.role-stated{background:var(--stated)}.chip.role-other{background:var(--other)}
details.data{font-size:.8rem}details.data dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 8px;margin:.2rem 0}details.data dd{margin:0;word-break:break-word}
.context .ctx{background:#fffdf5;border:1px solid #eee;padding:4px 8px;margin:.3rem 0;font-size:.9rem}
.context .ctx p{margin:.2rem 0;white-space:pre-wrap;word-break:break-word}
.context .tab{color:#aaa}
mark{background:none;border-bottom:3px solid;padding:0 1px;font-weight:600}
mark.role-total{border-color:var(--total)}mark.role-part{border-color:var(--part)}mark.role-stated{border-color:var(--stated)}mark.role-other{border-color:var(--other)}
li.finding.active mark{background:#fff3bf}
.pages{display:flex;flex-direction:column;gap:16px;min-width:0}
figure.page{margin:0}figure.page figcaption{font-size:.85rem;color:#555;margin-bottom:2px}
.sheet{position:relative;display:inline-block;max-width:100%;box-shadow:0 1px 4px rgba(0,0,0,.2);background:#fff;line-height:0}
.sheet img{display:block;max-width:100%;height:auto}
.sheet svg{position:absolute;left:0;top:0;width:100%;height:100%;overflow:visible}
g.box rect{fill:none;stroke-width:1.5;opacity:.55}
g.box.role-total rect{stroke:var(--total)}g.box.role-part rect{stroke:var(--part)}g.box.role-stated rect{stroke:var(--stated)}g.box.role-other rect{stroke:var(--other)}
g.box text{display:none;paint-order:stroke;stroke:#fff;stroke-width:3px;font-family:system-ui,sans-serif}
g.box.role-total text{fill:var(--total)}g.box.role-part text{fill:var(--part)}g.box.role-stated text{fill:var(--stated)}g.box.role-other text{fill:var(--other)}
g.box.lit rect{stroke-width:3;opacity:1;fill:rgba(255,212,59,.22)}
g.box.lit text{display:inline}
.focus g.box:not(.lit){opacity:.25}
.decide{display:flex;flex-wrap:wrap;gap:4px;align-items:center;margin-top:6px;font-size:.8rem}
.decide button{font:inherit;padding:1px 6px;border:1px solid #bbb;border-radius:3px;background:#fff;cursor:pointer}
.decide input.reason{font:inherit;flex:1 1 10em;min-width:8em;padding:1px 4px}
.decide input.reason.need{outline:2px solid var(--err)}
li.finding[data-decision="confirmed"] .decide button[data-state="confirmed"],li.finding[data-decision="dismissed"] .decide button[data-state="dismissed"],li.finding[data-decision="baseline"] .decide button[data-state="baseline"]{background:#343a40;color:#fff;border-color:#343a40}
li.finding[data-decision="dismissed"],li.finding[data-decision="baseline"]{opacity:.7}
.dmark{color:#5f3dc4;font-weight:600}
.review{display:flex;gap:6px;align-items:center;margin-left:auto}
.review input{width:7em}
details.coverage{font-size:.88rem;margin:.4rem 0}details.coverage summary{cursor:pointer}
tr.cov-inconsistent td:nth-child(2){color:var(--err)}tr.cov-undecidable td:nth-child(2),tr.cov-unreadable td:nth-child(2){color:var(--warn)}tr.cov-not-applicable td{color:#888}
.hidden{display:none!important}
ul.errors{color:var(--err)}
details.facts{margin-top:16px}
@media (max-width:900px){.doc-body{grid-template-columns:minmax(0,1fr)}ol.findings{position:static;max-height:none}body{padding:0 8px 32px}}
`;

const SCRIPT = `
(function(){
  var $ = function(s, r){ return Array.prototype.slice.call((r || document).querySelectorAll(s)); };
  var val = function(id){ var e = document.getElementById(id); return e ? e.value : ''; };
  var active = null;
  function visibleFindings(){ return $('li.finding').filter(function(li){ return li.offsetParent !== null; }); }
  function apply(){
    var sev = val('f-sev'), rule = val('f-rule'), region = val('f-region'), year = val('f-year'), q = val('f-q').trim().toLowerCase();
    var shown = 0, rows = $('tr.doc-row');
    rows.forEach(function(tr){
      var ok = (!sev || (' ' + tr.dataset.sev + ' ').indexOf(' ' + sev + ' ') >= 0)
        && (!rule || (' ' + tr.dataset.rules + ' ').indexOf(' ' + rule + ' ') >= 0)
        && (!region || tr.dataset.region === region || tr.dataset.region.indexOf(region + ' ') === 0)
        && (!year || tr.dataset.year === year)
        && (!q || tr.dataset.dept.toLowerCase().indexOf(q) >= 0);
      tr.classList.toggle('hidden', !ok);
      if (ok) shown++;
      var section = document.getElementById('doc-' + tr.dataset.doc);
      if (section) section.classList.toggle('hidden', !ok);
    });
    var counter = document.getElementById('shown');
    if (counter) counter.textContent = '显示 ' + shown + ' / ' + rows.length + ' 份文件';
    var dec = val('f-dec') || 'open';
    $('li.finding').forEach(function(li){
      var state = li.dataset.decision || '', suppressed = state === 'dismissed' || state === 'baseline';
      var decided = dec === 'all' || (dec === 'open' && !suppressed) || (dec === 'undecided' && !state) || (dec === 'suppressed' && suppressed) || (dec === 'confirmed' && state === 'confirmed');
      var ok = decided && (!sev || sev === 'failed' || li.dataset.sev === sev) && (!rule || li.dataset.rule === rule);
      li.classList.toggle('hidden', !ok);
      $('g.box[data-f="' + li.dataset.f + '"]').forEach(function(g){ g.classList.toggle('hidden', !ok); });
    });
    if (active && active.classList.contains('hidden')) activate(null);
  }
  function activate(li, scroll){
    $('li.finding.active').forEach(function(e){ e.classList.remove('active'); });
    $('g.box.lit').forEach(function(g){ g.classList.remove('lit'); });
    document.body.classList.toggle('focus', !!li);
    active = li;
    if (!li) return;
    li.classList.add('active');
    var boxes = $('g.box[data-f="' + li.dataset.f + '"]');
    boxes.forEach(function(g){ g.classList.add('lit'); });
    if (scroll !== false) {
      li.scrollIntoView({ block: 'nearest' });
      if (boxes.length) boxes[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  }
  document.addEventListener('click', function(ev){
    var t = ev.target;
    if (!t.closest || t.closest('summary, a, button, select, input')) return;
    var li = t.closest('li.finding');
    if (li) activate(li);
  });
  document.addEventListener('keydown', function(ev){
    var tag = (ev.target && ev.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === 'Enter' && ev.target.classList && ev.target.classList.contains('finding')) { activate(ev.target); return; }
    if (ev.key !== 'j' && ev.key !== 'k') return;
    var list = visibleFindings();
    if (!list.length) return;
    var i = active ? list.indexOf(active) : -1;
    var next = ev.key === 'j' ? (i < 0 ? 0 : Math.min(list.length - 1, i + 1)) : (i < 0 ? 0 : Math.max(0, i - 1));
    activate(list[next]);
    list[next].focus({ preventScroll: true });
    ev.preventDefault();
  });
  $('button.sort').forEach(function(button){
    button.addEventListener('click', function(){
      var table = button.closest('table'), body = table.tBodies[0], col = Number(button.dataset.col), numeric = !!button.dataset.num;
      var dir = button.dataset.dir === 'asc' ? 'desc' : 'asc';
      $('button.sort', table).forEach(function(b){ delete b.dataset.dir; });
      button.dataset.dir = dir;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function(a, b){
        var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v, c;
        if (numeric) { var nx = x === '' ? -Infinity : Number(x), ny = y === '' ? -Infinity : Number(y); c = nx - ny; }
        else c = x.localeCompare(y, 'zh-Hans-CN');
        return dir === 'asc' ? c : -c;
      });
      rows.forEach(function(r){ body.appendChild(r); });
    });
  });
  // Decisions: kept on each finding's element (data-decision…) and in this browser's storage by fingerprint.
  var STORE = 'budgetlint-decisions', LABEL = { confirmed: '已确认', dismissed: '已忽略（误报）', baseline: '已知（基线）' };
  function saved(){ try { return JSON.parse(localStorage.getItem(STORE) || '{}') || {}; } catch (e) { return {}; } }
  function save(all){ try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) {} }
  function show(li){
    var mark = li.querySelector('.dmark'), d = li.dataset, who = [d.by || '', (d.at || '').slice(0, 10)].filter(Boolean).join(' ');
    if (mark) mark.textContent = d.decision ? LABEL[d.decision] + (d.reason ? '：' + d.reason : '') + (who ? ' — ' + who : '') : '';
    var reason = li.querySelector('input.reason');
    if (reason && document.activeElement !== reason) reason.value = d.reason || '';
  }
  function decide(li, state, reason){
    var d = li.dataset, all = saved();
    if (state) {
      d.decision = state; d.at = new Date().toISOString();
      var by = val('d-by').trim(); if (by) d.by = by; else delete d.by;
      if (reason) d.reason = reason; else delete d.reason;
      all[d.fp] = { state: state, reason: d.reason, by: d.by, at: d.at };
    } else {
      d.decision = ''; delete d.reason; delete d.by; delete d.at;
      all[d.fp] = { state: '', at: new Date().toISOString() };
    }
    save(all);
    show(li);
    count();
    apply();
  }
  function count(){
    var n = $('li.finding[data-fp]').filter(function(li){ return li.dataset.decision; }).length, e = document.getElementById('d-count');
    if (e) e.textContent = n ? n + ' 条已决定' : '';
  }
  function decisionsFile(){
    var list = $('li.finding[data-fp]').filter(function(li){ return li.dataset.decision; }).map(function(li){
      var d = li.dataset, msg = li.querySelector('.msg'), out = { fingerprint: d.fp, state: d.decision };
      if (d.reason) out.reason = d.reason;
      if (d.by) out.by = d.by;
      out.at = d.at || new Date().toISOString();
      out.ruleId = d.rule; out.path = d.path;
      if (msg) out.message = msg.textContent;
      return out;
    });
    var seen = {};
    list = list.filter(function(x){ if (seen[x.fingerprint]) return false; seen[x.fingerprint] = true; return true; });
    return JSON.stringify({ budgetlintDecisions: 1, decisions: list }, null, 2) + '\\n';
  }
  document.addEventListener('click', function(ev){
    var button = ev.target.closest && ev.target.closest('.decide button');
    if (!button) return;
    var li = button.closest('li.finding'), state = button.dataset.state, input = li.querySelector('input.reason');
    var reason = input ? input.value.trim() : '';
    if (state === 'dismissed' && !reason) { input.classList.add('need'); input.placeholder = '请先填写忽略理由'; input.focus(); return; }
    if (input) input.classList.remove('need');
    decide(li, state, state === 'dismissed' || state === 'confirmed' || state === 'baseline' ? reason : '');
  });
  document.addEventListener('keydown', function(ev){
    if (ev.key === 'Enter' && ev.target.classList && ev.target.classList.contains('reason') && ev.target.value.trim()) {
      ev.target.classList.remove('need');
      decide(ev.target.closest('li.finding'), 'dismissed', ev.target.value.trim());
    }
  });
  var download = document.getElementById('d-download');
  if (download) download.addEventListener('click', function(){
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([decisionsFile()], { type: 'application/json' }));
    a.download = 'budgetlint-decisions.json';
    document.body.appendChild(a); a.click(); a.remove();
  });
  var byInput = document.getElementById('d-by');
  if (byInput) {
    try { byInput.value = localStorage.getItem(STORE + '-by') || ''; } catch (e) {}
    byInput.addEventListener('input', function(){ try { localStorage.setItem(STORE + '-by', byInput.value); } catch (e) {} });
  }
  var kept = saved();
  $('li.finding[data-fp]').forEach(function(li){
    // What this browser decided since the report was made wins over the decision the report was made with.
    var k = kept[li.dataset.fp];
    if (k && li.dataset.at && String(k.at) <= li.dataset.at) k = null;
    if (k && !k.state) { li.dataset.decision = ''; delete li.dataset.reason; delete li.dataset.by; delete li.dataset.at; }
    else if (k && k.state) { li.dataset.decision = k.state; if (k.reason) li.dataset.reason = k.reason; else delete li.dataset.reason; if (k.by) li.dataset.by = k.by; else delete li.dataset.by; li.dataset.at = k.at; }
    show(li);
  });
  count();
  ['f-sev', 'f-rule', 'f-region', 'f-year', 'f-q', 'f-dec'].forEach(function(id){
    var e = document.getElementById(id);
    if (e) e.addEventListener('input', apply);
  });
  apply();
})();
`;

function page(info: ReportInfo, title: string, body: string): string {
  const nonce = randomBytes(16).toString('base64');
  // Only this page's own script and style run; images are data: URIs or files beside the page.
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data: 'self'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
${generatorMeta(info.toolVersion)}
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style nonce="${nonce}">${CSS}</style>
</head>
<body>
<header class="top"><h1>${esc(info.title)}</h1>${info.subtitle ? `<p class="sub">${esc(info.subtitle)}</p>` : ''}<p class="sub">budgetlint ${esc(info.toolVersion)}</p></header>
${body}
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/** `check --format html`: the index and every document in one file (images as data: URIs). */
export function formatHtmlReport(entries: ReportEntry[], info: ReportInfo): string {
  // One file needs no index; its findings still filter by severity and rule.
  const index = entries.length > 1 ? `<h2>文件（${entries.length}）</h2>${indexTable(entries)}` : findingFilters(entries.map((e) => e.result));
  return page(info, info.title, `${index}${entries.map((entry) => documentSection(entry, 'h2')).join('\n')}`);
}

/** A run's index page: the documents, linking to their pages. */
export function formatHtmlIndex(entries: ReportEntry[], info: ReportInfo): string {
  return page(info, info.title, `<h2>文件（${entries.length}）</h2>${indexTable(entries)}`);
}

/** A run's page for one document. */
export function formatHtmlDocument(entry: ReportEntry, info: ReportInfo, indexHref: string): string {
  const title = entry.result.meta.department ?? entry.result.path;
  return page(info, `${title} — ${info.title}`, `<p><a href="${esc(indexHref)}">← 返回文件列表</a></p>${findingFilters([entry.result])}${documentSection(entry, 'h2')}`);
}
