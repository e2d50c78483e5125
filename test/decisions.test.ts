/**
 * Decisions: `check` with a budgetlint-decisions.json (exit code, --show-dismissed, SARIF
 * suppressions, --baseline-write, stale and --prune-decisions, a bad file), and the store for
 * `run` (a dismissal survives a re-run, a severity change and a new rules version; it goes stale
 * when the figure is corrected), and `decisions import|export` between the two.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionsFileSchema, type Decision } from '../model/decision.js';
import { ReportSchema } from '../model/result.js';
import { runDecisions, storeDecisions, storedDecisions } from '../pipeline/decisions/store.js';
import { runCollection, type RunOptions } from '../pipeline/run/runner.js';
import { ResultStore } from '../pipeline/store/store.js';
import { layerVersions } from '../pipeline/version.js';

function budgetlint(args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'pipeline/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', BUDGETLINT_USER: '审计员甲' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const REPORT = 'jinkouhe-ybj-2025.md';
/** The sum-mismatch and ratio-mismatch findings of jinkouhe (see test/fingerprint.test.ts). */
const SUM = 'e21f2734d358-0ff07cd93fd95d1ccb0f';

let dir: string;
let docs: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-decisions-'));
  docs = join(dir, 'docs');
  mkdirSync(docs);
  copyFileSync(`fixtures/reports/${REPORT}`, join(docs, REPORT));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function dismissal(fingerprint: string, reason = '该差额为四舍五入所致，原始数据一致'): Decision {
  return { fingerprint, state: 'dismissed', reason, by: '审计员乙', at: '2026-03-01T09:00:00.000Z', ruleId: 'sum-mismatch', path: REPORT };
}

function writeDecisions(path: string, decisions: Decision[]): void {
  writeFileSync(path, JSON.stringify({ budgetlintDecisions: 1, decisions }, null, 2));
}

