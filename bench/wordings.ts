/**
 * The wording families at scale: `npm run bench -- wordings` runs this with tsx (the generators are
 * TypeScript, shared with test/wordings.test.ts and test/wordings-independent.test.ts) and prints a
 * markdown table per generator: ours, and the independent one (other vocabulary and templates).
 * Fresh random cases each run.
 */
import fc from 'fast-check';
import { FAMILIES, type Family } from '../test/wordings/families.js';
import { INDEPENDENT_FAMILIES } from '../test/wordings/independent.js';
import { runCase } from '../test/wordings/check.js';

const perFamily = Number(process.argv[2] ?? 5000);

function table(families: Family[]): string[] {
  const rows: string[] = [];
  const misses: string[] = [];
  let slipsAll = 0,
    foundAll = 0,
    casesAll = 0,
    alarmedAll = 0,
    statedAll = 0,
    recomputedAll = 0;
  for (const family of families) {
    let slips = 0,
      found = 0,
      alarmed = 0,
      stated = 0,
      recomputed = 0;
    const started = Date.now();
    for (const c of fc.sample(family.arbitrary, perFamily)) {
      const outcome = runCase(c);
      if (c.slip) {
        slips++;
        if (outcome.found) found++;
        else if (misses.length < 10) misses.push(`${family.name} ${c.template}: ${JSON.stringify(c.text)} (${c.slip.kind})`);
      }
      if (outcome.falseAlarms.length > 0 || outcome.checkedAnyway.length > 0) {
        alarmed++;
        if (misses.length < 10)
          misses.push(
            `${family.name} ${c.template} false alarm: ${JSON.stringify(c.text)} → ${outcome.falseAlarms[0]?.message ?? `checked although blocked: ${outcome.checkedAnyway.join(', ')}`}`,
          );
      }
      stated += c.stated.length;
      recomputed += outcome.recomputed;
    }
    const ms = (Date.now() - started) / perFamily;
    rows.push(
      `| ${family.name} | ${family.templates.length} | ${perFamily} | ${slips} | ${(found / slips).toFixed(4)} | ${alarmed} | ${(recomputed / stated).toFixed(4)} | ${ms.toFixed(1)} |`,
    );
    slipsAll += slips;
    foundAll += found;
    casesAll += perFamily;
    alarmedAll += alarmed;
    statedAll += stated;
    recomputedAll += recomputed;
  }
  rows.push(
    `| **all** | ${families.reduce((n, f) => n + f.templates.length, 0)} | ${casesAll} | ${slipsAll} | ${(foundAll / slipsAll).toFixed(4)} | ${alarmedAll} | ${(recomputedAll / statedAll).toFixed(4)} | |`,
  );
  return [
    '| family | templates | cases | planted slips | recall | false alarms | coverage | ms per case |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    misses.length ? `First misses and false alarms:\n\n${misses.map((m) => `- ${m}`).join('\n')}` : 'No miss and no false alarm.',
    '',
  ];
}

process.stdout.write(
  [
    `${perFamily} fresh random cases per family (fast-check), each a one-paragraph markdown document run through the whole pipeline (read, figures, grammar, rules). Recall: planted slips found by their rule with their operands as evidence. False alarms: cases with an error or warning that is not the planted slip. Coverage: stated figures whose relation was recomputed.`,
    '',
    '### Our generator (test/wordings/families.ts)',
    '',
    ...table(FAMILIES),
    '### Independent generator (test/wordings/independent.ts: other vocabulary, templates and printing)',
    '',
    ...table(INDEPENDENT_FAMILIES),
  ].join('\n'),
);
