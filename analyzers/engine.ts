/**
 * The rule engine, after ESLint: each rule has `meta` and `create(context)` returning a visitor;
 * the engine walks the normalized document, calls the visitors, and collects what they report.
 */
import type { Figure } from '../model/figure.js';
import type { Evidence, Finding, Severity } from '../model/finding.js';
import type { NormalizedDocument } from '../normalizers/index.js';
import type { Breakdown, Mention, Sentence } from '../normalizers/statements.js';
import type { TableView } from '../normalizers/tables.js';
import { locate, type TextUnit } from '../normalizers/text.js';
import { failedCheckOf, outcomeRecord, RelationTally, tallyRelations } from './check.js';

export interface RuleMeta {
  id: string;
  type: 'problem' | 'suggestion';
  /** Default severity: error for arithmetic rounding cannot explain, warning for probable problems, info for notes. */
  severity: Severity;
  /**
   * Default severities of single messages that differ from the rule's (a note among warnings).
   * A severity the user sets (`--rule id=level`) replaces these too.
   */
  messageSeverity?: Partial<Record<string, Severity>>;
  docs: { description: string; descriptionEn: string };
  /** Message templates with `{{placeholders}}`, by message id. */
  messages: Record<string, string>;
}

export interface EvidenceInput {
  role: string;
  figure: Figure;
}

export interface ReportDescriptor {
  messageId: string;
  data: Record<string, string>;
  /** The figure the finding points at (its location becomes the finding's)… */
  figure?: Figure;
  /** …or a place, for findings about text (a placeholder). */
  at?: { page: number; line: number; column: number; locator?: string };
  evidence: EvidenceInput[];
  actual?: string;
  expected?: string;
  /** False when the figures' scope is not stated plainly: the finding is at most an info. */
  scopeClear?: boolean;
  /** Report under another rule's id (a sum that holds after a 10⁴ rescale is a unit slip). */
  ruleId?: string;
  /**
   * The finding may come from something OCR did not read (an item, a cell): at most a warning
   * when the evidence was read by OCR, nothing changes on a text layer.
   */
  possibleOcrOmission?: boolean;
  /**
   * OCR figures the rule finds implausible whatever the engine's confidence (an item score above
   * its section's: a decimal point lost): named like low-confidence figures, at most a warning.
   */
  possibleOcrMisread?: Figure[];
  /** Reported from a grammar relation (relation-check.ts), not from an older reading of the text. */
  fromGrammar?: boolean;
}

/** Where a character of a text unit is, with the line's locator (`工作表“…”`, a cell) when it has one. */
export function placeIn(document: NormalizedDocument, unit: TextUnit, offset: number): { page: number; line: number; column: number; locator?: string } {
  const at: { page: number; line: number; column: number; locator?: string } = locate(unit, offset);
  const locator = document.document.pages.find((p) => p.number === at.page)?.lines.find((l) => l.number === at.line)?.locator;
  if (locator) at.locator = locator;
  return at;
}

export interface RuleContext {
  readonly document: NormalizedDocument;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleVisitor {
  document?(document: NormalizedDocument): void;
  unit?(unit: TextUnit): void;
  sentence?(sentence: Sentence): void;
  mention?(mention: Mention): void;
  breakdown?(breakdown: Breakdown): void;
  table?(table: TableView): void;
  /** Called once after the walk, for rules that compare across the document. */
  documentEnd?(document: NormalizedDocument): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitor;
}

/** OCR confidence below which a figure is treated as possibly misread. */
export const LOW_OCR_CONFIDENCE = 80;

export function fillTemplate(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? `{{${key}}}`);
}

function toEvidence(input: EvidenceInput): Evidence {
  const { figure } = input;
  const evidence: Evidence = {
    role: input.role,
    raw: figure.raw,
    value: figure.value,
    unit: figure.kind === 'amount' ? '元' : figure.unit,
    page: figure.location.page,
    line: figure.location.line,
    column: figure.location.column,
  };
  if (figure.location.locator) evidence.locator = figure.location.locator;
  if (figure.location.bbox) evidence.bbox = figure.location.bbox;
  if (figure.confidence !== undefined) evidence.confidence = figure.confidence;
  return evidence;
}

export interface RawFinding {
  rule: Rule;
  ruleId: string;
  descriptor: ReportDescriptor;
}

/**
 * Runs rules over a normalized document; returns findings sorted by page, line, column. With a
 * tally, every relation a rule checks is counted under that rule's id.
 */