describe('check with a decisions file', () => {
  it('hides a dismissed finding beside the documents, leaves the exit code to the others, and shows it marked when asked', () => {
    const plain = ReportSchema.parse(JSON.parse(budgetlint(['check', '--format', 'json', docs]).stdout));
    const sum = plain.files[0]!.findings.find((f) => f.ruleId === 'sum-mismatch')!;
    expect(sum.fingerprint).toBe(SUM);
    expect(plain.decisions).toBeUndefined();

    writeDecisions(join(docs, 'budgetlint-decisions.json'), [dismissal(SUM)]);
    const json = budgetlint(['check', '--format', 'json', docs]);
    expect(json.code).toBe(1); // ratio-mismatch and weights-sum are still errors
    const report = ReportSchema.parse(JSON.parse(json.stdout));
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toEqual(['ratio-mismatch', 'weights-sum', 'placeholder-value', 'placeholder-value']);
    expect(report.decisions).toMatchObject({ source: join(docs, 'budgetlint-decisions.json'), suppressed: 1, confirmed: 0, stale: [] });

    const shown = budgetlint(['check', '--show-dismissed', docs]);
    expect(shown.stdout).toContain('sum-mismatch  [已忽略：该差额为四舍五入所致，原始数据一致，审计员乙]');
    expect(shown.stdout.trim().split('\n').at(-1)).toBe('1 个文件：2 个错误，2 个警告，0 个提示（ratio-mismatch 1，weights-sum 1，placeholder-value 2）；其中 1 条已忽略或基线，不计入');
    const hidden = budgetlint(['check', docs]);
    expect(hidden.stdout).not.toContain('sum-mismatch');
    expect(hidden.stdout.trim().split('\n').at(-1)).toBe('1 个文件：2 个错误，2 个警告，0 个提示（ratio-mismatch 1，weights-sum 1，placeholder-value 2）；另有 1 条已忽略或基线的发现未显示（--show-dismissed 显示）');

    // Every error dismissed or baseline: exit 0.
    const all = ReportSchema.parse(JSON.parse(json.stdout)).files[0]!.findings.filter((f) => f.severity === 'error');
    writeDecisions(join(docs, 'budgetlint-decisions.json'), [dismissal(SUM), ...all.map((f) => ({ fingerprint: f.fingerprint!, state: 'baseline' as const, at: '2026-03-01T09:00:00Z' }))]);
    expect(budgetlint(['check', docs]).code).toBe(0);
  });

  it('writes dismissed and baseline findings to SARIF as suppressions, every result with its fingerprint', () => {
    writeDecisions(join(docs, 'budgetlint-decisions.json'), [dismissal(SUM), { fingerprint: 'e21f2734d358-b20e3f0cbb1a45681534', state: 'confirmed', by: '审计员乙', at: '2026-03-01T09:00:00Z' }]);
    const run = budgetlint(['check', '--format', 'sarif', docs]);
    const results = JSON.parse(run.stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string>; suppressions?: unknown[] }[];
    expect(results.map((r) => r.ruleId)).toEqual(['sum-mismatch', 'ratio-mismatch', 'weights-sum', 'placeholder-value', 'placeholder-value']);
    expect(results[0]).toMatchObject({ partialFingerprints: { 'budgetlintFinding/v1': SUM }, suppressions: [{ kind: 'external', status: 'accepted', justification: '误报：该差额为四舍五入所致，原始数据一致（审计员乙，2026-03-01T09:00:00.000Z）' }] });
    expect(results[1]!.partialFingerprints['budgetlintFinding/v1']).toBe('e21f2734d358-b20e3f0cbb1a45681534');
    expect(results.slice(1).every((r) => r.suppressions === undefined)).toBe(true);
    expect(run.code).toBe(1);
  });

  it('--baseline-write records every finding as baseline (paths relative to the file); a corrected figure makes decisions stale; --prune-decisions removes them', () => {
    const first = budgetlint(['check', '--baseline-write', docs]);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('已把 5 条发现记为基线');
    const written = DecisionsFileSchema.parse(JSON.parse(readFileSync(join(docs, 'budgetlint-decisions.json'), 'utf8')));
    expect(written.decisions).toHaveLength(5);
    expect(written.decisions.every((d) => d.state === 'baseline' && d.by === '审计员甲' && d.path === REPORT)).toBe(true);
    expect(written.decisions.map((d) => d.fingerprint)).toContain(SUM);

    const path = join(docs, REPORT);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('358.84 万元', '358.80 万元'));
    const after = budgetlint(['check', '--format', 'json', docs]);
    const report = ReportSchema.parse(JSON.parse(after.stdout));
    // The correction (every 358.84 万元) removes sum- and ratio-mismatch and reveals new errors, which no decision covers.
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toEqual(['balance-mismatch', 'ratio-mismatch', 'repeated-figure-mismatch']);
    expect(report.decisions!.stale.map((d) => d.ruleId).sort()).toEqual(['ratio-mismatch', 'sum-mismatch']);
    expect(after.stderr).toContain('中有 2 条决定已过期');
    expect(after.code).toBe(1);

    const pruned = budgetlint(['check', '--prune-decisions', docs]);
    expect(pruned.stderr).toContain('删除 2 条过期决定');
    const left = DecisionsFileSchema.parse(JSON.parse(readFileSync(join(docs, 'budgetlint-decisions.json'), 'utf8')));
    expect(left.decisions.map((d) => d.ruleId).sort()).toEqual(['placeholder-value', 'placeholder-value', 'weights-sum']);
  });

  it('a decisions file named in the config is read relative to it; a bad file is one clear line and exit 2', () => {
    mkdirSync(join(dir, 'audit'));
    writeDecisions(join(dir, 'audit', 'decided.json'), [dismissal(SUM)]);
    const config = join(dir, 'budgetlint.config.json');
    writeFileSync(config, JSON.stringify({ decisions: 'audit/decided.json' }));
    const run = budgetlint(['check', '--config', config, '--format', 'json', docs]);
    expect(ReportSchema.parse(JSON.parse(run.stdout)).decisions).toMatchObject({ source: join(dir, 'audit', 'decided.json'), suppressed: 1 });

    writeDecisions(join(dir, 'audit', 'decided.json'), [{ ...dismissal(SUM), reason: ' ' }]);
    const bad = budgetlint(['check', '--config', config, docs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`budgetlint check: 决定文件 ${join(dir, 'audit', 'decided.json')} 有误：“decisions.0.reason”：忽略（dismissed）须写明理由（reason）\n`);
    writeFileSync(join(dir, 'audit', 'decided.json'), '{"budgetlintDecisions": 1, "decisions": [{"fingerprint": "abc", "state": "dismissed"}]}');
    expect(budgetlint(['check', '--config', config, docs]).stderr).toContain('“decisions.0.fingerprint”：指纹格式应为 12 位十六进制-20 位十六进制');
  });
});

