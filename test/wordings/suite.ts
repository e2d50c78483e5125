/**
 * One property suite for every wording generator (ours and the independent one): each family's cases
 * must come out exactly right — a planted slip found by its rule, no other error or warning, every
 * stated figure recomputed, and no figure that must stay unchecked checked anyway.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCase } from './check.js';
import type { Family } from './families.js';

const RUNS = Number(process.env.WORDING_RUNS ?? 200);
// A fixed seed in CI keeps a red run reproducible; WORDING_SEED=random explores (the bench runs 5,000 fresh cases).
const SEED = process.env.WORDING_SEED === 'random' ? undefined : Number(process.env.WORDING_SEED ?? 20261207);

export function wordingSuite(title: string, families: readonly Family[]): void {
  describe(title, () => {
    for (const family of families) {
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
}
