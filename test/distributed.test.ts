/**
 * Distributed runs on a real PostgreSQL (BUDGETLINT_TEST_PG; .ci/postgres.sh starts one): the
 * queue, workers as separate processes, and the failure semantics the README states — a worker
 * killed mid-job, a file that kills its worker on every try, PostgreSQL restarted mid-run, SIGTERM.
 * Most cases use a fake worker thread (test/distributed.fake-worker.mjs) so they take seconds;
 * the equality with a SQLite run and --upload use the real extractors.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatusOf } from '../pipeline/distributed/status.js';
import { runCollection } from '../pipeline/run/runner.js';
import { PostgresStore } from '../pipeline/store/postgres/store.js';
import { ResultStore } from '../pipeline/store/store.js';
import { createTestDatabase, postgresAvailable, query } from './helpers/postgres.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'pipeline/cli.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');
const FAKE_WORKER = fileURLToPath(new URL('./distributed.fake-worker.mjs', import.meta.url));
const REPORTS = join(ROOT, 'fixtures/reports');

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** budgetlint as a child process; `done` resolves when it exits. */
function budgetlint(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  // Decoded by the stream: a chunk may end inside a character.
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Finished>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Jobs of the file queue, by the path they carry. */
async function jobsByPath(url: string): Promise<Map<string, { state: string; retry_count: number }>> {
  const rows = await query<{ path: string; state: string; retry_count: number }>(url,
    "SELECT data->>'path' AS path, state::text AS state, retry_count FROM budgetlint_queue.job WHERE name = 'budgetlint-files'");
  return new Map(rows.map((row) => [row.path, row]));
}

const FAKE = { BUDGETLINT_WORKER_SCRIPT: FAKE_WORKER, BUDGETLINT_QUEUE_MAINTENANCE_SECONDS: '1' };

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-dist-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const run = postgresAvailable();

describe.runIf(run)('distributed runs on PostgreSQL', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  async function database(): Promise<string> {
    const created = await createTestDatabase();
    cleanups.push(created.drop);
    return created.url;
  }
  let docs: string;
  beforeAll(() => {
    docs = mkdtempSync(join(tmpdir(), 'budgetlint-dist-docs-'));
    cleanups.push(() => rmSync(docs, { recursive: true, force: true }));
    for (const name of readdirSync(REPORTS).filter((file) => /\.(md|docx)$/.test(file))) copyFileSync(join(REPORTS, name), join(docs, name));
  });

  it('two worker processes share a folder enqueued twice: every file processed once, results equal a SQLite run', async () => {
    const url = await database();
    const files = readdirSync(docs).sort();
    const first = await budgetlint(['run', docs, '--db', url, '--no-work']).done;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(`第 1 次运行：${files.length} 个文件，入队 ${files.length}（其中 0 个内容已在队列中）`);
    expect(first.stdout).toContain('budgetlint status --db … --run 1');
    // The same folder again (another machine, or a second nightly start): no job is added.
    const second = await budgetlint(['run', docs, '--db', url, '--no-work']).done;
    expect(second.stderr).toContain(`第 2 次运行：${files.length} 个文件，入队 ${files.length}（其中 ${files.length} 个内容已在队列中）`);
    expect((await jobsByPath(url)).size).toBe(files.length);

    const workers = [budgetlint(['worker', '--db', url, '--concurrency', '1']), budgetlint(['worker', '--db', url, '--concurrency', '1'])];
    const finished = await Promise.all(workers.map((worker) => worker.done));
    const completed = finished.map((worker) => {
      expect(worker.code, worker.stderr).toBe(0);
      return Number(/完成 (\d+) 个任务/.exec(worker.stderr)?.[1]);
    });
    expect(completed[0]! + completed[1]!).toBe(files.length);

    // Once each: one document per content, every job completed on its first try.
    const perContent = await query<{ sha256: string; n: number }>(url, 'SELECT sha256, count(*)::int AS n FROM documents GROUP BY sha256');
    expect(perContent).toHaveLength(files.length);
    expect(perContent.every((row) => row.n === 1)).toBe(true);
    for (const job of (await jobsByPath(url)).values()) expect(job).toMatchObject({ state: 'completed', retry_count: 0 });

    const status = await budgetlint(['status', '--db', url]).done;
    expect(status.code).toBe(0);
    const lines = status.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const pg = await PostgresStore.open(url);
    const counts = await pg.runCounts(2);
    expect(lines[1]).toMatch(new RegExp(`^第 2 次运行（.*）：共 ${files.length} 个文件 · 排队 0 · 处理中 0 · 完成 ${files.length - counts.failed} · 失败 ${counts.failed} · [\\d.]+ 文件/秒 · 剩余 00:00$`));

    // The same folder on SQLite: the same facts and findings, file by file.
    const sqlitePath = join(docs, '..', `${Date.now()}-compare.sqlite`);
    cleanups.push(() => rmSync(sqlitePath, { force: true }));
    await runCollection({ paths: [docs], db: sqlitePath, concurrency: 2, rules: {}, timeLimitMs: 120_000, memoryLimitMb: 1024 });
    const sqlite = ResultStore.openForReading(sqlitePath);
    try {
      for (const name of files) {
        const path = join(docs, name);
        const fromSqlite = sqlite.db.prepare<[string], { document_id: number }>('SELECT document_id FROM files WHERE path = ?').get(path);
        const fromPg = (await query<{ document_id: number }>(url, 'SELECT document_id::int AS document_id FROM files WHERE path = $1', [path]))[0];
        const expected = sqlite.loadResult(fromSqlite!.document_id)!;
        const actual = (await pg.loadResult(fromPg!.document_id))!;
        expect({ facts: actual.facts, findings: actual.findings, errors: actual.errors, meta: actual.meta, status: actual.status }, name)
          .toEqual({ facts: expected.facts, findings: expected.findings, errors: expected.errors, meta: expected.meta, status: expected.status });
      }
    } finally {
      sqlite.close();
      await pg.close();
    }

    // export reads the PostgreSQL store as it reads SQLite: the same rows but for the stores' own ids.
    for (const what of ['facts', 'findings']) {
      const rowsOf = (stdout: string) => stdout.trim().split('\n').map((line) => {
        const { document_id: _id, ...row } = JSON.parse(line) as Record<string, unknown>;
        return row;
      }).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      const fromPg = await budgetlint(['export', '--db', url, '--what', what, '--format', 'jsonl']).done;
      const fromSqlite = await budgetlint(['export', '--db', sqlitePath, '--what', what, '--format', 'jsonl']).done;
      expect(fromPg.code, fromPg.stderr).toBe(0);
      expect(rowsOf(fromPg.stdout).length).toBeGreaterThan(20);
      expect(rowsOf(fromPg.stdout), what).toEqual(rowsOf(fromSqlite.stdout));
    }
  });

  it('run --db postgres:// works the queue itself, shows the run progress and ends with the same summary as SQLite', async () => {
    const url = await database();
    const folder = mkdtempSync(join(tmpdir(), 'budgetlint-dist-md-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    for (const name of readdirSync(REPORTS).filter((file) => file.endsWith('.md'))) copyFileSync(join(REPORTS, name), join(folder, name));
    const onPg = await budgetlint(['run', folder, '--db', url, '--concurrency', '2', '--format', 'json', '--progress-every', '1']).done;
    const sqlitePath = join(folder, 'compare.sqlite');
    const onSqlite = spawnSync(process.execPath, ['--import', TSX, CLI, 'run', join(folder), '--db', sqlitePath, '--concurrency', '2', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const pgSummary = JSON.parse(onPg.stdout);
    const sqliteSummary = JSON.parse(onSqlite.stdout);
    expect(onPg.code).toBe(onSqlite.status);
    expect(pgSummary.counts).toEqual(sqliteSummary.counts);
    expect(pgSummary.bySeverity).toEqual(sqliteSummary.bySeverity);
    expect(pgSummary.byRule).toEqual(sqliteSummary.byRule);
    expect(pgSummary.newFindings).toEqual(sqliteSummary.newFindings);
    expect(pgSummary.extracted).toBe(5);
    // The whole run's state, as `status` shows it, ends the progress lines.
    const progress = onPg.stderr.split('\n').filter((line) => line.startsWith('budgetlint run: 第 1 次运行（'));
    expect(progress.at(-1)).toMatch(new RegExp(`：共 5 个文件 · 排队 0 · 处理中 0 · 完成 ${5 - pgSummary.counts.failed} · 失败 ${pgSummary.counts.failed} · [\\d.]+ 文件/秒 · 剩余 00:00$`));
  });

  it('run --db postgres:// applies the configured unzip limit (maxUnzippedMb) as a local run does: the .docx over it is one refused file', async () => {
    const url = await database();
    const folder = mkdtempSync(join(tmpdir(), 'budgetlint-dist-limit-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    copyFileSync(join(REPORTS, 'jinkouhe-ybj-2025.docx'), join(folder, 'jinkouhe-ybj-2025.docx'));
    copyFileSync(join(REPORTS, 'meixian-ybj-2025.md'), join(folder, 'meixian-ybj-2025.md'));
    const config = join(folder, 'limit.json');
    writeFileSync(config, JSON.stringify({ maxUnzippedMb: 0.01 }));
    const onPg = await budgetlint(['run', join(folder, 'jinkouhe-ybj-2025.docx'), join(folder, 'meixian-ybj-2025.md'), '--db', url, '--config', config, '--format', 'json']).done;
    const summary = JSON.parse(onPg.stdout);
    expect(summary.counts.total).toBe(2);
    expect(summary.counts.failed).toBe(1);
    // The limit is the worker's: another worker may allow more, so the refusal is retried before it is the file's error.
    expect(summary.failures).toEqual([{ path: join(folder, 'jinkouhe-ybj-2025.docx'), code: 'decompression-bomb', message: '尝试 3 次均失败：解压后超过 0.01 MB（疑似压缩炸弹），未读取' }]);
  });

  it('run --db postgres:// applies the auditor\'s decisions as a local run does: decisions import/export, dismissed findings out of the exit code, stale ones pruned', async () => {
    const url = await database();
    const folder = mkdtempSync(join(tmpdir(), 'budgetlint-dist-decisions-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const report = join(folder, 'jinkouhe-ybj-2025.md');
    copyFileSync(join(REPORTS, 'jinkouhe-ybj-2025.md'), report);
    expect((await budgetlint(['run', folder, '--db', url, '--concurrency', '1']).done).code).toBe(1);
    const checked = JSON.parse((await budgetlint(['check', '--format', 'json', report]).done).stdout) as { files: { findings: { severity: string; ruleId: string; fingerprint: string }[] }[] };
    const errors = checked.files[0]!.findings.filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => finding.ruleId)).toEqual(['sum-mismatch', 'ratio-mismatch', 'weights-sum']);
    const file = join(folder, 'decisions.json');
    const decisions = [
      { fingerprint: errors[0]!.fingerprint, state: 'dismissed', reason: '单位已说明', at: '2026-03-01T09:00:00Z' },
      ...errors.slice(1).map((finding) => ({ fingerprint: finding.fingerprint, state: 'baseline', at: '2026-03-01T09:00:00Z' })),
    ];
    writeFileSync(file, JSON.stringify({ budgetlintDecisions: 1, decisions }));
    const imported = await budgetlint(['decisions', 'import', file, '--db', url]).done;
    expect(imported.stderr).toBe(`已导入 3 条决定到 ${url}（确认 0，忽略 1，基线 2）\n`);
    const exported = JSON.parse((await budgetlint(['decisions', 'export', '--db', url]).done).stdout) as { decisions: { fingerprint: string; state: string }[] };
    expect(exported.decisions.map((decision) => decision.state).sort()).toEqual(['baseline', 'baseline', 'dismissed']);

    const again = await budgetlint(['run', folder, '--db', url, '--concurrency', '1']).done;
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('  决定：已忽略或基线 3 条（不计入退出码）\n');

    // The 支出 corrected (358.84 → 358.80): the sum and the share hold, two decisions go stale.
    writeFileSync(report, readFileSync(report, 'utf8').replace('358.84 万元', '358.80 万元'));
    expect((await budgetlint(['run', folder, '--db', url, '--concurrency', '1']).done).stdout).toContain('过期 2 条（其发现已不再出现，--prune-decisions 删除）');
    expect((await budgetlint(['run', folder, '--db', url, '--concurrency', '1', '--prune-decisions']).done).stdout).toContain('已删除过期决定 2 条');
    const left = JSON.parse((await budgetlint(['decisions', 'export', '--db', url]).done).stdout) as { decisions: { ruleId?: string; state: string }[] };
    expect(left.decisions.map((decision) => decision.state)).toEqual(['baseline']);
  }, 180_000);

  it('a worker killed with SIGKILL mid-job: its job expires, another worker takes it, nothing is stored twice', async () => {
    const url = await database();
    const folder = folderWith({ 'a-slow.md': '慢文件', 'b.md': '乙', 'c.md': '丙' });
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    expect((await budgetlint(['run', folder, '--db', url, '--no-work', '--job-expiry', '3']).done).code).toBe(0);
    const doomed = budgetlint(['worker', '--db', url, '--concurrency', '1'], { ...FAKE, BUDGETLINT_TEST_SLOW_MS: '600000' });
    await until('the slow job to be held', async () => (await jobsByPath(url)).get(join(folder, 'a-slow.md'))?.state === 'active');
    doomed.child.kill('SIGKILL');
    expect((await doomed.done).signal).toBe('SIGKILL');

    const rescuer = await budgetlint(['worker', '--db', url, '--concurrency', '2'], { ...FAKE, BUDGETLINT_TEST_SLOW_MS: '100' }).done;
    expect(rescuer.code, rescuer.stderr).toBe(0);
    const jobs = await jobsByPath(url);
    expect(jobs.get(join(folder, 'a-slow.md'))).toMatchObject({ state: 'completed', retry_count: 1 });
    const rows = await query<{ path: string; n: number }>(url, 'SELECT path, count(*)::int AS n FROM documents GROUP BY path ORDER BY path');
    expect(rows).toEqual(['a-slow.md', 'b.md', 'c.md'].map((name) => ({ path: join(folder, name), n: 1 })));
    const outcomes = await query<{ outcome: string }>(url, 'SELECT outcome FROM run_files ORDER BY path');
    expect(outcomes.map((row) => row.outcome)).toEqual(['new', 'new', 'new']);
  });

  it('a file that kills its worker on every try becomes that file\'s error after the retry limit; the others are stored', async () => {
    const url = await database();
    const folder = folderWith({ 'a.md': '甲', 'poison.md': '毒', 'z.md': '子' });
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    expect((await budgetlint(['run', folder, '--db', url, '--no-work', '--job-expiry', '2']).done).code).toBe(0);
    let killed = 0;
    for (let spawned = 0; spawned < 8; spawned++) {
      const worker = await budgetlint(['worker', '--db', url, '--concurrency', '1'], FAKE).done;
      if (worker.signal === 'SIGKILL') {
        killed++;
        continue;
      }
      expect(worker.code, worker.stderr).toBe(0);
      break;
    }
    // The first try and two retries (the queue's retry limit), each killing its worker.
    expect(killed).toBe(3);
    const store = await PostgresStore.open(url);
    try {
      expect(await store.failures(1)).toEqual([{ path: join(folder, 'poison.md'), code: 'worker-crashed', message: '尝试 3 次均失败：处理进程在处理中途消失（被终止、崩溃或超过任务时限）' }]);
      expect(await store.runCounts(1)).toMatchObject({ total: 3, new: 2, failed: 1 });
    } finally {
      await store.close();
    }
    // A later run asks for the file again: its job gets new tries (and here fails again).
    const again = await budgetlint(['run', folder, '--db', url, '--no-work', '--job-expiry', '2']).done;
    expect(again.stderr).toContain('第 2 次运行：3 个文件，入队 1（其中 0 个内容已在队列中），库中已有 2');
  });

  it('PostgreSQL stopped for a few seconds mid-run: the worker waits, reconnects and the run completes', async () => {
    // A cluster of its own: stopping the shared one would break the other test files running now.
    const started = spawnSync('bash', ['-c', 'source .ci/postgres.sh >/dev/null && printf "%s\\n%s\\n%s\\n" "$BUDGETLINT_TEST_PG" "$BUDGETLINT_TEST_PG_CTL" "$PG_CTL_STOP"'], { cwd: ROOT, encoding: 'utf8' });
    expect(started.status, started.stderr).toBe(0);
    const [url, pgCtl, stop] = started.stdout.trim().split('\n') as [string, string, string];
    cleanups.push(() => void spawnSync('bash', ['-c', stop]));
    const folder = folderWith(Object.fromEntries(Array.from({ length: 16 }, (_, index) => [`f${String(index).padStart(2, '0')}.md`, `文件 ${index}`])));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    expect((await budgetlint(['run', folder, '--db', url, '--no-work']).done).code).toBe(0);
    // 16 files of a second each on two slots: the restart falls well within the run.
    const worker = budgetlint(['worker', '--db', url, '--concurrency', '2'], { ...FAKE, BUDGETLINT_TEST_DELAY_MS: '1000' });
    await until('a few files to be stored', async () => (await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM documents'))[0]!.n >= 2);
    expect(spawnSync('bash', ['-c', `${pgCtl} stop -m fast`]).status).toBe(0);
    await sleep(3000);
    expect(spawnSync('bash', ['-c', `${pgCtl} start -w`]).status).toBe(0);
    const finished = await worker.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toContain('PostgreSQL 暂时无法连接');
    const rows = await query<{ path: string; n: number }>(url, 'SELECT path, count(*)::int AS n FROM documents GROUP BY path');
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    expect((await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM run_files WHERE outcome <> 'new'"))[0]!.n).toBe(0);
  });

  it('SIGTERM: the worker finishes the file in hand, takes no other and exits 0', async () => {
    const url = await database();
    const folder = folderWith({ 'a-slow.md': '慢', 'b.md': '乙' });
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    expect((await budgetlint(['run', folder, '--db', url, '--no-work']).done).code).toBe(0);
    const worker = budgetlint(['worker', '--db', url, '--concurrency', '1', '--watch'], { ...FAKE, BUDGETLINT_TEST_SLOW_MS: '6000' });
    await until('the slow job to be held', async () => (await jobsByPath(url)).get(join(folder, 'a-slow.md'))?.state === 'active');
    // What `status` shows while the worker holds the job (read in-process: a CLI start may outlast the slow file).
    const store = await PostgresStore.open(url);
    const [row] = await store.runProgress([1]);
    await store.close();
    expect(runStatusOf(row!, Date.now() / 1000)).toMatchObject({ runId: 1, files: 2, queued: 1, running: 1, done: 0, failed: 0, etaSeconds: null });
    worker.child.kill('SIGTERM');
    const finished = await worker.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stderr).toContain('收到 SIGTERM，处理完手上的文件后退出');
    const jobs = await jobsByPath(url);
    expect(jobs.get(join(folder, 'a-slow.md'))?.state).toBe('completed');
    expect(jobs.get(join(folder, 'b.md'))?.state).toBe('created');
    const outcomes = await query<{ outcome: string }>(url, 'SELECT outcome FROM run_files ORDER BY path');
    expect(outcomes.map((row) => row.outcome)).toEqual(['new', 'queued']);
  });

  it('run --upload: workers read the bytes from PostgreSQL, the files themselves may be gone', async () => {
    const url = await database();
    const folder = mkdtempSync(join(tmpdir(), 'budgetlint-dist-up-'));
    for (const name of ['jinkouhe-ybj-2025.md', 'meixian-ybj-2025.docx']) copyFileSync(join(REPORTS, name), join(folder, name));
    expect((await budgetlint(['run', folder, '--db', url, '--no-work', '--upload']).done).code).toBe(0);
    rmSync(folder, { recursive: true, force: true });
    expect(existsSync(folder)).toBe(false);
    const worker = await budgetlint(['worker', '--db', url, '--concurrency', '2']).done;
    expect(worker.code, worker.stderr).toBe(0);
    expect((await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM blobs'))[0]!.n).toBe(2);
    const documents = await query<{ path: string; status: string; facts: number }>(url,
      'SELECT d.path, d.status, (SELECT count(*)::int FROM facts f WHERE f.document_id = d.id) AS facts FROM documents d ORDER BY d.path');
    expect(documents.map((row) => [row.path, row.status])).toEqual([[join(folder, 'jinkouhe-ybj-2025.md'), 'ok'], [join(folder, 'meixian-ybj-2025.docx'), 'ok']]);
    expect(documents.every((row) => row.facts > 10)).toBe(true);
  });

  it('refuses worker and status without a PostgreSQL URL, and --no-work on SQLite', async () => {
    const worker = await budgetlint(['worker', '--db', 'results.sqlite']).done;
    expect(worker).toMatchObject({ code: 2, stderr: 'budgetlint worker: worker 需要 PostgreSQL 结果库：--db postgres://用户@主机/库名（或环境变量 BUDGETLINT_DB）\n' });
    const status = await budgetlint(['status']).done;
    expect(status.code).toBe(2);
    const noWork = await budgetlint(['run', REPORTS, '--db', join(tmpdir(), 'x.sqlite'), '--no-work']).done;
    expect(noWork).toMatchObject({ code: 2, stderr: 'budgetlint run: --no-work、--upload、--job-expiry 只用于 PostgreSQL 结果库（--db postgres://…）\n' });
  });
});