describe('decisions in the store (run)', () => {
  function options(overrides: Partial<RunOptions> = {}): RunOptions {
    return { paths: [docs], db: join(dir, 'results.sqlite'), concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024, ...overrides };
  }

  function review(runId: number) {
    const store = ResultStore.open(join(dir, 'results.sqlite'));
    try {
      return runDecisions(store.db, runId);
    } finally {
      store.close();
    }
  }

  it('a dismissal survives a re-run, a severity change and a new rules version, and goes stale when the figure is corrected', async () => {
    const first = await runCollection(options());
    const store = ResultStore.open(join(dir, 'results.sqlite'));
    const fingerprints = store.db.prepare('SELECT rule_id AS ruleId, fingerprint FROM findings ORDER BY seq').all() as { ruleId: string; fingerprint: string }[];
    expect(fingerprints[0]).toEqual({ ruleId: 'sum-mismatch', fingerprint: SUM });
    storeDecisions(store.db, [dismissal(SUM)]);
    store.close();
    expect(review(first.runId)).toEqual({ suppressedBySeverity: { error: 1 }, suppressed: 1, confirmed: 0, stale: [] });

    const again = await runCollection(options());
    expect(again.counts.reused).toBe(1);
    expect(review(again.runId)).toMatchObject({ suppressedBySeverity: { error: 1 }, stale: [] });

    const warning = await runCollection(options({ rules: { severity: { 'sum-mismatch': 'warning' } } }));
    expect(warning.counts.new).toBe(1);
    expect(review(warning.runId)).toMatchObject({ suppressedBySeverity: { warning: 1 }, stale: [] });

    const versions = layerVersions();
    const newRules = await runCollection(options({ versions: { ...versions, rules: `${versions.rules}-next` } }));
    expect(newRules.counts.new).toBe(1);
    expect(review(newRules.runId)).toMatchObject({ suppressed: 1, stale: [] });

    const path = join(docs, REPORT);
    writeFileSync(path, readFileSync(path, 'utf8').replace('358.84 万元', '358.80 万元'));
    const corrected = await runCollection(options());
    const stale = review(corrected.runId);
    expect(stale.suppressed).toBe(0);
    expect(stale.stale.map((d) => d.fingerprint)).toEqual([SUM]);
  }, 120_000);

  it('the run command leaves dismissed findings out of the exit code and prunes stale ones; decisions import and export round-trip', async () => {
    const db = join(dir, 'results.sqlite');
    const file = join(dir, 'decisions.json');
    expect(budgetlint(['run', '--db', db, '--concurrency', '1', docs]).code).toBe(1);
    const errors = ReportSchema.parse(JSON.parse(budgetlint(['check', '--format', 'json', docs]).stdout)).files[0]!.findings.filter((f) => f.severity === 'error');
    writeDecisions(file, [dismissal(SUM), ...errors.slice(1).map((f) => ({ fingerprint: f.fingerprint!, state: 'baseline' as const, at: '2026-03-01T09:00:00Z' }))]);
    const imported = budgetlint(['decisions', 'import', file, '--db', db]);
    expect(imported.stderr).toBe(`已导入 3 条决定到 ${db}（确认 0，忽略 1，基线 2）\n`);
    const run = budgetlint(['run', '--db', db, '--concurrency', '1', docs]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  决定：已忽略或基线 3 条（不计入退出码）\n');

    const exported = budgetlint(['decisions', 'export', '--db', db]);
    const parsed = DecisionsFileSchema.parse(JSON.parse(exported.stdout));
    expect(parsed.decisions.find((d) => d.fingerprint === SUM)).toEqual(dismissal(SUM));
    expect(parsed.decisions).toHaveLength(3);

    const path = join(docs, REPORT);
    writeFileSync(path, readFileSync(path, 'utf8').replace('358.84 万元', '358.80 万元'));
    const stale = budgetlint(['run', '--db', db, '--concurrency', '1', docs]);
    expect(stale.stdout).toContain('过期 2 条（其发现已不再出现，--prune-decisions 删除）');
    const pruned = budgetlint(['run', '--db', db, '--concurrency', '1', '--prune-decisions', docs]);
    expect(pruned.stdout).toContain('已删除过期决定 2 条');
    const store = ResultStore.openForReading(db);
    expect(storedDecisions(store.db).map((d) => d.ruleId ?? d.state)).toEqual(['baseline']);
    store.close();
  }, 120_000);

  it('a stored run\'s report shows each finding\'s decision and who made it', () => {
    const db = join(dir, 'results.sqlite');
    const file = join(dir, 'decisions.json');
    budgetlint(['run', '--db', db, '--concurrency', '1', docs]);
    writeDecisions(file, [dismissal(SUM)]);
    expect(budgetlint(['decisions', 'import', file, '--db', db]).code).toBe(0);
    const out = join(dir, 'report');
    expect(budgetlint(['report', '--db', db, '-o', out]).code).toBe(0);
    const html = readFileSync(join(out, 'doc-1.html'), 'utf8');
    const item = /<li class="finding[^>]*data-rule="sum-mismatch"[^>]*>[\s\S]*?<\/li>/.exec(html)![0];
    expect(item).toContain(`data-fp="${SUM}"`);
    expect(item).toContain('data-decision="dismissed"');
    expect(item).toContain('<span class="dmark">已忽略（误报）：该差额为四舍五入所致，原始数据一致 — 审计员乙 2026-03-01</span>');
    const other = /<li class="finding[^>]*data-rule="ratio-mismatch"[^>]*>/.exec(html)![0];
    expect(other).toContain('data-decision=""');
  }, 120_000);

  it('upgrading a schema-4 store fills in the fingerprints of the findings it holds', async () => {
    const db = join(dir, 'results.sqlite');
    await runCollection(options());
    const read = () => {
      const store = ResultStore.open(db);
      try {
        return store.db.prepare('SELECT rule_id, fingerprint FROM findings ORDER BY seq').all() as { rule_id: string; fingerprint: string }[];
      } finally {
        store.close();
      }
    };
    const before = read();
    expect(before[0]).toEqual({ rule_id: 'sum-mismatch', fingerprint: SUM });
    const raw = new Database(db);
    raw.exec('DROP TABLE decisions; DROP INDEX findings_fingerprint; ALTER TABLE findings DROP COLUMN fingerprint; ALTER TABLE documents DROP COLUMN coverage; ALTER TABLE facts DROP COLUMN fact_key');
    raw.pragma('user_version = 4');
    raw.close();
    expect(read()).toEqual(before);
  }, 120_000);
});
