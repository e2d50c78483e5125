/** `budgetlint run` as a user runs it (a child process): progress lines on stderr, the summary on stdout, exit codes. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressReporter } from '../pipeline/run/progress.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
const CLI = fileURLToPath(new URL('../pipeline/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
const REPORTS = readdirSync(FIXTURES).filter((name) => name.endsWith('.md')).sort();

let dir: string;
let docs: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-run-cli-'));
  docs = join(dir, 'reports');
  mkdirSync(docs);
  for (const name of REPORTS) copyFileSync(new URL(name, FIXTURES), join(docs, name));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  const child = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { encoding: 'utf8', cwd: dir });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('budgetlint run (command line)', () => {
  it('prints a progress line every N files on a non-terminal stderr and a summary on stdout; reruns reuse', () => {
    const db = join(dir, 'cli.sqlite');
    const first = cli('run', docs, '--db', db, '--concurrency', '2', '--progress-every', '2', '--format', 'json');
    const summary = JSON.parse(first.stdout);
    expect(summary.counts).toMatchObject({ total: REPORTS.length, processed: REPORTS.length, fromStore: 0 });
    const errors = summary.bySeverity.error ?? 0;
    expect(first.code).toBe(errors > 0 ? 1 : 0);
    const progress = first.stderr.split('\n').filter((line) => line.startsWith('budgetlint run: '));
    // A line each time the count passes a multiple of 2 (results are committed in groups), and one at the end.
    const counts = progress.map((line) => Number(line.match(/(\d+)\/5 个文件/)?.[1]));
    expect(counts.at(-1)).toBe(5);
    expect(counts).toEqual([...new Set(counts)].sort((a, b) => a - b));
    for (const [index, count] of counts.slice(0, -1).entries()) expect(Math.floor(count / 2)).toBeGreaterThan(Math.floor((counts[index - 1] ?? 0) / 2));
    expect(progress.at(-1)).toMatch(new RegExp(`5/5 个文件 · 新 ${summary.counts.new} · 复用 0 · 失败 ${summary.counts.failed} · [\\d.]+ 页/秒 · 剩余 00:00$`));

    const second = cli('run', docs, '--db', db, '--concurrency', '2');
    expect(second.code).toBe(first.code);
    expect(second.stdout).toContain(`budgetlint run：共 ${REPORTS.length} 个文件`);
    expect(second.stdout).toContain(`新处理 0 · 复用 ${summary.counts.reused + summary.counts.new} · 失败 ${summary.counts.failed}（本次实际处理 0 个文件，0 页；读取文件 0 个，用库中已抽取的文档重新分析 0 个）`);
    expect(second.stdout).toContain('较上次运行（第 1 次）新增发现 0 条');
  });

  it('rejects bad options with exit code 2 and a one-line reason', () => {
    const bad = cli('run', docs, '--concurrency', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('budgetlint run: --concurrency 需要正整数，收到 "0"');
    expect(cli('run').stderr.trim()).toBe('budgetlint run: 请给出至少一个文件或目录');
    expect(cli('run', docs, '--rule', 'no-such-rule=off').code).toBe(2);
  });
});

describe('ProgressReporter', () => {
  const state = (done: number, total = 4) => ({ total, done, processed: done, reused: 0, failed: 0, pages: done * 2, elapsedMs: done * 1000 });

  it('redraws one bar in place on a terminal and clears it at the end', () => {
    const out: string[] = [];
    const reporter = new ProgressReporter((text) => out.push(text), { tty: true, every: 1, columns: 100 });
    reporter.update(state(4));
    reporter.finish();
    expect(out[0]).toMatch(/^\r\x1b\[2K\[█+\] 4\/4 个文件 · 新 4 · 复用 0 · 失败 0 · 2\.0 页\/秒 · 剩余 00:00$/);
    expect(out[1]).toBe('\r\x1b[2K');
  });

  it('prints a plain line whenever the count passes a multiple of N, and at the end', () => {
    const out: string[] = [];
    const reporter = new ProgressReporter((text) => out.push(text), { tty: false, every: 10 });
    for (const done of [3, 9, 12, 13, 25, 27]) reporter.update({ ...state(done, 27) });
    expect(out.map((line) => line.match(/(\d+)\/27/)?.[1])).toEqual(['12', '25', '27']);
  });

  it('estimates the time left from the time per file so far', () => {
    const out: string[] = [];
    const reporter = new ProgressReporter((text) => out.push(text), { tty: false, every: 1 });
    reporter.update({ ...state(1, 121), elapsedMs: 1000 });
    expect(out).toEqual(['budgetlint run: 1/121 个文件 · 新 1 · 复用 0 · 失败 0 · 2.0 页/秒 · 剩余 02:00\n']);
  });
});
