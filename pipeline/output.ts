import type { OutputFact } from '../model/result.js';
import type { NormalizedDocument } from '../normalizers/index.js';
import { keyString } from '../normalizers/fact-key.js';

/** Facts as the JSON output shows them: one flat row per fact, value in the base unit. */
export function toOutputFacts(normalized: NormalizedDocument): OutputFact[] {
  const figures = new Map(normalized.figures.map((figure) => [figure.id, figure]));
  const facts: OutputFact[] = [];
  for (const fact of normalized.facts) {
    const figure = figures.get(fact.figureId);
    if (!figure) continue;
    facts.push({
      concept: fact.concept,
      value: figure.value,
      unit: figure.kind === 'amount' ? '元' : figure.unit,
      ...(figure.unit ? { printedUnit: figure.unit } : {}),
      raw: figure.raw,
      page: figure.location.page,
      line: figure.location.line,
      column: figure.location.column,
      ...(figure.location.locator ? { locator: figure.location.locator } : {}),
      ...(figure.confidence !== undefined ? { confidence: figure.confidence } : {}),
      scope: fact.scope,
      subject: fact.subject,
      label: fact.label,
      ...(fact.table?.id ? { tableId: fact.table.id } : {}),
      ...(fact.table?.title ? { table: fact.table.title } : {}),
      ...(fact.measure ? { measure: fact.measure } : {}),
      ...(fact.code ? { code: fact.code } : {}),
      key: keyString(fact.key),
    });
  }
  return facts;
}

interface Place {
  page: number;
  line: number;
  column?: number;
  locator?: string;
}

/** Where a fact or finding is, as users read it: `第 12 段` / `表 2 第 3 行` where the source has no pages (Word, workbooks), else `page:line`. */
export function placeOf(at: Place): string {
  return at.locator ?? `${at.page}:${at.line}`;
}

/**
 * The rules that dispute a figure: those of the error and warning findings whose evidence names
 * it (same place). A figure in a relation that does not hold is in doubt — the total, a part or
 * the share — so `export` does not give it as the document's income or expense without saying so.
 */
export function disputingRules(figure: Place & { column: number }, findings: readonly { ruleId: string; severity: string; evidence: readonly (Place & { column: number })[] }[]): string[] {
  const rules = new Set<string>();
  for (const finding of findings) {
    if (finding.severity === 'info') continue;
    if (finding.evidence.some((item) => item.page === figure.page && item.line === figure.line && item.column === figure.column && (item.locator ?? undefined) === (figure.locator ?? undefined))) {
      rules.add(finding.ruleId);
    }
  }
  return [...rules];
}
