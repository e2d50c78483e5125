/** Turn the paths a user gives into the files to read. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SUPPORTED_EXTENSIONS } from '../extractors/index.js';

export interface CollectedPaths {
  /** Files to process, in a stable order. */
  files: string[];
  /** Paths that yield nothing, each with a one-line reason (missing, empty folder, broken link). */
  problems: { path: string; message: string; code: string }[];
}

const supported = new Set<string>(SUPPORTED_EXTENSIONS);

/**
 * What a walk has seen, by real path: each folder is walked once and each file taken once,
 * however many symbolic links lead to it, so a link back up the tree ends the descent.
 */
interface Walk {
  seen: Set<string>;
  into: string[];
  problems: CollectedPaths['problems'];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function walk(dir: string, state: Walk): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
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
      } catch {
        // A link to nothing is said, not skipped silently; only one that would be picked up by its name.
        if (supported.has(extname(entry.name).toLowerCase())) state.problems.push({ path: full, message: '符号链接指向的文件不存在', code: 'not-found' });
        continue;
      }
    }
    if (isDirectory) {
      const real = await realpath(full);
      if (state.seen.has(real)) continue;
      state.seen.add(real);
      await walk(full, state);
    } else if (isFile && supported.has(extname(entry.name).toLowerCase())) {
      const real = await realpath(full);
      if (state.seen.has(real)) continue;
      state.seen.add(real);
      state.into.push(full);
    }
  }
}

const EXTENSION_LIST = SUPPORTED_EXTENSIONS.join(' ');

/**
 * Files named explicitly are read whatever their extension (content decides the format);
 * folders are walked recursively for supported extensions, following symbolic links once.
 */
export async function collectFiles(paths: string[]): Promise<CollectedPaths> {
  const files: string[] = [];
  const problems: CollectedPaths['problems'] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      problems.push({ path, message: '路径不存在或无法访问', code: 'not-found' });
      continue;
    }
    if (info.isDirectory()) {
      const state: Walk = { seen, into: [], problems: [] };
      try {
        const real = await realpath(path);
        if (seen.has(real)) continue;
        seen.add(real);
        await walk(path, state);
      } catch (error) {
        problems.push({ path, message: `无法读取目录：${describe(error)}`, code: 'io' });
        continue;
      }
      problems.push(...state.problems);
      if (state.into.length === 0 && state.problems.length === 0) problems.push({ path, message: `目录中没有可识别的报告文件（${EXTENSION_LIST}）`, code: 'no-reports' });
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
  return { files, problems };
}
