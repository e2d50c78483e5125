import { tokenize, readUnit } from '../normalizers/grammar.js';
import { findFigures } from '../normalizers/figures.js';
const text = process.argv[2]!;
const figs = findFigures(text) as any[];
const toks = tokenize(text, figs.map((f) => ({ figure: f.figure ?? f, start: f.start, end: f.end })), Number(process.argv[3] ?? 0) || undefined);
console.log(toks.map((t: any) => t.kind === 'figure' ? `[${t.figure.raw}:${t.figure.kind}]` : t.kind === 'word' ? `<${t.word.text}:${t.word.cls}>` : t.kind === 'mark' ? `|${t.mark}|` : t.text).join(' '));
const r = readUnit({ id: 0, text, kind: 'paragraph' } as any, toks);
for (const rec of r.records) console.log('REC', JSON.stringify(rec.name), rec.readings.map((x: any) => `${x.role}/${x.period}/${x.stage ?? ''}${x.total ? '/total' : ''}:${x.figure.raw}`).join(' '));
for (const s of r.sums) console.log('SUM', s.total.figure.raw, s.parts.map((p: any) => p.record.name + ':' + p.reading.figure.raw).join(' + '));
