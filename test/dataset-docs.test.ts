/**
 * docs/dataset.md is the data dictionary of `budgetlint export`: every exported column and every
 * concept a fact can have has an entry, and every entry is a column or concept that exists.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DocumentKindSchema, PublisherSourceSchema } from '../model/result.js';
import { CONCEPTS } from '../normalizers/concepts.js';
import { COLUMNS } from '../pipeline/store/export.js';

const page = readFileSync(new URL('../docs/dataset.md', import.meta.url), 'utf8');

/** The first cells (in backticks) of the table rows under a heading, up to the next heading. */
function entries(heading: string, level = '##'): string[] {
  const start = page.indexOf(`\n${level} ${heading}\n`);
  expect(start, `docs/dataset.md has a section “${level} ${heading}”`).toBeGreaterThanOrEqual(0);
  const end = page.indexOf('\n#', start + 1);
  const section = page.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]!);
}

/** Concepts that come from the tables and the outline, not from the label lexicon. */
// Made by the normalizers, not named in the concept lexicon: table cells, scores, and named items the grammar reads (previous-year facts).
const STRUCTURAL_CONCEPTS = ['table.cell', 'score.total', 'score.item', 'score.max', 'item'];

describe('docs/dataset.md', () => {
  const common = entries('Columns every table has');

  it('describes every column of every exported table, under the table or among the common ones', () => {
    for (const table of ['documents', 'facts', 'findings'] as const) {
      const documented = new Set([...common, ...entries(`\`${table}\``)]);
      const missing = COLUMNS[table].filter((column) => !documented.has(column));
      expect(missing, `columns of ${table} without an entry in docs/dataset.md`).toEqual([]);
    }
  });

  it('documents no column that is not exported', () => {
    for (const column of common) for (const table of ['documents', 'facts', 'findings'] as const) expect(COLUMNS[table]).toContain(column);
    for (const table of ['documents', 'facts', 'findings'] as const) {
      const stale = entries(`\`${table}\``).filter((column) => !COLUMNS[table].includes(column));
      expect(stale, `entries under ${table} that are not its columns`).toEqual([]);
    }
  });

  it('describes every concept, the score.* concepts among them', () => {
    const concepts = new Set([...CONCEPTS.map((entry) => entry.concept), ...STRUCTURAL_CONCEPTS]);
    const documented = entries('Concepts');
    expect([...concepts].filter((concept) => !documented.includes(concept))).toEqual([]);
    expect(documented.filter((concept) => !concepts.has(concept))).toEqual([]);
  });

  it('describes every kind of document and every source of department and region', () => {
    expect(entries('Kinds', '###').sort()).toEqual([...DocumentKindSchema.options].sort());
    expect(entries('Sources of department and region', '###').sort()).toEqual([...PublisherSourceSchema.options].sort());
  });

  it('gives an example row of the documents and facts tables with their own columns', () => {
    for (const table of ['documents', 'facts'] as const) {
      const start = page.indexOf(`\n## \`${table}\`\n`);
      const json = /```json\n(.*)\n```/.exec(page.slice(start))?.[1];
      const row = JSON.parse(json ?? '{}') as Record<string, unknown>;
      expect(Object.keys(row).length).toBeGreaterThan(10);
      expect(Object.keys(row).filter((column) => !COLUMNS[table].includes(column))).toEqual([]);
    }
  });
});
