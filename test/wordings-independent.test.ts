/**
 * The independent wording generator (test/wordings/independent.ts): the same families as
 * test/wordings.test.ts in other vocabulary, templates and printing, 200 cases each here and 5,000 in
 * `npm run bench -- wordings`. It guards against a grammar fitted to one generator's sentences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDEPENDENT_FAMILIES } from './wordings/independent.js';
import { runCase } from './wordings/check.js';

const RUNS = Number(process.env.WORDING_RUNS ?? 200);
const SEED = process.env.WORDING_SEED === 'random' ? undefined : Number(process.env.WORDING_SEED ?? 20261207);

describe('wording families, independent generator', () => {
  for (const family of INDEPENDENT_FAMILIES) {
    it(`${family.name}: planted slips found by their rule, consistent cases silent and recomputed`, () => {
      fc.assert(
        fc.property(family.arbitrary, (c) => {
          const outcome = runCase(c);
          const describe = `${c.template}: ${JSON.stringify(c.text)} slip=${JSON.stringify(c.slip)} findings=${JSON.stringify(outcome.findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`))}`;
          if (c.slip) expect(outcome.found, describe).toBe(true);
          expect(
            outcome.falseAlarms.map((f) => f.message),
            describe,
          ).toEqual([]);
          expect(outcome.recomputed, describe).toBe(c.stated.length);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    });
  }
});
