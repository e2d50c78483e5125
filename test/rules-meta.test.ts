/**
 * Every registered rule is documented and tested: docs/rules/<id>.md with examples that run as
 * written (the `fires` output is what `budgetlint check --only <id>` prints today, the `quiet`
 * text gives no finding of the rule), test/rules/<id>.test.ts, a line in docs/rules/README.md;
 * and the registry is sorted with complete meta.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../analyzers/registry.js';
import { SeveritySchema } from '../model/finding.js';
import { lintRule } from './helpers/lint.js';
import { commandFor, DOCS_DIR, parseExamples, renderCheck } from './helpers/rule-docs.js';

const TESTS_DIR = fileURLToPath(new URL('./rules/', import.meta.url));
const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;
const CJK = /[\u4e00-\u9fff]/;

describe('the registry', () => {
  it('has every rule once, sorted by id', () => {
    const ids = rules.map((rule) => rule.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(13);
  });

  for (const { meta } of rules) {
    it(`${meta.id}: meta is complete`, () => {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(['problem', 'suggestion']).toContain(meta.type);
      expect(SeveritySchema.options).toContain(meta.severity);
      expect(meta.docs.description).toMatch(CJK);
      expect(meta.docs.descriptionEn.trim().length).toBeGreaterThan(20);
      expect(meta.docs.descriptionEn).toMatch(/^[A-Z]/);
      const messages = Object.entries(meta.messages);
      expect(messages.length).toBeGreaterThan(0);
      for (const [id, template] of messages) {
        expect(id).toMatch(/^[a-z][A-Za-z]*$/);
        expect(template).toMatch(CJK);
        // Placeholders are well formed: every `{{` closes.
        expect(template.match(/\{\{/g)?.length ?? 0).toBe(template.match(/\{\{\s*\w+\s*\}\}/g)?.length ?? 0);
      }
    });
  }
});

describe('docs/rules/README.md', () => {
  const index = existsSync(`${DOCS_DIR}README.md`) ? readFileSync(`${DOCS_DIR}README.md`, 'utf8') : '';
  it('exists', () => expect(index).not.toBe(''));
  for (const { meta } of rules) {
    it(`lists ${meta.id} with its default severity and description`, () => {
      const row = index.split('\n').find((line) => line.startsWith(`| [\`${meta.id}\`](${meta.id}.md) |`));
      expect(row, `no row for ${meta.id}`).toBeDefined();
      expect(row).toContain(`| \`${meta.severity}\` |`);
      expect(row).toContain(meta.docs.description);
    });
  }
  it('lists no rule that is not registered', () => {
    const listed = [...index.matchAll(/^\| \[`([a-z-]+)`\]/gm)].map((m) => m[1]);
    expect(listed).toEqual(rules.map((rule) => rule.meta.id));
  });
});

for (const { meta } of rules) {
  const id = meta.id;
  describe(`${id}: docs and tests`, () => {
    it(`has test/rules/${id}.test.ts with valid and invalid cases for each of its messages`, () => {
      const path = `${TESTS_DIR}${id}.test.ts`;
      expect(existsSync(path), `missing ${path}`).toBe(true);
      const source = readFileSync(path, 'utf8');
      expect(source).toContain(`ruleTester('${id}'`);
      expect(source).toMatch(/valid:\s*\[\s*\{/);
      expect(source).toMatch(/invalid[,:]/);
      for (const messageId of Object.keys(meta.messages)) expect(source, `no case for message ${messageId}`).toContain(`messageId: '${messageId}'`);
    });

    const path = `${DOCS_DIR}${id}.md`;
    const page = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    it(`has docs/rules/${id}.md naming the rule, its default severity, descriptions and options`, () => {
      expect(page, `missing ${path}`).toBeDefined();
      expect(page!.startsWith(`# ${id}\n`)).toBe(true);
      expect(page).toContain(`\`${meta.severity}\` (${SEVERITY_LABEL[meta.severity]})`);
      expect(page).toContain(meta.docs.description);
      expect(page).toContain(meta.docs.descriptionEn);
      for (const messageId of Object.keys(meta.messages)) expect(page).toContain(`\`${messageId}\``);
      expect(page).toContain(`--rule ${id}=`);
      expect(page).toContain(`--only ${id}`);
    });

    const examples = page ? parseExamples(page) : [];
    it('names at least one example that fires and one that does not', () => {
      expect(examples.filter((e) => e.kind === 'fires').length).toBeGreaterThan(0);
      expect(examples.filter((e) => e.kind === 'quiet').length).toBeGreaterThan(0);
    });

    examples.forEach((example, index) => {
      if (example.kind === 'fires') {
        it(`example ${index + 1} fires, and its output is what budgetlint prints`, async () => {
          expect(example.command).toBe(commandFor(id));
          expect(lintRule(example.code, id).length).toBeGreaterThan(0);
          expect(example.output).toBe(await renderCheck(id, example.code));
          // An example must read as a report: no file-level error next to the finding.
          expect(example.output).not.toContain('无法处理');
        });
      } else {
        it(`example ${index + 1} gives no ${id} finding`, () => {
          expect(lintRule(example.code, id)).toEqual([]);
        });
      }
    });
  });
}
