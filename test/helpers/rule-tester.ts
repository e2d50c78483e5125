/**
 * A RuleTester after ESLint's: a table of `valid` snippets (no finding of the rule) and `invalid`
 * snippets with the exact findings they must produce. Snippets are markdown, run through the
 * same pipeline as a `.md` file (see lint.ts).
 *
 * A case the rule gets wrong today (a false alarm or a miss on a reasonable sentence) carries
 * `bug: '…'`: it is written as it SHOULD come out and runs as `it.fails`, so it turns red the
 * day the rule is fixed and someone must move it into the table proper. To see what such cases
 * give today, run with `RULE_TESTER_SHOW_BUGS=1`: they then run as ordinary tests and fail.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, Severity } from '../../model/finding.js';
import { findRule } from '../../analyzers/registry.js';
import { fillTemplate } from '../../analyzers/engine.js';
import { lintRule } from './lint.js';

export interface ValidCase {
  name: string;
  code: string;
  /** The rule raises a finding here today although it should not: why that is wrong. */
  bug?: string;
}

export interface ExpectedFinding {
  /** Defaults to the rule under test. */
  ruleId?: string;
  severity: Severity;
  messageId: string;
  data: Record<string, string>;
  page: number;
  line: number;
  column?: number;
  /** The full message when it is not just the template filled with `data` (an added note). */
  message?: string;
  actual?: string;
  expected?: string;
}

export type InvalidCase =
  | { name: string; code: string; errors: ExpectedFinding[]; bug?: undefined }
  | {
      name: string;
      code: string;
      /**
       * The rule gets this wrong today (misses it, or says something else): why. The expected
       * findings are then compared on the fields given only (a partial `data` is fine), since the
       * exact wording of a fix is not known yet.
       */
      bug: string;
      errors: Partial<ExpectedFinding>[];
    };

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

type Projected = Omit<ExpectedFinding, 'column' | 'actual' | 'expected'> & { column?: number; actual?: string; expected?: string };

function project(finding: Finding, like: ExpectedFinding): Projected {
  const out: Projected = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    messageId: finding.messageId,
    data: finding.data,
    page: finding.page,
    line: finding.line,
    message: finding.message,
  };
  if (like.column !== undefined) out.column = finding.column;
  if (like.actual !== undefined) out.actual = finding.actual;
  if (like.expected !== undefined) out.expected = finding.expected;
  return out;
}

function expectedOf(ruleId: string, e: ExpectedFinding): Projected {
  const id = e.ruleId ?? ruleId;
  const template = findRule(id)?.meta.messages[e.messageId];
  if (template === undefined) throw new Error(`rule ${id} has no message "${e.messageId}"`);
  const out: Projected = {
    ruleId: id,
    severity: e.severity,
    messageId: e.messageId,
    data: e.data,
    page: e.page,
    line: e.line,
    message: e.message ?? fillTemplate(template, e.data),
  };
  if (e.column !== undefined) out.column = e.column;
  if (e.actual !== undefined) out.actual = e.actual;
  if (e.expected !== undefined) out.expected = e.expected;
  return out;
}

/** Compare the findings of `ruleId` on `code` with the expected ones, in page/line/column order. */
export function expectFindings(ruleId: string, code: string, errors: ExpectedFinding[]): void {
  const findings = lintRule(code, ruleId);
  const actual = findings.map((f, i) => project(f, errors[i] ?? errors[0] ?? ({} as ExpectedFinding)));
  expect(actual).toEqual(errors.map((e) => expectedOf(ruleId, e)));
}

/**
 * For known bugs: the findings the rule should give, on the fields written down only (`data`
 * may name just the placeholder that is wrong), since the exact wording of a fix is not known yet.
 */
function expectFindingsLike(ruleId: string, code: string, errors: Partial<ExpectedFinding>[]): void {
  const findings = lintRule(code, ruleId);
  expect(findings.length).toBe(errors.length);
  errors.forEach((e, i) => expect(findings[i]).toMatchObject({ ruleId, ...e }));
}

const SHOW_BUGS = Boolean(process.env.RULE_TESTER_SHOW_BUGS);
const expectBroken = (bug: string | undefined) => (bug && !SHOW_BUGS ? it.fails : it);

export function ruleTester(ruleId: string, tests: RuleTests): void {
  // A typo in a message id would make a known-bug case fail for the wrong reason, forever: refuse it up front.
  for (const c of tests.invalid) {
    for (const e of c.errors) {
      const id = e.ruleId ?? ruleId;
      if (e.messageId !== undefined && findRule(id)?.meta.messages[e.messageId] === undefined) throw new Error(`${ruleId} test "${c.name}": rule ${id} has no message "${e.messageId}"`);
    }
  }
  describe(ruleId, () => {
    it('is registered', () => {
      expect(findRule(ruleId)?.meta.id).toBe(ruleId);
    });
    describe('valid', () => {
      for (const c of tests.valid) {
        const test = expectBroken(c.bug);
        test(c.bug ? `${c.name} [known false alarm: ${c.bug}]` : c.name, () => {
          expect(lintRule(c.code, ruleId)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of tests.invalid) {
        const test = expectBroken(c.bug);
        test(c.bug !== undefined ? `${c.name} [known miss: ${c.bug}]` : c.name, () => {
          if (c.bug === undefined) expectFindings(ruleId, c.code, c.errors);
          else expectFindingsLike(ruleId, c.code, c.errors);
        });
      }
    });
    // Settings are tried on the first case that reports at a level of its own (not lowered to info by unclear scope).
    const first = tests.invalid.find((c): c is InvalidCase & { bug?: undefined } => !c.bug && c.errors.length > 0 && c.errors.every((e) => e.severity !== 'info'));
    if (first) {
      describe('settings', () => {
        it('--rule id=off drops the findings', () => {
          expect(lintRule(first.code, ruleId, { severity: { [ruleId]: 'off' } })).toEqual([]);
        });
        it('--rule id=<level> replaces the severity', () => {
          const level: Severity = 'info';
          const findings = lintRule(first.code, ruleId, { severity: { [ruleId]: level } });
          expect(findings.length).toBe(first.errors.length);
          for (const finding of findings) expect(finding.severity).toBe(level);
        });
      });
    }
  });
}
