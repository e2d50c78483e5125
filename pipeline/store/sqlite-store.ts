/** The SQLite store (ResultStore, synchronous) behind the async Store interface. */
import type { Store } from './api.js';
import type { FileSeen, ProcessedRecord } from './records.js';
import { ResultStore, type RunStartInfo } from './store.js';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  constructor(readonly inner: ResultStore) {}

  static open(path: string): SqliteStore {
    return new SqliteStore(ResultStore.open(path));
  }

  async startRun(info: RunStartInfo) {
    return this.inner.startRun(info);
  }
  async setFilesTotal(runId: number, total: number) {
    this.inner.setFilesTotal(runId, total);
  }
  async finishRun(runId: number) {
    return this.inner.finishRun(runId);
  }
  async runCounts(runId: number) {
    return this.inner.runCounts(runId);
  }
  async findDocument(sha256: string, fingerprint: string) {
    return this.inner.findDocument(sha256, fingerprint);
  }
  async findExtraction(sha256: string, extractorVersion: string, ocr: string) {
    return this.inner.findExtraction(sha256, extractorVersion, ocr);
  }
  async extractionBlob(id: number) {
    return this.inner.extractionBlob(id);
  }
  async recordProcessed(runId: number, fingerprint: string, record: ProcessedRecord) {
    return this.inner.recordProcessed(runId, fingerprint, record);
  }
  async recordReused(runId: number, file: FileSeen & { sha256: string }, documentId: number) {
    this.inner.recordReused(runId, file, documentId);
  }
  async recordFailure(runId: number, file: FileSeen, error: { code: string; message: string }) {
    this.inner.recordFailure(runId, file, error);
  }
  async loadResult(documentId: number) {
    return this.inner.loadResult(documentId);
  }
  async findingCounts(runId: number) {
    return this.inner.findingCounts(runId);
  }
  async newFindings(runId: number) {
    return this.inner.newFindings(runId);
  }
  async failures(runId: number) {
    return this.inner.failures(runId);
  }
  async previousRun(runId: number) {
    return this.inner.previousRun(runId);
  }
  async documentCount(sha256?: string) {
    const row = sha256 === undefined
      ? this.inner.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM documents').get()
      : this.inner.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM documents WHERE sha256 = ?').get(sha256);
    return row?.n ?? 0;
  }
  async close() {
    this.inner.close();
  }
}
