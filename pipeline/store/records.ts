/** What a processed file hands to the store; free of SQLite so worker threads can import it. */
import type { Document } from '../../model/document.js';
import type { FileResult, OutputFact } from '../../model/result.js';
import type { NormalizedDocument } from '../../normalizers/index.js';

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
  /** For each of result.facts, the unit as printed (`万元`), when known. */
  printedUnits?: (string | null)[];
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

/**
 * The unit as printed for each of `facts` (which `toOutputFacts` built from `normalized`, in
 * the order of normalized.facts, skipping facts without a figure). Null where it can't be matched.
 */
export function printedUnits(normalized: NormalizedDocument | undefined, facts: OutputFact[]): (string | null)[] {
  if (!normalized) return facts.map(() => null);
  const figures = new Map(normalized.figures.map((figure) => [figure.id, figure]));
  const matched = normalized.facts.flatMap((fact) => {
    const figure = figures.get(fact.figureId);
    return figure ? [figure] : [];
  });
  if (matched.length !== facts.length) return facts.map(() => null);
  return facts.map((fact, index) => (matched[index]?.raw === fact.raw ? matched[index]!.unit : null));
}
