/** Where a finding is, one way for every output: `页:行:列`, or the source's own locator (Word `第 12 段`). */
import type { FileError } from '../../model/document.js';
import type { FileResult } from '../../model/result.js';

export interface Located {
  page: number;
  line: number;
  column: number;
  locator?: string | null | undefined;
}

export function locationText(at: Located): string {
  return at.locator ?? `${at.page}:${at.line}:${at.column}`;
}

/** Errors about the whole file (it could not be read), as opposed to one page's problem. */
export function fileErrors(file: FileResult): FileError[] {
  return file.errors.filter((error) => error.page === undefined);
}
