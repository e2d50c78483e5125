/**
 * The coverage ledger (model/coverage.ts), derived from what reading and the rules already
 * produced — the document's pages (which were not read), the tables recognized, the facts, the
 * relations each rule recomputed and the findings — without reading any text again.
 */
import { ruleEnabled, type RuleSettings } from '../../analyzers/index.js';
import type { Coverage, CoverageFamily, CoverageState, DocumentKind } from '../../model/coverage.js';
import type { Document } from '../../model/document.js';
import type { FileResult } from '../../model/result.js';
import type { DisclosureTableId } from '../../normalizers/disclosure.js';
import type { NormalizedDocument } from '../../normalizers/index.js';
import { selfEvaluationOf } from '../../normalizers/self-evaluation.js';

/** The nine tables a 部门决算 or 部门预算 discloses, with the names the ledger gives them. */
export const NINE_TABLES: [DisclosureTableId, string][] = [
  ['summary', '收支总表'], ['income', '收入表'], ['expense', '支出表'], ['fiscal-summary', '财政拨款收支总表'],
  ['general-expense', '一般公共预算财政拨款支出表'], ['general-basic', '一般公共预算财政拨款基本支出表'],
  ['fund', '政府性基金预算财政拨款表'], ['state-capital', '国有资本经营预算财政拨款表'], ['sangong', '“三公”经费表'],
];

/** Tables of amounts (not 绩效目标 or 自评 tables). */
const AMOUNT_TABLES = new Set<DisclosureTableId>(['summary', 'income', 'expense', 'fiscal-summary', 'fiscal-expense', 'fiscal-basic', 'general-expense', 'general-basic', 'fund', 'state-capital', 'sangong', 'running-cost', 'procurement']);

interface Family {
  id: string;
  name: string;
  rules: string[];
}

/** The families of checks, each with the rules that do them. */
export const FAMILIES: Family[] = [
  { id: 'tables', name: '九张公开表', rules: ['table-missing'] },
  { id: 'identities', name: '表内勾稽', rules: ['table-sum-mismatch'] },
  { id: 'cross-table', name: '表间一致', rules: ['cross-table-mismatch'] },
  { id: 'text-table', name: '文表一致', rules: ['text-table-mismatch'] },
  { id: 'sangong', name: '三公经费', rules: [] },
  { id: 'sums', name: '合计与收支平衡', rules: ['sum-mismatch', 'balance-mismatch', 'difference-mismatch', 'formula-mismatch'] },
  { id: 'growth', name: '增减与增长率', rules: ['growth-mismatch', 'comparison-words', 'direction-contradiction'] },
  { id: 'shares', name: '占比', rules: ['ratio-mismatch'] },
  { id: 'scores', name: '评分表', rules: ['score-sum-mismatch', 'score-exceeds-max', 'weights-sum'] },
  { id: 'year', name: '年度', rules: ['year-mismatch'] },
  { id: 'placeholders', name: '占位符与空项', rules: ['placeholder-value'] },
  { id: 'repeated', name: '同一数字前后一致', rules: ['repeated-figure-mismatch'] },
];

export interface LedgerInput {
  document: Document;
  normalized: NormalizedDocument;
  result: Pick<FileResult, 'findings' | 'facts' | 'meta' | 'errors'>;
  relationsByRule: Record<string, number>;
  rules?: RuleSettings;
}

/** What kind of document it is, from the tables recognized and the narrative around them. */
export function documentKind(normalized: NormalizedDocument): DocumentKind {
  const disclosures = normalized.tableModels.flatMap((model) => (model.disclosure ? [model.disclosure] : []));
  const amounts = disclosures.filter((table) => AMOUNT_TABLES.has(table.id));
  const selfEvaluation = disclosures.some((table) => table.id === 'self-evaluation');
  // Two disclosure tables, or one with little narrative around it (pages of a 决算's tables).
  if (amounts.length >= 2 || (amounts.length === 1 && !selfEvaluation && normalized.sentences.length < 15)) {
    const budget = amounts.filter((table) => table.basis === 'budget').length;
    const actual = amounts.filter((table) => table.basis === 'actual').length;
    if (budget > actual) return 'budget';
    if (actual > 0) return 'final-accounts';
    return /预算/.test(normalized.meta.title ?? '') && !/决算/.test(normalized.meta.title ?? '') ? 'budget' : 'final-accounts';
  }
  // A 自评表 is the table and little else: a report has paragraphs of narrative.
  if (selfEvaluation && normalized.sentences.length < 15) return 'self-evaluation-table';
  return 'self-evaluation-report';
}

