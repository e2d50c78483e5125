import fc from 'fast-check';
import { INDEPENDENT_FAMILIES } from '../test/wordings/independent.js';
import { runCase } from '../test/wordings/check.js';
const n = Number(process.argv[2] ?? 200);
const only = process.argv[3];
const show = Number(process.argv[4] ?? 3);
for (const family of INDEPENDENT_FAMILIES) {
  if (only && !family.name.includes(only)) continue;
  let slips = 0, found = 0, alarmed = 0, stated = 0, recomputed = 0, errors = 0;
  const bad: string[] = [];
  const byT = new Map<string, number[]>();
  for (const c of fc.sample(family.arbitrary, { numRuns: n, seed: Number(process.env.SEED ?? 42) })) {
    let o;
    try { o = runCase(c); } catch (e) { errors++; if (bad.length < show) bad.push(`THROW ${c.template} ${JSON.stringify(c.text)} ${e}`); continue; }
    const t = byT.get(c.template) ?? [0, 0, 0, 0, 0, 0]; byT.set(c.template, t);
    t[0]++;
    if (c.slip) { slips++; t[1]++; if (o.found) { found++; t[2]++; } else if (bad.length < show) bad.push(`MISS ${c.template} ${c.slip.kind} ${JSON.stringify(c.text)} slip=${JSON.stringify(c.slip)} got=${JSON.stringify(o.findings.map(f=>`${f.ruleId}/${f.severity}: ${f.message} ev=${f.evidence.map(e=>e.role+':'+e.raw).join(',')}`))}`); }
    if (o.falseAlarms.length) { alarmed++; t[3]++; if (bad.length < show) bad.push(`FA ${c.template} ${JSON.stringify(c.text)} slip=${JSON.stringify(c.slip)} → ${o.falseAlarms.map(f=>f.ruleId+': '+f.message).join(' | ')}`); }
    stated += c.stated.length; recomputed += o.recomputed; t[4] += c.stated.length; t[5] += o.recomputed;
    if (o.recomputed < c.stated.length && bad.length < show && !o.falseAlarms.length) bad.push(`COV ${c.template} ${JSON.stringify(c.text)} stated=${JSON.stringify(c.stated)} rels?`);
  }
  console.log(`${family.name}: cases ${n} slips ${slips} recall ${(found/slips).toFixed(3)} FA ${alarmed} coverage ${(recomputed/stated).toFixed(3)} throws ${errors}`);
  console.log('   ' + [...byT].sort().map(([k, t]) => `${k}: n${t[0]} r${t[1] ? (t[2]/t[1]).toFixed(2) : '-'} fa${t[3]} cov${t[4] ? (t[5]/t[4]).toFixed(2) : '-'}`).join('  '));
  for (const b of bad) console.log('   ' + b);
}
