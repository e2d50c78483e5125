/** The command line as users run it: output formats, exit codes, rule options, bad paths. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../model/result.js';

function budgetlint(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('budgetlint check', () => {
  it('prints the JSON report shape and exits 1 when there are errors', () => {
    const run = budgetlint(['check', '--format', 'json', 'fixtures/reports/jinkouhe-ybj-2025.md']);
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.tool.name).toBe('budgetlint');
    const [file] = report.files;
    expect(file).toMatchObject({ path: 'fixtures/reports/jinkouhe-ybj-2025.md', format: 'markdown', pages: 1, meta: { department: '乐山市金口河区医疗保障局', year: 2025, selfScore: '94.17', region: { code: '511113' } } });
    expect(file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file!.facts.find((f) => f.concept === 'expense.total')).toMatchObject({ value: '3588400', unit: '元', raw: '358.84 万元', page: 1, line: 41, column: 23 });
    const sum = file!.findings.find((f) => f.ruleId === 'sum-mismatch')!;
    expect(sum.evidence[0]).toMatchObject({ role: 'total', raw: '358.84 万元', value: '3588400', page: 1, line: 41, column: 23 });
  });

  it('prints stylish output grouped by file, without colour when NO_COLOR is set, and exits 0 without errors', () => {
    const run = budgetlint(['check', 'fixtures/reports/meixian-ybj-2025.md', 'fixtures/reports/meizhou-ybj-2023.md'], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stdout).toContain('fixtures/reports/meizhou-ybj-2023.md  (梅州市医疗保障局 2023 年度)');
    expect(run.stdout).toContain('fixtures/reports/meixian-ybj-2025.md  (梅州市梅县区医疗保障局 2025 年度)\n  未发现问题（已核对 4 项关系）\n');
    expect(run.stdout).toMatch(/ {2}1:117:68 {2}警告 {2}基本支出 1493\.04万元 \+ 项目支出 361\.38万元 与支出总额 1854\.42元 不成立；1854\.42元 若按 1854\.42万元 计则关系成立，疑为单位错误 {2}unit-suspect/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2 个文件：0 个错误，1 个警告，0 个提示（unit-suspect 1）');
  });

  it('switches rules off, changes their severity, runs only some, and writes to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-cli-'));
    const out = join(dir, 'out.json');
    const off = budgetlint(['check', '--format', 'json', '--rule', 'sum-mismatch=off', '--rule', 'ratio-mismatch=warning', '--rule', 'weights-sum=info', '-o', out, 'fixtures/reports/jinkouhe-ybj-2025.md']);
    expect(off.code).toBe(0);
    const findings = JSON.parse(readFileSync(out, 'utf8')).files[0].findings as { ruleId: string; severity: string }[];
    expect(findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['ratio-mismatch:warning', 'weights-sum:info', 'placeholder-value:warning', 'placeholder-value:warning']);
    const only = budgetlint(['check', '--format', 'json', '--only', 'weights-sum', 'fixtures/reports/jinkouhe-ybj-2025.md']);
    expect(JSON.parse(only.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['weights-sum']);
  });

  it('reports unreadable files as errors of those files and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-cli-'));
    writeFileSync(join(dir, 'a-empty.md'), '');
    writeFileSync(join(dir, 'b-fake.pdf'), 'this is not a pdf');
    copyFileSync('fixtures/reports/jinkouhe-ybj-2025.md', join(dir, 'c-report.md'));
    const run = budgetlint(['check', '--format', 'json', dir]);
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout).files as { path: string; errors: { message: string }[]; findings: unknown[] }[];
    expect(files.map((f) => [f.path.replace(dir, 'D'), f.errors.map((e) => e.message), f.findings.length])).toEqual([
      ['D/a-empty.md', ['文件为空（0 字节）'], 0],
      ['D/b-fake.pdf', ['未找到任何数字：可能不是预算绩效报告'], 0],
      ['D/c-report.md', [], 5],
    ]);
  });

  it('says so for a folder with no reports (exit 2, nothing on stdout), and exits 2 on usage errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetlint-cli-'));
    const empty = budgetlint(['check', '--format', 'json', dir]);
    expect([empty.code, empty.stdout, empty.stderr]).toEqual([2, '', `budgetlint check: 没有找到可核对的文件：目录 ${dir} 中没有可识别的报告文件\n`]);
    expect(budgetlint(['check']).code).toBe(2);
    expect(budgetlint(['check', '--format', 'xml', 'x.md']).code).toBe(2);
    const unknown = budgetlint(['check', '--rule', 'no-such-rule=off', 'x.md']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知规则 "no-such-rule"');
    expect(budgetlint(['frobnicate']).code).toBe(2);
  });
});
