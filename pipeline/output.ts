import type { OutputFact } from '../model/result.js';
import type { NormalizedDocument } from '../normalizers/index.js';

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
      scope: fact.scope,
      subject: fact.subject,
      label: fact.label,
      ...(fact.table?.id ? { tableId: fact.table.id } : {}),
      ...(fact.table?.title ? { table: fact.table.title } : {}),
      ...(fact.measure ? { measure: fact.measure } : {}),
      ...(fact.code ? { code: fact.code } : {}),
    });
  }
  return facts;
}