/** Pages not read: scans left without OCR, pages that failed. */
export function unreadPages(document: Document, errors: FileResult['errors']): number[] {
  const pages = new Set<number>();
  for (const page of document.pages) if (page.needsOcr && page.source !== 'ocr') pages.add(page.number);
  for (const error of errors) if (error.page !== undefined) pages.add(error.page);
  return [...pages].sort((a, b) => a - b);
}

function pagesText(pages: number[]): string {
  return `第 ${pages.slice(0, 8).join('、')}${pages.length > 8 ? ' 等' : ''} 页`;
}

export function buildLedger(input: LedgerInput): Coverage {
  const { document, normalized, result } = input;
  const kind = documentKind(normalized);
  const unread = unreadPages(document, result.errors);
  const read: Coverage['read'] = unread.length === 0 ? 'full' : unread.length >= document.pages.length ? 'none' : 'partial';
  const found = new Set(normalized.tableModels.flatMap((model) => (model.disclosure ? [model.disclosure.id] : [])));
  const amountTables = [...found].filter((id) => AMOUNT_TABLES.has(id)).length;
  const disclosure = kind === 'final-accounts' || kind === 'budget';
  const percents = normalized.figures.some((figure) => figure.kind === 'percent' || figure.kind === 'points');
  const scores = normalized.figures.some((figure) => figure.kind === 'score') || found.has('self-evaluation');
  const sangongFacts = result.facts.filter((fact) => (fact.concept === 'sangong' && fact.scope.period !== 'previous') || fact.tableId === 'sangong');
  const unreadReason = unread.length ? `${pagesText(unread)}未读出` : '';

  const family = (spec: Family, decide: (checks: number, findings: number) => { state: CoverageState; reason?: string }): CoverageFamily => {
    const settings = input.rules ?? {};
    const findings = result.findings.filter((finding) => spec.rules.includes(finding.ruleId)).length;
    const checks = spec.rules.reduce((sum, rule) => sum + (input.relationsByRule[rule] ?? 0), 0);
    if (spec.rules.length > 0 && spec.rules.every((rule) => !ruleEnabled(rule, settings))) {
      return { id: spec.id, name: spec.name, state: 'not-applicable', checks, findings, reason: '规则未启用' };
    }
    let decided = findings > 0 ? { state: 'inconsistent' as CoverageState } : decide(checks, findings);
    // What could not be decided on a partly read file may be on the pages not read.
    if (decided.state === 'undecidable' && unread.length) decided = { state: 'unreadable', reason: `${decided.reason ? `${decided.reason}；` : ''}${unreadReason}` };
    return { id: spec.id, name: spec.name, state: decided.state, checks, findings, ...(decided.reason ? { reason: decided.reason } : {}) };
  };
  const byRelations = (applies: boolean, notApplicable: string, undecidable: string) => (checks: number) =>
    !applies ? { state: 'not-applicable' as const, reason: notApplicable } : checks > 0 ? { state: 'consistent' as const } : { state: 'undecidable' as const, reason: undecidable };
  const spec = (id: string) => FAMILIES.find((item) => item.id === id)!;
  const families: CoverageFamily[] = [
    family(spec('tables'), () => {
      if (!disclosure) return { state: 'not-applicable', reason: `${kindName(kind)}无公开表` };
      const missing = NINE_TABLES.filter(([id]) => !found.has(id)).map(([, name]) => name);
      return missing.length === 0 ? { state: 'consistent' } : { state: 'undecidable', reason: `${missing.slice(0, 3).join('、')}${missing.length > 3 ? ` 等 ${missing.length} 张` : ''}未读出` };
    }),
    family(spec('identities'), byRelations(amountTables > 0, '没有公开表', '表内无可核对的合计')),
    family(spec('cross-table'), byRelations(amountTables >= 2, '公开表不足两张', '表间无可比对的数字')),
    family(spec('text-table'), byRelations(amountTables > 0 && normalized.sentences.length > 0, '没有公开表或说明文字', '说明文字与表格无对应数字')),
    family(spec('sangong'), () => {
      if (kind === 'self-evaluation-table') return { state: 'not-applicable', reason: '自评表不含三公经费' };
      if (sangongFacts.length === 0) return disclosure ? { state: 'undecidable', reason: '三公经费表未读出' } : { state: 'not-applicable', reason: '未述及三公经费' };
      const places = new Set(sangongFacts.map((fact) => `${fact.page}:${fact.line}:${fact.column}:${fact.locator ?? ''}`));
      const disputed = result.findings.some((finding) => finding.severity !== 'info' && finding.evidence.some((item) => places.has(`${item.page}:${item.line}:${item.column}:${item.locator ?? ''}`)));
      if (disputed) return { state: 'inconsistent' };
      return sangongFacts.length >= 2 ? { state: 'consistent' } : { state: 'undecidable', reason: '只有一个三公经费数字，无可比对' };
    }),
    family(spec('sums'), byRelations(true, '', '未找到合计与分项')),
    family(spec('growth'), (checks) => (checks > 0 ? { state: 'consistent' } : percents ? { state: 'undecidable', reason: '增减表述缺少可核对的两期数字' } : { state: 'not-applicable', reason: '未述及增减' })),
    family(spec('shares'), (checks) => (checks > 0 ? { state: 'consistent' } : percents ? { state: 'undecidable', reason: '百分数缺少可核对的分子或分母' } : { state: 'not-applicable', reason: '未述及占比' })),
    family(spec('scores'), (checks) => {
      if (disclosure && !found.has('self-evaluation')) return { state: 'not-applicable', reason: `${kindName(kind)}无评分表` };
      // The 自评表 as read (normalizers/self-evaluation): a form exported before it was filled in has nothing to check.
      const scoreTables = normalized.tableModels.flatMap((model) => selfEvaluationOf(model) ?? []);
      if (checks === 0 && scoreTables.length > 0 && scoreTables.every((table) => table.unfilled)) return { state: 'undecidable', reason: '自评表未填写，分值和得分无从核对' };
      if (checks > 0 || scoreTables.length > 0) return { state: 'consistent' };
      return found.has('self-evaluation') ? { state: 'undecidable', reason: '自评表的分值和得分未读出' } : scores ? { state: 'undecidable', reason: '分值无法对应到评分表' } : { state: 'undecidable', reason: '评分表未读出' };
    }),
    family(spec('year'), () => (result.meta.year !== undefined ? { state: 'consistent' } : { state: 'undecidable', reason: '未识别评价年度' })),
    family(spec('placeholders'), () => ({ state: 'consistent' })),
    family(spec('repeated'), () => ({ state: 'consistent' })),
  ];
  // Nothing read: not even whether a family applies is known.
  if (read === 'none') for (const item of families) Object.assign(item, { state: 'unreadable', reason: unreadReason });
  return { kind, read, unreadPages: unread, families };
}

