/**
 * Finding fingerprints (pipeline/decisions/fingerprint.ts): the same report as .md, .docx and .pdf
 * gives the same fingerprints; so does the PDF with a page inserted before the findings, the
 * markdown with lines inserted, a reworded message and a changed severity. A corrected figure does not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import type { Document } from '../model/document.js';
import type { FileResult } from '../model/result.js';
import { fingerprintFindings, fingerprintParts } from '../pipeline/decisions/fingerprint.js';
import { analyzeDocument, processBytes } from '../pipeline/process.js';

async function check(path: string, bytes = new Uint8Array(readFileSync(path)), options = {}): Promise<FileResult> {
  return (await processBytes(path, bytes, { ocr: 'off', ...options })).result;
}

/** `rule fingerprint`, sorted: what a form of the report yields. */
function fingerprints(result: FileResult): string[] {
  return result.findings.map((finding) => `${finding.ruleId} ${finding.fingerprint}`).sort();
}

/** The Document with a page of front matter (a cover with a figure of its own) inserted before page 1. */
function withPageInserted(document: Document): Document {
  const shifted = document.pages.map((page) => ({
    ...page,
    number: page.number + 1,
    tables: page.tables.map((table) => ({
      ...table,
      ...(table.pages ? { pages: table.pages.map((number) => number + 1) } : {}),
      rows: table.rows.map((row) => row.map((cell) => ({ ...cell, spans: cell.spans.map((span) => (span.page ? { ...span, page: span.page + 1 } : span)) }))),
    })),
  }));
  const cover = { number: 1, lines: [{ number: 1, text: '封面', kind: 'text' as const }, { number: 2, text: '本报告共 12 页，附表 3 张。', kind: 'text' as const }], tables: [], source: 'text' as const, notices: [] };
  return { ...document, sha256: 'f'.repeat(64), pages: [cover, ...shifted] };
}

