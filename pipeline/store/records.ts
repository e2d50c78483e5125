/** What a processed file hands to the store; free of SQLite so worker threads can import it. */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DocumentSchema, type Document, type FileError } from '../../model/document.js';
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

/**
 * A Document as the extraction layer stores it: JSON, Brotli-compressed (quality 5: about a sixth
 * of the JSON, some 10 ms per 200 kB; higher qualities gain a few percent for ten times the time).
 */
export function encodeDocument(document: Document): { blob: Buffer; jsonBytes: number } {
  const json = Buffer.from(JSON.stringify(document), 'utf8');
  const blob = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  return { blob, jsonBytes: json.length };
}

/** A stored Document back, checked against the model (a stored record is a boundary). */
export function decodeDocument(blob: Uint8Array): Document {
  return DocumentSchema.parse(JSON.parse(brotliDecompressSync(blob).toString('utf8')));
}

/**
 * What the extraction layer keeps of a file's content: the compressed Document, or — for content
 * no extractor can read (corrupt, empty, encrypted) — the format sniffed and the error.
 */
export type ExtractionRecord =
  | { ok: true; blob: Uint8Array; jsonBytes?: number; elapsedMs?: number }
  | { ok: false; format?: string; error: FileError; elapsedMs?: number };

/** A file's result as it comes back from a worker, ready to be stored. */
export interface ProcessedRecord {
  path: string;
  sha256: string;
  size?: number;
  mtimeMs?: number;
  result: FileResult;
  pages: PageSummary[];
  elapsedMs?: number;
  /** The extraction this result was analyzed from: a stored one (its id), or a new one to store with it. */
  extraction?: { id: number } | ExtractionRecord;
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
