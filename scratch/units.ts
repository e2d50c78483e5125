import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
const text = process.argv[2]!.replace(/\\n/g, '\n');
const d: any = normalizeDocument(textToDocument(text, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown'));
for (const u of d.units) console.log('UNIT', u.id, u.kind, JSON.stringify(u.text), (d.figuresByUnit.get(u.id) ?? []).map((f: any) => f.figure.raw));
import { tokenize, readUnit } from '../normalizers/grammar.js';
for (const u of d.units) { const toks = tokenize(u.text, d.figuresByUnit.get(u.id) ?? [], d.meta.year);
console.log(toks.map((t: any) => t.kind === 'figure' ? `[${t.figure.raw}:${t.figure.kind}]` : t.kind === 'word' ? `<${t.word.text}:${t.word.cls}>` : t.kind === 'mark' ? `|${t.mark}|` : t.text).join(' '));
const r = readUnit(u, toks); for (const s of r.sums) console.log('SUM', s.total.figure.raw); console.log(r.records.map((x: any) => x.name)); }
console.log(d.meta.kind, d.meta.year);