function kindName(kind: DocumentKind): string {
  return { 'self-evaluation-report': '绩效自评报告', 'self-evaluation-table': '自评表', 'final-accounts': '部门决算', budget: '部门预算' }[kind];
}

/** Families counted as checked: consistent or inconsistent. */
export function checkedFamilies(coverage: Coverage): number {
  return coverage.families.filter((family) => family.state === 'consistent' || family.state === 'inconsistent').length;
}

/**
 * One line per file: `已核对 8 项（不一致 2）；不适用 3；无法判断 1（三公经费：三公经费表未读出）；部分页面未读出（第 3 页）`.
 * A file where nothing could be checked says so plainly.
 */
export function ledgerLine(coverage: Coverage): string {
  const of = (state: CoverageState) => coverage.families.filter((family) => family.state === state);
  const reasons = (items: CoverageFamily[]) => items.map((item) => `${item.name}：${item.reason ?? ''}`).join('；');
  const checked = checkedFamilies(coverage);
  const inconsistent = of('inconsistent').length;
  const parts = [
    checked > 0 ? `已核对 ${checked} 项${inconsistent ? `（不一致 ${inconsistent}）` : ''}` : '没有可核对的内容，未核对任何一项',
    of('not-applicable').length ? `不适用 ${of('not-applicable').length}` : '',
    of('undecidable').length ? `无法判断 ${of('undecidable').length}（${reasons(of('undecidable'))}）` : '',
    of('unreadable').length ? `未读出 ${of('unreadable').length}（${reasons(of('unreadable'))}）` : '',
    coverage.read === 'partial' ? `部分页面未读出（${pagesText(coverage.unreadPages)}），只核对了已读出的页面` : '',
    coverage.read === 'none' ? `页面均未读出（${pagesText(coverage.unreadPages)}）` : '',
  ].filter(Boolean);
  return parts.join('；');
}

/** A file that was not wholly checked: partly read, or nothing checkable. `--fail-on-file-error` counts it. */
export function incompletelyChecked(result: Pick<FileResult, 'coverage'>): boolean {
  const coverage = result.coverage;
  return coverage !== undefined && (coverage.read !== 'full' || checkedFamilies(coverage) === 0);
}
