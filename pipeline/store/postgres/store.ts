/**
 * The results store on PostgreSQL: the same tables and guarantees as the SQLite store (each
 * document with everything it yields in one transaction; one document per content and
 * fingerprint), written by any number of workers on any number of machines. A transaction that
 * stores a content takes an advisory lock on (content, fingerprint), so two workers that got the
 * same file (a job retried after its worker seemed dead) store it once, and an enqueuing run
 * never misses a document stored while it looked.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import type { FileResult, Meta } from '../../../model/result.js';
import { disputingRules } from '../../output.js';
import { layerVersions, TOOL_VERSION } from '../../version.js';
import type { Store } from '../api.js';
import { describeDb } from '../api.js';
import { isFailed, type FileSeen, type ProcessedRecord } from '../records.js';
import { fileResultOfRows } from '../rows.js';
import { StoreError, type NewFinding, type RunCounts, type RunOutcome, type RunStartInfo, type StoredExtraction } from '../store.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './schema.js';

const SCHEMA = 'budgetlint';

type Client = pg.PoolClient;

function now(): string {
  return new Date().toISOString();
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** bigint ids and counts come back as numbers (ids stay far below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Connection problems that a restarted or briefly unreachable server causes: worth waiting out. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(code)
    || /Connection terminated|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|connect ECONNREFUSED/i.test(message);
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly url: string;

  private constructor(pool: pg.Pool, url: string) {
    this.pool = pool;
    this.url = url;
  }

  /** Connects and brings the schema to this version. Throws StoreError with a one-line Chinese message. */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, types, options: `-c search_path=${SCHEMA}`, connectionTimeoutMillis: 15_000 });
    // A server restart ends idle connections with an error event: the pool replaces them; never a crash.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, url);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof StoreError) throw error;
      throw new StoreError(`无法打开 PostgreSQL 结果库 ${describeDb(url)}：${describe(error)}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // One upgrade at a time, whoever starts first; the others then see the new version.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('budgetlint-schema'))`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_version (version integer NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())`);
      const row = (await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${SCHEMA}.schema_version`)).rows[0];
      const version = row?.version ?? 0;
      if (version > PG_SCHEMA_VERSION) {
        throw new StoreError(`PostgreSQL 结果库由更新版本的 budgetlint 创建（库版本 ${version}，本程序支持 ${PG_SCHEMA_VERSION}），请升级`);
      }
      for (let next = version + 1; next <= PG_SCHEMA_VERSION; next++) {
        await client.query(PG_MIGRATIONS[next - 1]!);
        await client.query(`INSERT INTO ${SCHEMA}.schema_version (version) VALUES ($1)`, [next]);
      }
    });
  }

  async schemaVersion(): Promise<number> {
    return (await this.pool.query<{ version: number }>('SELECT max(version) AS version FROM schema_version')).rows[0]!.version;
  }

  async transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection lost between two statements (a server restart) is emitted on the checked-out
    // client: without a listener it would crash the process; the next statement fails instead.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.off('error', onError);
      // A broken connection is discarded, not returned to the pool.
      client.release(lost);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async startRun(info: RunStartInfo & { uploaded?: boolean }): Promise<number> {
    const versions = info.versions ?? layerVersions();
    const result = await this.pool.query<{ id: number }>(`INSERT INTO runs (started_at, status, pid, host, tool_version, extractor_version, rules_version, fingerprint, settings, paths, concurrency, files_total, uploaded)
      VALUES ($1, 'running', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [now(), process.pid, hostname(), TOOL_VERSION, versions.extractor, versions.rules, info.fingerprint, json(info.settings), json(info.paths), info.concurrency, info.filesTotal ?? null, info.uploaded ?? false]);
    return result.rows[0]!.id;
  }

  async setFilesTotal(runId: number, total: number): Promise<void> {
    await this.pool.query('UPDATE runs SET files_total = $1 WHERE id = $2', [total, runId]);
  }

  async finishRun(runId: number): Promise<RunCounts> {
    const counts = await this.runCounts(runId);
    await this.pool.query("UPDATE runs SET status = 'finished', finished_at = $1, processed = $2, reused = $3, failed = $4 WHERE id = $5",
      [now(), counts.processed, counts.fromStore, counts.failed, runId]);
    return counts;
  }

  async runCounts(runId: number): Promise<RunCounts> {
    const row = (await this.pool.query<{ total: number; new_ok: number | null; reused_ok: number | null; failed: number | null; processed: number | null; from_store: number | null }>(`
      SELECT count(*) AS total,
        count(*) FILTER (WHERE rf.outcome = 'new' AND d.status = 'ok') AS new_ok,
        count(*) FILTER (WHERE rf.outcome = 'reused' AND d.status = 'ok') AS reused_ok,
        count(*) FILTER (WHERE rf.outcome = 'error' OR d.status = 'failed') AS failed,
        count(*) FILTER (WHERE rf.outcome = 'new') AS processed,
        count(*) FILTER (WHERE rf.outcome = 'reused') AS from_store
      FROM run_files rf LEFT JOIN documents d ON d.id = rf.document_id WHERE rf.run_id = $1`, [runId])).rows[0];
    return {
      total: row?.total ?? 0,
      new: row?.new_ok ?? 0,
      reused: row?.reused_ok ?? 0,
      failed: row?.failed ?? 0,
      processed: row?.processed ?? 0,
      fromStore: row?.from_store ?? 0,
    };
  }

  async findDocument(sha256: string, fingerprint: string, client: pg.Pool | Client = this.pool): Promise<{ id: number; status: string } | undefined> {
    return (await client.query<{ id: number; status: string }>('SELECT id, status FROM documents WHERE sha256 = $1 AND fingerprint = $2', [sha256, fingerprint])).rows[0];
  }

  async findExtraction(sha256: string, extractorVersion: string, ocr: string): Promise<StoredExtraction | undefined> {
    return (await this.pool.query<StoredExtraction>(`SELECT id, status, format, error_code AS "errorCode", error_message AS "errorMessage"
      FROM extractions WHERE sha256 = $1 AND extractor_version = $2 AND ocr = $3`, [sha256, extractorVersion, ocr])).rows[0];
  }

  async extractionBlob(id: number): Promise<Buffer | undefined> {
    return (await this.pool.query<{ document: Buffer | null }>('SELECT document FROM extractions WHERE id = $1', [id])).rows[0]?.document ?? undefined;
  }

  /** Serializes everything that stores or waits for this content under this fingerprint, until the transaction ends. */
  private async lockContent(client: Client, sha256: string, fingerprint: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`${sha256}:${fingerprint}`]);
  }

  /**
   * Stores a processed file in one transaction. When the content is already stored under this
   * fingerprint (another worker got there first, or this job ran before its worker was killed),
   * nothing is stored again and the file is recorded as reused. Every path of any run queued
   * for this content under this fingerprint is resolved in the same transaction.
   */
  async recordProcessed(runId: number, fingerprint: string, record: ProcessedRecord): Promise<{ documentId: number; outcome: RunOutcome }> {
    return this.transaction(async (client) => {
      await this.lockContent(client, record.sha256, fingerprint);
      const existing = await this.findDocument(record.sha256, fingerprint, client);
      if (existing) {
        await this.upsertRunFile(client, runId, record, existing.id, 'reused');
        await this.resolveQueued(client, record.sha256, fingerprint, existing.id, 'reused');
        return { documentId: existing.id, outcome: 'reused' as const };
      }
      const documentId = await this.insertDocument(client, runId, fingerprint, record);
      await this.upsertRunFile(client, runId, record, documentId, 'new');
      await this.resolveQueued(client, record.sha256, fingerprint, documentId, 'new');
      return { documentId, outcome: 'new' as const };
    });
  }

  private async insertDocument(client: Client, runId: number, fingerprint: string, record: ProcessedRecord): Promise<number> {
    const { result } = record;
    const meta: Meta = result.meta ?? {};
    const extractionId = await this.storeExtraction(client, runId, record);
    const inserted = await client.query<{ id: number }>(`INSERT INTO documents (sha256, fingerprint, tool_version, extraction_id, extractor_version, rules_version, run_id, path, size, status, format, encoding, page_count,
        department, year, filing_date, self_score, title, province, city, county, region_code, meta, notices, timings, processed_at, elapsed_ms, host, coverage)
      SELECT $1, $2, $3, $4, r.extractor_version, r.rules_version, r.id, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27
      FROM runs r WHERE r.id = $5 RETURNING id`, [
      record.sha256, fingerprint, TOOL_VERSION, extractionId, runId, record.path, record.size ?? null, isFailed(result) ? 'failed' : 'ok',
      result.format ?? null, result.encoding ?? null, result.pages ?? null, meta.department ?? null, meta.year ?? null, meta.filingDate ?? null,
      meta.selfScore ?? null, meta.title ?? null, meta.region?.province ?? null, meta.region?.city ?? null, meta.region?.county ?? null,
      meta.region?.code ?? null, json(meta), json(result.notices ?? []), result.timings ? json(result.timings) : null, now(), record.elapsedMs ?? null, hostname(),
      result.coverage ? json(result.coverage) : null,
    ]);
    const documentId = inserted.rows[0]!.id;
    // Rows go in with one statement per table (unnest of arrays): a document's hundreds of facts in one round trip.
    if (record.pages.length > 0) {
      const pages = record.pages;
      await client.query(`INSERT INTO pages (document_id, number, source, needs_ocr, width, height, line_count, table_count, char_count, notices)
        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::float8[], $6::float8[], $7::int[], $8::int[], $9::int[], $10::text[])`, [
        documentId, pages.map((p) => p.number), pages.map((p) => p.source), pages.map((p) => (p.needsOcr ? 1 : 0)), pages.map((p) => p.width ?? null),
        pages.map((p) => p.height ?? null), pages.map((p) => p.lineCount), pages.map((p) => p.tableCount), pages.map((p) => p.charCount), pages.map((p) => json(p.notices)),
      ]);
    }
    if (result.facts.length > 0) {
      const facts = result.facts;
      const disputed = facts.map((fact) => disputingRules(fact, result.findings));
      await client.query(`INSERT INTO facts (document_id, seq, concept, funds, period, basis, value, unit, printed_unit, raw, label, subject, page, line, "column", locator, table_id, table_title, measure, code, fact_key, confidence, disputed_by)
        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
          $13::int[], $14::int[], $15::int[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::float8[], $23::text[])`, [
        documentId, facts.map((_, seq) => seq), facts.map((f) => f.concept), facts.map((f) => f.scope.funds), facts.map((f) => f.scope.period), facts.map((f) => f.scope.basis),
        facts.map((f) => f.value), facts.map((f) => f.unit), facts.map((f) => f.printedUnit ?? null), facts.map((f) => f.raw), facts.map((f) => f.label),
        facts.map((f) => f.subject.join('/')), facts.map((f) => f.page), facts.map((f) => f.line), facts.map((f) => f.column), facts.map((f) => f.locator ?? null),
        facts.map((f) => f.tableId ?? null), facts.map((f) => f.table ?? null), facts.map((f) => (f.measure ? f.measure.join('/') : null)), facts.map((f) => f.code ?? null), facts.map((f) => f.key ?? null),
        facts.map((f) => f.confidence ?? null), disputed.map((rules) => (rules.length > 0 ? rules.join(',') : null)),
      ]);
    }
    if (result.findings.length > 0) {
      const findings = result.findings;
      await client.query(`INSERT INTO findings (document_id, seq, rule_id, severity, message, message_id, data, page, line, "column", locator, actual, expected, evidence, fingerprint)
        SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])`, [
        documentId, findings.map((_, seq) => seq), findings.map((f) => f.ruleId), findings.map((f) => f.severity), findings.map((f) => f.message), findings.map((f) => f.messageId),
        findings.map((f) => json(f.data)), findings.map((f) => f.page), findings.map((f) => f.line), findings.map((f) => f.column), findings.map((f) => f.locator ?? null),
        findings.map((f) => f.actual ?? null), findings.map((f) => f.expected ?? null), findings.map((f) => json(f.evidence)), findings.map((f) => f.fingerprint ?? null),
      ]);
    }
    for (const error of result.errors) {
      await client.query('INSERT INTO errors (document_id, run_id, path, sha256, code, message, page) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [documentId, runId, record.path, record.sha256, error.code ?? null, error.message, error.page ?? null]);
    }
    return documentId;
  }

  private async storeExtraction(client: Client, runId: number, record: ProcessedRecord): Promise<number | null> {
    const extraction = record.extraction;
    if (!extraction) return null;
    if ('id' in extraction) return extraction.id;
    await client.query(`INSERT INTO extractions (sha256, extractor_version, ocr, run_id, status, format, error_code, error_message, document, json_bytes, extracted_at, elapsed_ms)
      SELECT $1, r.extractor_version, coalesce(r.settings::jsonb ->> 'ocr', 'tesseract'), r.id, $3, $4, $5, $6, $7, $8, $9, $10 FROM runs r WHERE r.id = $2
      ON CONFLICT (sha256, extractor_version, ocr) DO NOTHING`, [
      record.sha256, runId, extraction.ok ? 'ok' : 'failed', extraction.ok ? null : (extraction.format ?? null), extraction.ok ? null : (extraction.error.code ?? null),
      extraction.ok ? null : extraction.error.message, extraction.ok ? Buffer.from(extraction.blob.buffer, extraction.blob.byteOffset, extraction.blob.byteLength) : null,
      extraction.ok ? (extraction.jsonBytes ?? null) : null, now(), extraction.elapsedMs ?? null,
    ]);
    const row = (await client.query<{ id: number }>(`SELECT e.id FROM extractions e JOIN runs r ON r.id = $2
      WHERE e.sha256 = $1 AND e.extractor_version = r.extractor_version AND e.ocr = coalesce(r.settings::jsonb ->> 'ocr', 'tesseract')`, [record.sha256, runId])).rows[0];
    return row?.id ?? null;
  }

  /** This run's row for the path, and the path's current content in `files`. */
  private async upsertRunFile(client: Client, runId: number, file: FileSeen & { sha256?: string }, documentId: number | null, outcome: RunOutcome | 'queued', jobId?: string): Promise<void> {
    const previous = (await client.query<{ document_id: number | null }>('SELECT document_id FROM files WHERE path = $1', [file.path])).rows[0];
    await client.query(`INSERT INTO run_files (run_id, path, sha256, size, mtime_ms, document_id, previous_document_id, outcome, job_id, resolved_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $8 = 'queued' THEN NULL ELSE now() END)
      ON CONFLICT (run_id, path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ms = excluded.mtime_ms, document_id = excluded.document_id,
        outcome = excluded.outcome, job_id = coalesce(excluded.job_id, run_files.job_id), resolved_at = excluded.resolved_at,
        previous_document_id = coalesce(run_files.previous_document_id, excluded.previous_document_id)`,
    [runId, file.path, file.sha256 ?? null, file.size ?? null, file.mtimeMs ?? null, documentId, previous?.document_id ?? null, outcome, jobId ?? null]);
    if (documentId !== null && file.sha256) {
      await client.query(`INSERT INTO files (path, sha256, size, mtime_ms, document_id, first_run_id, last_run_id) VALUES ($1, $2, $3, $4, $5, $6, $6)
        ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ms = excluded.mtime_ms, document_id = excluded.document_id, last_run_id = excluded.last_run_id`,
      [file.path, file.sha256, file.size ?? null, file.mtimeMs ?? null, documentId, runId]);
    }
  }

  /** Every path still queued for this content under this fingerprint (any run) now has its document. */
  private async resolveQueued(client: Client, sha256: string, fingerprint: string, documentId: number, outcome: RunOutcome): Promise<void> {
    const resolved = await client.query<{ run_id: number; path: string; size: number | null; mtime_ms: number | null }>(`UPDATE run_files rf SET document_id = $3, outcome = $4, resolved_at = now()
      FROM runs r WHERE r.id = rf.run_id AND rf.outcome = 'queued' AND rf.sha256 = $1 AND r.fingerprint = $2
      RETURNING rf.run_id, rf.path, rf.size, rf.mtime_ms`, [sha256, fingerprint, documentId, outcome]);
    for (const row of resolved.rows) {
      await client.query(`INSERT INTO files (path, sha256, size, mtime_ms, document_id, first_run_id, last_run_id) VALUES ($1, $2, $3, $4, $5, $6, $6)
        ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ms = excluded.mtime_ms, document_id = excluded.document_id,
          last_run_id = greatest(files.last_run_id, excluded.last_run_id)`, [row.path, sha256, row.size, row.mtime_ms, documentId, row.run_id]);
    }
  }

  /**
   * A file found by an enqueuing run: reused when its content is stored under this fingerprint,
   * otherwise queued (its job to be sent next). Under the content's lock, so a worker storing
   * the content at this moment either sees this row or is seen.
   */
  async enqueueFile(runId: number, fingerprint: string, file: FileSeen & { sha256: string }, jobId: string): Promise<'reused' | 'queued'> {
    return this.transaction(async (client) => {
      await this.lockContent(client, file.sha256, fingerprint);
      const existing = await this.findDocument(file.sha256, fingerprint, client);
      if (existing) {
        await this.upsertRunFile(client, runId, file, existing.id, 'reused');
        return 'reused' as const;
      }
      await this.upsertRunFile(client, runId, file, null, 'queued', jobId);
      return 'queued' as const;
    });
  }

  /**
   * When this content is stored under this fingerprint already (a job sent again after its first
   * one was archived, or done by another worker meanwhile), resolves the paths still queued for
   * it and says so; otherwise false.
   */
  async resolveStored(sha256: string, fingerprint: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await this.lockContent(client, sha256, fingerprint);
      const existing = await this.findDocument(sha256, fingerprint, client);
      if (!existing) return false;
      await this.resolveQueued(client, sha256, fingerprint, existing.id, 'reused');
      return true;
    });
  }

  async recordReused(runId: number, file: FileSeen & { sha256: string }, documentId: number): Promise<void> {
    await this.transaction((client) => this.upsertRunFile(client, runId, file, documentId, 'reused'));
  }

  async recordFailure(runId: number, file: FileSeen, error: { code: string; message: string }): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO errors (document_id, run_id, path, sha256, code, message, page) VALUES (NULL, $1, $2, $3, $4, $5, NULL)',
        [runId, file.path, file.sha256 ?? null, error.code, error.message]);
      await this.upsertRunFile(client, runId, file, null, 'error');
    });
  }

  /**
   * A content that failed on every try (the queue's retry limit): every path still queued for it
   * under this fingerprint gets the failure as its error record. Not cached, like the SQLite
   * store's transient failures: a later run tries the file again.
   */
  async failQueued(sha256: string, fingerprint: string, error: { code: string; message: string }): Promise<number> {
    return this.transaction(async (client) => {
      await this.lockContent(client, sha256, fingerprint);
      const failed = await client.query<{ run_id: number; path: string }>(`UPDATE run_files rf SET outcome = 'error', resolved_at = now()
        FROM runs r WHERE r.id = rf.run_id AND rf.outcome = 'queued' AND rf.sha256 = $1 AND r.fingerprint = $2 RETURNING rf.run_id, rf.path`, [sha256, fingerprint]);
      for (const row of failed.rows) {
        await client.query('INSERT INTO errors (document_id, run_id, path, sha256, code, message, page) VALUES (NULL, $1, $2, $3, $4, $5, NULL)',
          [row.run_id, row.path, sha256, error.code, error.message]);
      }
      return failed.rowCount ?? 0;
    });
  }

  /** Stores a file's bytes once per content (run --upload). */
  async uploadBlob(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  }

  async blob(sha256: string): Promise<Buffer | undefined> {
    return (await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE sha256 = $1', [sha256])).rows[0]?.bytes;
  }

  async runInfo(runId: number): Promise<{ id: number; fingerprint: string; settings: string; uploaded: boolean; status: string; files_total: number | null; started_at: string } | undefined> {
    return (await this.pool.query('SELECT id, fingerprint, settings, uploaded, status, files_total, started_at FROM runs WHERE id = $1', [runId])).rows[0];
  }

  async loadResult(documentId: number): Promise<(FileResult & { status: string }) | undefined> {
    const row = (await this.pool.query<Record<string, unknown>>('SELECT * FROM documents WHERE id = $1', [documentId])).rows[0];
    if (!row) return undefined;
    return fileResultOfRows(row,
      (await this.pool.query<Record<string, unknown>>('SELECT * FROM facts WHERE document_id = $1 ORDER BY seq', [documentId])).rows,
      (await this.pool.query<Record<string, unknown>>('SELECT * FROM findings WHERE document_id = $1 ORDER BY seq', [documentId])).rows,
      (await this.pool.query<{ message: string; code: string | null; page: number | null }>('SELECT message, code, page FROM errors WHERE document_id = $1 ORDER BY id', [documentId])).rows);
  }

  async previousRun(runId: number): Promise<{ id: number; started_at: string; status: string } | undefined> {
    return (await this.pool.query<{ id: number; started_at: string; status: string }>('SELECT id, started_at, status FROM runs WHERE id < $1 ORDER BY id DESC LIMIT 1', [runId])).rows[0];
  }

  async findingCounts(runId: number): Promise<{ bySeverity: Record<string, number>; byRule: { ruleId: string; severity: string; count: number }[] }> {
    const documents = 'SELECT DISTINCT document_id FROM run_files WHERE run_id = $1 AND document_id IS NOT NULL';
    const bySeverity: Record<string, number> = {};
    for (const row of (await this.pool.query<{ severity: string; n: number }>(`SELECT severity, count(*) AS n FROM findings WHERE document_id IN (${documents}) GROUP BY severity`, [runId])).rows) {
      bySeverity[row.severity] = row.n;
    }
    const byRule = (await this.pool.query<{ ruleId: string; severity: string; count: number }>(`SELECT rule_id AS "ruleId", severity, count(*) AS count
      FROM findings WHERE document_id IN (${documents}) GROUP BY rule_id, severity ORDER BY count DESC, rule_id`, [runId])).rows;
    return { bySeverity, byRule };
  }

  async newFindings(runId: number): Promise<NewFinding[]> {
    return (await this.pool.query<NewFinding>(`
      SELECT rf.path AS path, f.rule_id AS "ruleId", f.severity AS severity, f.message AS message, f.page AS page, f.line AS line, f."column" AS "column", f.locator AS locator, f.fingerprint AS fingerprint
      FROM run_files rf JOIN findings f ON f.document_id = rf.document_id
      WHERE rf.run_id = $1 AND rf.outcome = 'new'
        AND (rf.previous_document_id IS NULL OR NOT EXISTS (SELECT 1 FROM findings p WHERE p.document_id = rf.previous_document_id
          AND p.rule_id = f.rule_id AND p.message_id = f.message_id AND p.data = f.data))
      ORDER BY rf.path, f.page, f.line, f."column", f.seq`, [runId])).rows;
  }

  async failures(runId: number): Promise<{ path: string; code: string | null; message: string }[]> {
    return (await this.pool.query<{ path: string; code: string | null; message: string }>(`
      SELECT rf.path AS path, e.code AS code, e.message AS message FROM run_files rf
      JOIN errors e ON (rf.document_id IS NOT NULL AND e.document_id = rf.document_id AND e.page IS NULL)
        OR (rf.document_id IS NULL AND e.document_id IS NULL AND e.run_id = rf.run_id AND e.path = rf.path)
      WHERE rf.run_id = $1 AND (rf.outcome = 'error' OR rf.document_id IN (SELECT id FROM documents WHERE status = 'failed'))
      ORDER BY rf.path, e.id`, [runId])).rows;
  }

  async documentCount(sha256?: string): Promise<number> {
    const result = sha256 === undefined
      ? await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM documents')
      : await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM documents WHERE sha256 = $1', [sha256]);
    return result.rows[0]!.n;
  }

  /** Each run's progress: files by state, and when the first and last of them were resolved. */
  async runProgress(runIds?: number[]): Promise<RunProgressRow[]> {
    // Queued files whose job a worker holds are running; the queue's tables exist once a run has enqueued.
    const queue = (await this.pool.query<{ exists: boolean }>("SELECT to_regclass('budgetlint_queue.job') IS NOT NULL AS exists")).rows[0]!.exists;
    const running = queue
      ? `(SELECT count(*) FROM run_files q JOIN budgetlint_queue.job j ON j.name = 'budgetlint-files' AND j.id = q.job_id
          WHERE q.run_id = r.id AND q.outcome = 'queued' AND j.state = 'active')`
      : '0::bigint';
    return (await this.pool.query<RunProgressRow>(`
      SELECT r.id AS "runId", r.started_at AS "startedAt", r.status, r.files_total AS "filesTotal", r.host,
        count(rf.path) AS files,
        count(rf.path) FILTER (WHERE rf.outcome = 'queued') AS queued,
        count(rf.path) FILTER (WHERE rf.outcome IN ('new', 'reused') AND coalesce(d.status, 'ok') = 'ok') AS done,
        count(rf.path) FILTER (WHERE rf.outcome = 'error' OR d.status = 'failed') AS failed,
        count(rf.path) FILTER (WHERE rf.outcome = 'new') AS processed,
        count(rf.path) FILTER (WHERE rf.outcome = 'new' AND d.status = 'ok') AS "newOk",
        count(rf.path) FILTER (WHERE rf.outcome = 'reused' AND d.status = 'ok') AS "reusedOk",
        extract(epoch FROM max(rf.resolved_at) FILTER (WHERE rf.outcome = 'new' OR rf.outcome = 'error'))::float8 AS "lastResolved",
        extract(epoch FROM min(rf.resolved_at) FILTER (WHERE rf.outcome = 'new' OR rf.outcome = 'error'))::float8 AS "firstResolved",
        count(rf.path) FILTER (WHERE rf.outcome = 'new' OR rf.outcome = 'error') AS worked,
        coalesce(sum(d.page_count) FILTER (WHERE rf.outcome = 'new'), 0)::bigint AS pages,
        ${running} AS running
      FROM runs r LEFT JOIN run_files rf ON rf.run_id = r.id LEFT JOIN documents d ON d.id = rf.document_id
      ${runIds ? 'WHERE r.id = ANY($1::bigint[])' : ''}
      GROUP BY r.id ORDER BY r.id`, runIds ? [runIds] : [])).rows;
  }
}

export interface RunProgressRow {
  runId: number;
  startedAt: string;
  status: string;
  filesTotal: number | null;
  host: string | null;
  files: number;
  queued: number;
  done: number;
  failed: number;
  processed: number;
  newOk: number;
  reusedOk: number;
  /** Seconds since the epoch of the first and last file a worker finished (processed or failed). */
  firstResolved: number | null;
  lastResolved: number | null;
  worked: number;
  /** Pages of the documents this run stored. */
  pages: number;
  /** Queued files whose job a worker holds now. */
  running: number;
}
