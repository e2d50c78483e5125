/** Every rule, sorted by id: the one list the engine, the CLI and the docs test read. */
import type { Rule } from './engine.js';
import balanceMismatch from './rules/balance-mismatch.js';
import comparisonWords from './rules/comparison-words.js';
import crossTableMismatch from './rules/cross-table-mismatch.js';
import differenceMismatch from './rules/difference-mismatch.js';
import directionContradiction from './rules/direction-contradiction.js';
import formulaMismatch from './rules/formula-mismatch.js';
import growthMismatch from './rules/growth-mismatch.js';
import placeholderValue from './rules/placeholder-value.js';
import ratioMismatch from './rules/ratio-mismatch.js';
import repeatedFigureMismatch from './rules/repeated-figure-mismatch.js';
import scoreExceedsMax from './rules/score-exceeds-max.js';
import scoreSumMismatch from './rules/score-sum-mismatch.js';
import sumMismatch from './rules/sum-mismatch.js';
import tableMissing from './rules/table-missing.js';
import tableSumMismatch from './rules/table-sum-mismatch.js';
import textTableMismatch from './rules/text-table-mismatch.js';
import unitSuspect from './rules/unit-suspect.js';
import weightsSum from './rules/weights-sum.js';
import yearMismatch from './rules/year-mismatch.js';

export const rules: Rule[] = [
  balanceMismatch, comparisonWords, crossTableMismatch, differenceMismatch, directionContradiction, formulaMismatch, growthMismatch,
  placeholderValue, ratioMismatch, repeatedFigureMismatch, scoreExceedsMax, scoreSumMismatch, sumMismatch, tableMissing, tableSumMismatch,
  textTableMismatch, unitSuspect, weightsSum, yearMismatch,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function ruleIds(): string[] {
  return rules.map((rule) => rule.meta.id);
}

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
