/**
 * Property tests of the clause grammar: for each wording family, generated cases (200 per family
 * here, 5,000 in `npm run bench -- wordings`) must come out exactly right. See test/wordings/.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from './wordings/families.js';
import { runCase } from './wordings/check.js';

const RUNS = Number(process.env.WORDING_RUNS ?? 200);
// A fixed seed in CI keeps a red run reproducible; WORDING_SEED=random explores (the bench runs 5,000 fresh cases).
const SEED = process.env.WORDING_SEED === 'random' ? undefined : Number(process.env.WORDING_SEED ?? 20261207);

describe('wording families', () => {
  for (const family of FAMILIES) {
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
          expect(outcome.checkedAnyway, describe).toEqual([]);
        }),
        { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
      );
    });
  }
});
