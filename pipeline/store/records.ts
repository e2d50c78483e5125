/** What a processed file hands to the store; free of SQLite so worker threads can import it. */
import type { Document } from '../../model/document.js';
import type { FileResult } from '../../model/result.js';

/** What the pages table keeps of a page (not its text). */
export interface PageSummary {
  number: number;
  source: string;
  needsOcr: boolean;
  width?: number;
  height?: number;
  lineCount: number;
  tableCount: number;
  charCount: number;
  notices: string[];
}

export function summarizePages(document: Document): PageSummary[] {
  return document.pages.map((page) => ({
    number: page.number,
    source: page.source,
    needsOcr: page.needsOcr === true,
    ...(page.width !== undefined ? { width: page.width } : {}),
    ...(page.height !== undefined ? { height: page.height } : {}),
    lineCount: page.lines.length,
    tableCount: page.tables.length,
    charCount: page.lines.reduce((sum, line) => sum + line.text.length, 0),
    notices: page.notices,
  }));
}

/** A file's result as it comes back from a worker, ready to be stored. */
export interface ProcessedRecord {
  path: string;
  sha256: string;
  size?: number;
  mtimeMs?: number;
  result: FileResult;
  pages: PageSummary[];
  elapsedMs?: number;
}

export interface FileSeen {
  path: string;
  sha256?: string;
  size?: number;
  mtimeMs?: number;
}

/** A document counts as failed when an error concerns the whole file (not a single page). */
export function isFailed(result: Pick<FileResult, 'errors'>): boolean {
  return result.errors.some((error) => error.page === undefined);
}