describe('finding fingerprint', () => {
  it('is the same for the report as .md, .docx and .pdf, though pages, lines and locators differ', async () => {
    for (const name of ['huizhou-ybj-2022', 'jinkouhe-ybj-2025', 'meizhou-ybj-2023']) {
      const md = await check(`fixtures/reports/${name}.md`);
      const docx = await check(`fixtures/reports/${name}.docx`);
      const pdf = await check(`fixtures/reports/${name}.pdf`);
      expect(md.findings.length).toBeGreaterThan(0);
      expect(new Set(md.findings.map((f) => f.fingerprint)).size).toBe(md.findings.length);
      expect(fingerprints(docx)).toEqual(fingerprints(md));
      expect(fingerprints(pdf)).toEqual(fingerprints(md));
      // Same finding, different places: the fingerprint ignores them.
      const sumMd = md.findings.find((f) => f.ruleId === md.findings[0]!.ruleId)!;
      const sumPdf = pdf.findings.find((f) => f.fingerprint === sumMd.fingerprint)!;
      expect(`${sumPdf.page}:${sumPdf.line}`).not.toBe(`${sumMd.page}:${sumMd.line}`);
    }
    const jinkouhe = await check('fixtures/reports/jinkouhe-ybj-2025.md');
    expect(jinkouhe.findings.map((f) => [f.ruleId, f.page, f.line, f.fingerprint!.slice(0, 12)])).toEqual([
      ['sum-mismatch', 1, 41, 'e21f2734d358'],
      ['ratio-mismatch', 1, 41, 'e21f2734d358'],
      ['weights-sum', 1, 132, 'e21f2734d358'],
      ['placeholder-value', 1, 132, 'e21f2734d358'],
      ['placeholder-value', 1, 133, 'e21f2734d358'],
    ]);
    expect(jinkouhe.findings[0]!.fingerprint).toMatch(/^[0-9a-f]{12}-[0-9a-f]{20}$/);
  }, 120_000);

  it('survives a page inserted before the findings (PDF) and lines inserted (markdown)', async () => {
    const path = 'fixtures/reports/huizhou-ybj-2022.pdf';
    const extracted = await extractDocument({ path, bytes: new Uint8Array(readFileSync(path)), sha256: '0'.repeat(64) }, { ocr: 'off' });
    if (!extracted.ok) throw new Error(extracted.error.message);
    const before = analyzeDocument(path, extracted.document).result;
    const after = analyzeDocument(path, withPageInserted(extracted.document)).result;
    expect(after.findings.map((f) => f.page)).toEqual(before.findings.map((f) => f.page + 1));
    expect(after.findings.map((f) => f.fingerprint)).toEqual(before.findings.map((f) => f.fingerprint));

    const text = readFileSync('fixtures/reports/jinkouhe-ybj-2025.md', 'utf8');
    const original = await check('x.md', new TextEncoder().encode(text));
    const longer = await check('x.md', new TextEncoder().encode(`# 说明\n\n本报告另附三张表。\n\n${text}`));
    expect(longer.findings.map((f) => f.line)).toEqual(original.findings.map((f) => f.line + 4));
    expect(fingerprints(longer)).toEqual(fingerprints(original));
  }, 120_000);

  it('ignores message wording and severity, and changes when a figure is corrected', async () => {
    const path = 'fixtures/reports/jinkouhe-ybj-2025.md';
    const text = readFileSync(path, 'utf8');
    const result = await check(path);
    const reworded = { ...result, findings: result.findings.map((f) => ({ ...f, message: `（新措辞）${f.message.replace('不符', '不一致')}`, severity: 'info' as const })) };
    expect(fingerprintFindings(reworded)).toEqual(result.findings.map((f) => f.fingerprint));
    const warned = await check(path, undefined, { rules: { severity: { 'sum-mismatch': 'warning' } } });
    expect(warned.findings.find((f) => f.ruleId === 'sum-mismatch')).toMatchObject({ severity: 'warning', fingerprint: result.findings[0]!.fingerprint });

    // 358.84 corrected to 358.80: the sum now holds, the share is computed on another total.
    const corrected = await check(path, new TextEncoder().encode(text.replace('358.84 万元', '358.80 万元')));
    const before = new Set(result.findings.map((f) => f.fingerprint));
    expect(corrected.findings.filter((f) => before.has(f.fingerprint)).map((f) => f.ruleId)).toEqual(['weights-sum', 'placeholder-value', 'placeholder-value']);
  }, 120_000);

  it('hashes raw text folded, role and subject, or for a finding without figures its data minus places', () => {
    const subjects = new Map([['1:2:3:', '一般公共服务支出']]);
    const base = { ruleId: 'sum-mismatch', severity: 'error' as const, message: 'm', messageId: 'parts', data: {}, page: 1, line: 2, column: 3 };
    const evidence = (raw: string, page = 1) => ({ role: 'total', raw, value: '1', page, line: 2, column: 3 });
    expect(fingerprintParts({ ...base, evidence: [evidence('1 854.42 元')] }, subjects)).toBe(fingerprintParts({ ...base, evidence: [evidence('１８５４.４２元')] }, subjects));
    expect(fingerprintParts({ ...base, evidence: [evidence('1854.42元')] }, subjects)).toContain('一般公共服务支出');
    const repeated = { ...base, ruleId: 'year-mismatch', evidence: [], data: { text: '2023年', otherPlace: '第 6 页第 7 行', at: '第 55 段' } };
    expect(fingerprintParts(repeated, subjects)).toBe(fingerprintParts({ ...repeated, data: { text: '2023年', otherPlace: '第 9 页第 1 行', at: '第 70 段' } }, subjects));
    expect(fingerprintParts(repeated, subjects)).not.toBe(fingerprintParts({ ...repeated, data: { ...repeated.data, text: '2024年' } }, subjects));
  });
});
