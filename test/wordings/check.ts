/**
 * Runs a generated wording case through the whole pipeline (a markdown document, as `check` reads
 * a .md file) and says whether it came out right: a planted slip found by its rule with its operands
 * as evidence, a consistent case silent, and every stated figure's relation recomputed.
 */
import { analyzeCounting } from '../../analyzers/index.js';
import { evaluateRelation } from '../../analyzers/relation-check.js';
import { selfEvaluationTable } from '../../analyzers/self-evaluation.js';
import { textToDocument } from '../../extractors/text.js';
import { normalizeDocument } from '../../normalizers/index.js';
import type { Finding } from '../../model/finding.js';
import type { WordingCase } from './families.js';

export interface CaseOutcome {
  /** The slip was found by the right rule at the stated figure, with its operands as evidence. */
  found: boolean;
  /** Errors or warnings that are not the planted slip. */
  falseAlarms: Finding[];
  /** Stated figures whose relation the grammar recomputed. */
  recomputed: number;
  /** Figures the case says must not be checked (an operand's key disagrees) that were recomputed or reported anyway. */
  checkedAnyway: string[];
  findings: Finding[];
}

/** A figure's digits and sign: evidence of a listed figure (`226.50、98.30 万元`) prints without its unit. */
// Full-width digits (`１２３`), `％` and the minus sign `−` are the same figure once NFKC-normalized, as the reader does.
const compact = (raw: string) =>
  raw
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .replace(/[^\d.\-%]/g, '');

export function runCase(c: WordingCase): CaseOutcome {
  const document = normalizeDocument(textToDocument(c.text, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown'));
  const { findings } = analyzeCounting(document);
  const serious = findings.filter((f) => f.severity !== 'info');
  const matchesSlip = (f: Finding) =>
    Boolean(c.slip) &&
    f.ruleId === c.slip!.ruleId &&
    f.evidence.some((e) => e.role === (c.slip!.statedRole ?? 'stated') && compact(e.raw) === compact(c.slip!.statedRaw)) &&
    c.slip!.operandRaws.every((raw) => f.evidence.some((e) => compact(e.raw) === compact(raw)));
  const found = serious.some(matchesSlip);
  const slipFigures = new Set(c.slip ? [compact(c.slip.statedRaw), ...c.slip.operandRaws.map(compact)] : []);
  // A finding about the slipped figures by another rule (a sum that no longer holds) is the same slip seen twice.
  const falseAlarms = serious.filter((f) => !matchesSlip(f) && !f.evidence.some((e) => slipFigures.has(compact(e.raw))));
  const recomputedFigures = new Set(document.relations.filter((r) => evaluateRelation(r)).map((r) => compact(r.stated.raw)));
  // A score table's 得分 total is recomputed from its item scores (score-sum-mismatch) once the table is read with two or more.
  for (const view of document.tables) {
    const scored = selfEvaluationTable(document, view);
    if (scored?.total?.score && scored.rows.filter((row) => row.score && !row.part).length >= 2) recomputedFigures.add(compact(scored.total.score.raw));
  }
  // A `其中` list's total is recomputed from its parts by sum-mismatch (unless a relation of the grammar claims it).
  for (const breakdown of document.breakdowns) {
    if (!document.claimed.has(breakdown.total.figure.id) && breakdown.groups.some((group) => group.length >= 2)) recomputedFigures.add(compact(breakdown.total.figure.raw));
  }
  const recomputed = c.stated.filter((raw) => recomputedFigures.has(compact(raw))).length;
  const checkedAnyway = (c.unchecked ?? []).filter(
    (raw) => recomputedFigures.has(compact(raw)) || findings.some((f) => f.evidence.some((e) => e.role === 'stated' && compact(e.raw) === compact(raw))),
  );
  return { found, falseAlarms, recomputed, checkedAnyway, findings };
}
