/** Turn the paths a user gives into the files to read. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SUPPORTED_EXTENSIONS } from '../extractors/index.js';

export interface CollectedPaths {
  /** Files to process, in a stable order. */
  files: string[];
  /** Paths that yield nothing, each with a one-line reason (missing, empty folder). */
  problems: { path: string; message: string; code: string }[];
}

const supported = new Set<string>(SUPPORTED_EXTENSIONS);

async function walk(dir: string, into: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, into);
    else if (entry.isFile() && supported.has(extname(entry.name).toLowerCase())) into.push(full);
  }
}

/**
 * Files named explicitly are read whatever their extension (content decides the format);
 * folders are walked recursively for supported extensions.
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
      const found: string[] = [];
      try {
        await walk(path, found);
      } catch (error) {
        problems.push({ path, message: `无法读取目录：${error instanceof Error ? error.message : String(error)}`, code: 'io' });
        continue;
      }
      if (found.length === 0) problems.push({ path, message: '目录中没有可识别的报告文件（.md .txt .html .pdf .docx .doc 或图片）', code: 'no-reports' });
      for (const file of found) if (!seen.has(file)) { seen.add(file); files.push(file); }
    } else if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  }
  return { files, problems };
}
