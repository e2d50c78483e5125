import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { analyzeCounting } from '../analyzers/index.js';
const text = process.argv[2]!.replace(/\\n/g, '\n');
const d: any = normalizeDocument(textToDocument(text, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown'));
for (const b of d.breakdowns ?? []) console.log('BREAKDOWN', b.total.label, b.total.figure.raw, b.total.scope, b.total.basisStated, b.groups.map((g: any) => g.map((m: any) => [m.label, m.figure.raw, m.scope.basis, m.basisStated])));
for (const r of d.relations) console.log('REL', r.kind, r.formula, r.decidable, r.stated.raw, r.word, r.reason ?? '', r.operands.map((o: any) => `${o.role}:${o.name}:${o.figure.raw}`).join(' | '));
for (const f of analyzeCounting(d).findings) console.log('FIND', f.ruleId, f.severity, f.message);
