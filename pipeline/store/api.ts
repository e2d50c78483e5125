/**
 * The results store as the distributed path and the shared store tests see it: one async
 * interface, two implementations — SQLite (the default, one machine; a thin layer over
 * ResultStore) and PostgreSQL (many machines, pipeline/store/postgres/). Both keep the same two
 * layers: extractions by content, extractor version and OCR mode; documents with their facts and
 * findings by content and fingerprint.
 */
import type { FileResult } from '../../model/result.js';
import type { FileSeen, ProcessedRecord } from './records.js';
import type { NewFinding, RunCounts, RunOutcome, RunStartInfo, StoredExtraction } from './store.js';

export type { NewFinding, RunCounts, RunOutcome, RunStartInfo, StoredExtraction } from './store.js';

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  startRun(info: RunStartInfo): Promise<number>;
  setFilesTotal(runId: number, total: number): Promise<void>;
  finishRun(runId: number): Promise<RunCounts>;
  runCounts(runId: number): Promise<RunCounts>;
  findDocument(sha256: string, fingerprint: string): Promise<{ id: number; status: string } | undefined>;
  findExtraction(sha256: string, extractorVersion: string, ocr: string): Promise<StoredExtraction | undefined>;
  extractionBlob(id: number): Promise<Buffer | undefined>;
  /** One processed file, whole or not at all; the same content under the same fingerprint stored before is reused. */
  recordProcessed(runId: number, fingerprint: string, record: ProcessedRecord): Promise<{ documentId: number; outcome: RunOutcome }>;
  recordReused(runId: number, file: FileSeen & { sha256: string }, documentId: number): Promise<void>;
  recordFailure(runId: number, file: FileSeen, error: { code: string; message: string }): Promise<void>;
  loadResult(documentId: number): Promise<(FileResult & { status: string }) | undefined>;
  findingCounts(runId: number): Promise<{ bySeverity: Record<string, number>; byRule: { ruleId: string; severity: string; count: number }[] }>;
  newFindings(runId: number): Promise<NewFinding[]>;
  failures(runId: number): Promise<{ path: string; code: string | null; message: string }[]>;
  previousRun(runId: number): Promise<{ id: number; started_at: string; status: string } | undefined>;
  /** Documents stored for this content, under any fingerprint (tests: "stored once"). */
  documentCount(sha256?: string): Promise<number>;
  close(): Promise<void>;
}

/** `--db` / BUDGETLINT_DB: a postgres:// or postgresql:// URL selects PostgreSQL; anything else is a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** A URL for messages: the password masked. */
export function describeDb(db: string): string {
  return isPostgresUrl(db) ? db.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@') : db;
}