export function runRules(rules: Rule[], document: NormalizedDocument, tally?: RelationTally): RawFinding[] {
  return tally ? tallyRelations(tally, () => walk(rules, document, tally)) : walk(rules, document);
}

function walk(rules: Rule[], document: NormalizedDocument, tally?: RelationTally): RawFinding[] {
  const raw: RawFinding[] = [];
  const visitors = rules.map((rule) => {
    const context: RuleContext = {
      document,
      report(descriptor) {
        raw.push({ rule, ruleId: descriptor.ruleId ?? rule.meta.id, descriptor });
      },
    };
    return rule.create(context);
  });
  // `as` names the rule whose visitor runs next, for the tally.
  const ids = rules.map((rule) => rule.meta.id);
  const as = tally ? (index: number) => { tally.current = ids[index]!; } : () => undefined;
  visitors.forEach((visitor, i) => { as(i); visitor.document?.(document); });
  for (const unit of document.units) visitors.forEach((visitor, i) => { if (visitor.unit) { as(i); visitor.unit(unit); } });
  for (const sentence of document.sentences) visitors.forEach((visitor, i) => { if (visitor.sentence) { as(i); visitor.sentence(sentence); } });
  for (const mention of document.mentions) visitors.forEach((visitor, i) => { if (visitor.mention) { as(i); visitor.mention(mention); } });
  for (const breakdown of document.breakdowns) visitors.forEach((visitor, i) => { if (visitor.breakdown) { as(i); visitor.breakdown(breakdown); } });
  for (const table of document.tables) visitors.forEach((visitor, i) => { if (visitor.table) { as(i); visitor.table(table); } });
  visitors.forEach((visitor, i) => { as(i); visitor.documentEnd?.(document); });
  return raw;
}

/** Turn a raw report into a finding: message, severity (OCR doubt and unclear scope lower it), evidence. */
export function toFinding(rawFinding: RawFinding, meta: RuleMeta, severity: Severity): Finding {
  const { descriptor } = rawFinding;
  // As in ESLint: a message id the rule does not declare, or a placeholder without data, is a bug in the rule.
  const template = meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`规则 ${rawFinding.ruleId} 报告了未声明的 messageId “${descriptor.messageId}”`);
  let message = fillTemplate(template, descriptor.data);
  const missing = /\{\{\s*(\w+)\s*\}\}/.exec(message);
  if (missing) throw new Error(`规则 ${rawFinding.ruleId} 的消息 “${descriptor.messageId}” 缺少占位符 ${missing[1]!} 的数据`);
  let finalSeverity = severity;
  const implausible = new Set(descriptor.possibleOcrMisread ?? []);
  const doubtful = descriptor.evidence.filter((e) => e.figure.confidence !== undefined && (e.figure.confidence < LOW_OCR_CONFIDENCE || implausible.has(e.figure)));
  if (doubtful.length > 0 && finalSeverity === 'error') {
    finalSeverity = 'warning';
    message += `（${doubtful.map((e) => e.figure.raw).join('、')} 可能为识别误差）`;
  }
  const readByOcr = descriptor.evidence.some((e) => e.figure.confidence !== undefined);
  if (descriptor.possibleOcrOmission && readByOcr && finalSeverity === 'error') {
    finalSeverity = 'warning';
    message += '（扫描页，可能为识别遗漏）';
  }
  if (descriptor.scopeClear === false && finalSeverity !== 'info') {
    finalSeverity = 'info';
    message += '（口径未明确，仅作提示）';
  }
  const at = descriptor.figure?.location ?? descriptor.at ?? { page: 1, line: 1, column: 1 };
  const finding: Finding = {
    ruleId: rawFinding.ruleId,
    severity: finalSeverity,
    message,
    messageId: descriptor.messageId,
    data: descriptor.data,
    page: at.page,
    line: at.line,
    column: at.column,
    evidence: descriptor.evidence.map(toEvidence),
  };
  if (at.locator) finding.locator = at.locator;
  // The check that failed for this figure with these operands: its typed outcome, for every formatter.
  const operands = descriptor.evidence.map((e) => e.figure);
  for (const stated of descriptor.figure ? [descriptor.figure, ...operands] : operands) {
    const outcome = failedCheckOf(stated, operands);
    if (!outcome) continue;
    finding.outcome = outcomeRecord(outcome, stated);
    break;
  }
  if (descriptor.actual !== undefined) finding.actual = descriptor.actual;
  if (descriptor.expected !== undefined) finding.expected = descriptor.expected;
  return finding;
}
