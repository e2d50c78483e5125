/**
 * The coverage ledger (pipeline/coverage/ledger.ts) on the five bundled reports and on a 决算's
 * table pages, with the expected state of every family written out by hand; a partly read PDF
 * (a page left unread) and a scan read without OCR; the stylish line, exit codes and the CSV export.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import type { Coverage } from '../model/coverage.js';
import { ledgerLine } from '../pipeline/coverage/ledger.js';
import { analyzeDocument, processFile } from '../pipeline/process.js';

function budgetlint(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `family:state`, with `/checks` when relations were recomputed and `!findings` when some did not hold. */
function states(coverage: Coverage): string {
  return coverage.families.map((f) => `${f.id}:${f.state}${f.checks ? `/${f.checks}` : ''}${f.findings ? `!${f.findings}` : ''}`).join(' ');
}

const NOT_A_DISCLOSURE = 'tables:not-applicable identities:not-applicable cross-table:not-applicable text-table:not-applicable';

describe('coverage ledger', () => {
  it('on the five bundled reports: what each checked, found inconsistent, could not decide', async () => {
    const expected: Record<string, string> = {
      // 三公 stated once (no second figure to compare); scores printed without a score table the rules could read.
      // 财政拨款收入 (3795.60 and 3810.44), 财政拨款支出 (3798.82 and 3800.81) and 调整预算数 (3810.44 and 3812.67) are each stated
      // twice differently (repeated, 2): the growth rates and the difference taking them as operands are not checked (duplicate policy).
      huizhou: `${NOT_A_DISCLOSURE} sangong:undecidable sums:consistent/16 growth:inconsistent/15!1 shares:inconsistent/12!1 scores:undecidable year:consistent placeholders:consistent repeated:inconsistent!2`,
      // 三公 not mentioned; the 自评表's weights do not add up; two placeholders.
      jinkouhe: `${NOT_A_DISCLOSURE} sangong:not-applicable sums:inconsistent/6!1 growth:undecidable shares:inconsistent/8!1 scores:inconsistent!1 year:consistent placeholders:inconsistent!2 repeated:consistent`,
      meixian: `${NOT_A_DISCLOSURE} sangong:not-applicable sums:consistent/3 growth:undecidable shares:consistent/1 scores:undecidable year:consistent placeholders:consistent repeated:consistent`,
      // unit-suspect is a relation rule of no family: sums still held 9 relations.
      meizhou: `${NOT_A_DISCLOSURE} sangong:consistent sums:consistent/9 growth:consistent/2 shares:undecidable scores:undecidable year:consistent placeholders:consistent repeated:consistent`,
      potou: `${NOT_A_DISCLOSURE} sangong:not-applicable sums:consistent/4 growth:undecidable shares:undecidable scores:undecidable year:consistent placeholders:consistent repeated:consistent`,
    };
    for (const [name, want] of Object.entries(expected)) {
      const file = (await import('node:fs')).readdirSync('fixtures/reports').find((entry) => entry.startsWith(name) && entry.endsWith('.md'))!;
      const { result } = await processFile(`fixtures/reports/${file}`, { ocr: 'off' });
      expect(result.coverage!.kind, name).toBe('self-evaluation-report');
      expect(result.coverage!.read, name).toBe('full');
      expect(states(result.coverage!), name).toBe(want);
    }
    const { result } = await processFile('fixtures/reports/potou-ybj-2022.md', { ocr: 'off' });
    expect(ledgerLine(result.coverage!)).toBe('已核对 4 项；不适用 5；无法判断 3（增减与增长率：增减表述缺少可核对的两期数字；占比：百分数缺少可核对的分子或分母；评分表：分值无法对应到评分表）');
  }, 120_000);

  it('on a 决算\'s table pages: a 部门决算, the table identities checked, the other eight tables and 三公 not read', async () => {
    const { result } = await processFile('fixtures/real/sh-putuo-shgzb-2024-juesuan-p10-11.pdf', { ocr: 'off' });
    const coverage = result.coverage!;
    expect(coverage.kind).toBe('final-accounts');
    expect(states(coverage)).toBe('tables:undecidable identities:consistent/13 cross-table:not-applicable text-table:undecidable sangong:undecidable sums:undecidable growth:not-applicable shares:not-applicable scores:not-applicable year:undecidable placeholders:consistent repeated:consistent');
    expect(coverage.families.find((f) => f.id === 'tables')!.reason).toBe('收支总表、收入表、支出表 等 8 张未读出');
    expect(coverage.families.find((f) => f.id === 'sangong')!.reason).toBe('三公经费表未读出');
    const budget = await processFile('fixtures/real/js-rdcwh-2019-yusuan-tables.pdf', { ocr: 'off' });
    expect(budget.result.coverage!.kind).toBe('budget');
    // cross-table 10: the 收支预算总表's 收入合计 (below 当年收入小计 and 上年结转) is the grand total, and meets the 收入预算总表's 收入总计.
    expect(states(budget.result.coverage!)).toBe('tables:inconsistent!1 identities:consistent/39 cross-table:consistent/10 text-table:undecidable sangong:consistent sums:undecidable growth:not-applicable shares:not-applicable scores:not-applicable year:consistent placeholders:consistent repeated:consistent');
  }, 120_000);

  it('a PDF with a page not read is partly read, that page named; what could have been on it is unreadable, not clean', async () => {
    const path = 'fixtures/reports/jinkouhe-ybj-2025.pdf';
    const extracted = await extractDocument({ path, bytes: new Uint8Array(readFileSync(path)), sha256: '0'.repeat(64) }, { ocr: 'off' });
    if (!extracted.ok) throw new Error(extracted.error.message);
    // Page 12 (the 自评表's weights) as a scan left without OCR.
    const document = { ...extracted.document, pages: extracted.document.pages.map((page) => (page.number === 12 ? { ...page, lines: [], tables: [], needsOcr: true } : page)) };
    const { result } = analyzeDocument(path, document);
    const coverage = result.coverage!;
    expect(coverage).toMatchObject({ read: 'partial', unreadPages: [12] });
    // The weights now add up to 65% on page 13 alone: why a partly read file is never "checked".
    expect(result.findings.map((f) => `${f.ruleId} ${f.page}:${f.line}`)).toEqual(['sum-mismatch 2:19', 'ratio-mismatch 2:21', 'placeholder-value 8:10', 'weights-sum 13:2']);
    expect(coverage.families.find((f) => f.id === 'growth')).toMatchObject({ state: 'unreadable', reason: '增减表述缺少可核对的两期数字；第 12 页未读出' });
    expect(ledgerLine(coverage)).toMatch(/；部分页面未读出（第 12 页），只核对了已读出的页面$/);
  }, 120_000);

  it('a scan read without OCR says nothing could be checked, is never shown clean, and fails only with --fail-on-file-error', () => {
    const scan = 'fixtures/scanned/huizhou-ybj-2022-p7.scanned.pdf';
    const plain = budgetlint(['check', '--ocr', 'off', scan]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('未发现问题');
    expect(plain.stdout).toContain('  核对范围：没有可核对的内容，未核对任何一项；未读出 12（');
    expect(plain.stdout).toContain('；页面均未读出（第 1 页）\n');
    expect(budgetlint(['check', '--ocr', 'off', '--fail-on-file-error', scan]).code).toBe(1);
    // A wholly read clean file still passes with the flag.
    expect(budgetlint(['check', '--fail-on-file-error', 'fixtures/reports/meixian-ybj-2025.md']).code).toBe(0);
  }, 120_000);

  it('json carries the ledger; the store keeps it and export --what coverage gives one row per file and family', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-coverage-'));
    try {
      const docs = join(dir, 'docs');
      mkdirSync(docs);
      for (const name of ['jinkouhe-ybj-2025.md', 'potou-ybj-2022.md']) copyFileSync(`fixtures/reports/${name}`, join(docs, name));
      const json = JSON.parse(budgetlint(['check', '--format', 'json', join(docs, 'potou-ybj-2022.md')]).stdout);
      expect(json.files[0].coverage.families).toHaveLength(12);
      const db = join(dir, 'results.sqlite');
      budgetlint(['run', '--db', db, '--concurrency', '1', docs]);
      const out = join(dir, 'coverage.csv');
      expect(budgetlint(['export', '--db', db, '--what', 'coverage', '-o', out]).code).toBe(0);
      const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(24);
      expect(Object.keys(rows[0]!)).toEqual(['document_id', 'path', 'department', 'province', 'city', 'county', 'region_code', 'year', 'kind', 'level', 'department_source', 'region_source', 'department_key', 'read', 'unread_pages', 'family', 'family_name', 'state', 'checks', 'findings', 'reason']);
      expect(rows.find((row) => row.path!.endsWith('jinkouhe-ybj-2025.md') && row.family === 'sums')).toMatchObject({
        department: '乐山市金口河区医疗保障局', region_code: '511113', year: '2025', kind: 'self-evaluation-report', read: 'full', unread_pages: '',
        family_name: '合计与收支平衡', state: 'inconsistent', checks: '6', findings: '1', reason: '',
      });
      expect(rows.filter((row) => row.path!.endsWith('potou-ybj-2022.md') && row.state === 'undecidable').map((row) => row.family)).toEqual(['growth', 'shares', 'scores']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
