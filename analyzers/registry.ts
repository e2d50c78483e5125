/** Every rule, sorted by id: the one list the engine, the CLI and the docs test read. */
import type { Rule } from './engine.js';
import sumMismatch from './rules/sum-mismatch.js';
import unitSuspect from './rules/unit-suspect.js';

export const rules: Rule[] = [sumMismatch, unitSuspect].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function ruleIds(): string[] {
  return rules.map((rule) => rule.meta.id);
}

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
