/** Turn the paths a user gives into the files to read. */
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { access, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SUPPORTED_EXTENSIONS } from '../extractors/index.js';
import { HTML_GENERATOR_MARK, REPORT_FOLDER_MARK } from './generator-mark.js';

export interface CollectedPaths {
  /** Files to process, in a stable order. */
  files: string[];
  /**
   * Paths that yield nothing, each with a one-line reason (missing, empty folder, broken link,
   * unreadable folder). `named` marks a path given on the command line, not found by a walk.
   */
  problems: { path: string; message: string; code: string; named?: boolean }[];
  /** budgetlint's own reports a walk passed over (report folders, HTML review reports). */
  skipped: string[];
}


const supported = new Set<string>(SUPPORTED_EXTENSIONS);
const HTML_EXTENSIONS = new Set(['.html', '.htm']);

/**
 * What a walk has seen, by real path: each folder is walked once and each file taken once,
 * however many symbolic links lead to it, so a link back up the tree ends the descent.
 */
interface Walk {
  seen: Set<string>;
  into: string[];
  problems: CollectedPaths['problems'];
  skipped: string[];
}

/** Why a folder or file could not be read, in Chinese, with the system's code. */
function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `权限不足（${code}）`;
    case 'ENOENT':
      return '已不存在（ENOENT）';
    case 'ELOOP':
      return '符号链接循环（ELOOP）';
    case 'EIO':
      return '磁盘读写错误（EIO）';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** A link whose target is gone or loops; said only where it could be a report or a folder of them. */
function mayHoldReports(name: string): boolean {
  const extension = extname(name).toLowerCase();
  return extension === '' || supported.has(extension);
}

/** An HTML file budgetlint wrote: its head carries the generator mark. */
function isOwnHtmlReport(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const length = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, length).toString('utf8').includes(HTML_GENERATOR_MARK);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function isReportFolder(dir: string): Promise<boolean> {
  try {
    await access(join(dir, REPORT_FOLDER_MARK));
    return true;
  } catch {
    return false;
  }
}

/** Walks one folder; an entry that cannot be read becomes one problem and the walk goes on. */
async function walk(dir: string, state: Walk): Promise<void> {
  if (await isReportFolder(dir)) {
    state.skipped.push(dir);
    return;
  }
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    state.problems.push({ path: dir, message: `无法读取目录：${describe(error)}`, code: 'io' });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Hidden folders and files (.git, ~$ lock files of editors are `.~lock…`) and node_modules are never reports.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(full);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        // A link to nothing, or a ring of links, is said, not skipped silently.
        if (mayHoldReports(entry.name)) {
          const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
          state.problems.push(loop ? { path: full, message: '符号链接循环', code: 'link-loop' } : { path: full, message: '符号链接指向的文件不存在', code: 'not-found' });
        }
        continue;
      }
    }
    if (!isDirectory && !(isFile && supported.has(extname(entry.name).toLowerCase()))) continue;
    let real: string;
    try {
      real = await realpath(full);
    } catch (error) {
      state.problems.push({ path: full, message: `无法读取${isDirectory ? '目录' : '文件'}：${describe(error)}`, code: 'io' });
      continue;
    }
    if (state.seen.has(real)) continue;
    state.seen.add(real);
    if (isDirectory) {
      await walk(full, state);
      continue;
    }
    try {
      await access(full, constants.R_OK);
    } catch (error) {
      state.problems.push({ path: full, message: `无法读取文件：${describe(error)}`, code: 'io' });
      continue;
    }
    if (HTML_EXTENSIONS.has(extname(entry.name).toLowerCase()) && isOwnHtmlReport(full)) {
      state.skipped.push(full);
      continue;
    }
    state.into.push(full);
  }
}

/** The one line a command prints about the reports a walk skipped. */
export function describeSkipped(skipped: readonly string[]): string {
  const shown = skipped.slice(0, 3).join('、');
  return `已跳过 ${skipped.length} 份 budgetlint 自己生成的审阅报告（${shown}${skipped.length > 3 ? ' 等' : ''}），不作为输入`;
}

const EXTENSION_LIST = SUPPORTED_EXTENSIONS.join(' ');

/**
 * Files named explicitly are read whatever their extension (content decides the format);
 * folders are walked recursively for supported extensions, following symbolic links once.
 */
export async function collectFiles(paths: string[]): Promise<CollectedPaths> {
  const files: string[] = [];
  const problems: CollectedPaths['problems'] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
      problems.push({ path, message: loop ? '符号链接循环' : '路径不存在或无法访问', code: loop ? 'link-loop' : 'not-found', named: true });
      continue;
    }
    if (info.isDirectory()) {
      const state: Walk = { seen, into: [], problems: [], skipped };
      let real = path;
      try {
        real = await realpath(path);
      } catch {
        // stat worked: keep the path as given
      }
      if (seen.has(real)) continue;
      seen.add(real);
      const skippedBefore = skipped.length;
      await walk(path, state);
      problems.push(...state.problems);
      if (state.into.length === 0 && state.problems.length === 0 && skipped.length === skippedBefore) problems.push({ path, message: `目录中没有可识别的报告文件（${EXTENSION_LIST}）`, code: 'no-reports' });
      files.push(...state.into);
    } else {
      let real = path;
      try {
        real = await realpath(path);
      } catch {
        // stat worked: keep the path as given
      }
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(path);
    }
  }
  return { files, problems, skipped };
}
