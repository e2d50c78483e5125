/**
 * Decisions in the results store (table `decisions`, schema 5), for `run`, `report` and
 * `decisions import|export`. A run's findings are matched by their stored fingerprint.
 */
import type { Decision } from '../../model/decision.js';
import { DecisionSchema } from '../../model/decision.js';
import type { Meta } from '../../model/result.js';
import type { DatabaseHandle } from '../store/store.js';
import { documentOf } from './decisions.js';
import { documentKey } from './fingerprint.js';

export interface DecisionRow {
  fingerprint: string;
  state: string;
  reason: string | null;
  decided_by: string | null;
  decided_at: string;
  rule_id: string | null;
  path: string | null;
  message: string | null;
}

export function fromRow(row: DecisionRow): Decision {
  // A stored record is a boundary: checked like the file.
  return DecisionSchema.parse({
    fingerprint: row.fingerprint,
    state: row.state,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.decided_by !== null ? { by: row.decided_by } : {}),
    at: row.decided_at,
    ...(row.rule_id !== null ? { ruleId: row.rule_id } : {}),
    ...(row.path !== null ? { path: row.path } : {}),
    ...(row.message !== null ? { message: row.message } : {}),
  });
}

export function storedDecisions(db: DatabaseHandle): Decision[] {
  return db.prepare<[], DecisionRow>('SELECT * FROM decisions ORDER BY path, fingerprint').all().map(fromRow);
}

/** Adds or replaces decisions (same fingerprint: the given one wins); one transaction. */
export function storeDecisions(db: DatabaseHandle, decisions: readonly Decision[]): void {
  const upsert = db.prepare(`INSERT INTO decisions (fingerprint, state, reason, decided_by, decided_at, rule_id, path, message)
    VALUES (@fingerprint, @state, @reason, @by, @at, @ruleId, @path, @message)
    ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, reason = excluded.reason, decided_by = excluded.decided_by,
      decided_at = excluded.decided_at, rule_id = coalesce(excluded.rule_id, rule_id), path = coalesce(excluded.path, path), message = coalesce(excluded.message, message)`);
  db.transaction(() => {
    for (const decision of decisions) {
      upsert.run(decisionRow(decision));
    }
  }).immediate();
}

export function deleteDecisions(db: DatabaseHandle, fingerprints: readonly string[]): void {
  const remove = db.prepare('DELETE FROM decisions WHERE fingerprint = ?');
  db.transaction(() => {
    for (const fingerprint of fingerprints) remove.run(fingerprint);
  }).immediate();
}

/** The documents a run saw without a file error. */
const RUN_DOCUMENTS = `SELECT DISTINCT rf.document_id FROM run_files rf JOIN documents d ON d.id = rf.document_id WHERE rf.run_id = ? AND d.status = 'ok'`;

export interface RunDecisions {
  /** Findings of the run dismissed or baseline, by severity (not counted for the exit code). */
  suppressedBySeverity: Record<string, number>;
  suppressed: number;
  confirmed: number;
  /** Decisions about a document of this run (same document part of the fingerprint) whose finding it no longer has. */
  stale: Decision[];
}

/** What the decisions in the store do to a run's findings. */
export function runDecisions(db: DatabaseHandle, runId: number): RunDecisions {
  const suppressedBySeverity: Record<string, number> = {};
  let suppressed = 0;
  let confirmed = 0;
  for (const row of db.prepare<[number], { state: string; severity: string; n: number }>(`SELECT x.state, f.severity, count(*) AS n
      FROM findings f JOIN decisions x ON x.fingerprint = f.fingerprint
      WHERE f.document_id IN (${RUN_DOCUMENTS}) GROUP BY x.state, f.severity`).all(runId)) {
    if (row.state === 'confirmed') confirmed += row.n;
    else {
      suppressed += row.n;
      suppressedBySeverity[row.severity] = (suppressedBySeverity[row.severity] ?? 0) + row.n;
    }
  }
  // A document whose findings were all corrected has none left: its key comes from the document row.
  const documents = new Set(db.prepare<[number], { sha256: string; path: string; meta: string }>(`SELECT sha256, path, meta FROM documents WHERE id IN (${RUN_DOCUMENTS})`).all(runId)
    .map((row) => documentKey({ sha256: row.sha256, path: row.path, meta: JSON.parse(row.meta) as Meta })));
  const found = new Set(db.prepare<[number], { fingerprint: string }>(`SELECT DISTINCT fingerprint FROM findings WHERE document_id IN (${RUN_DOCUMENTS}) AND fingerprint IS NOT NULL`).all(runId).map((row) => row.fingerprint));
  return { suppressedBySeverity, suppressed, confirmed, stale: staleDecisions(storedDecisions(db), documents, found) };
}

/** Decisions about a document of the run (same document part of the fingerprint) whose finding the run no longer has. */
export function staleDecisions(decisions: readonly Decision[], runDocuments: ReadonlySet<string>, foundFingerprints: ReadonlySet<string>): Decision[] {
  return decisions.filter((decision) => runDocuments.has(documentOf(decision.fingerprint)) && !foundFingerprints.has(decision.fingerprint));
}

/** The row a decision is stored as (both stores). */
export function decisionRow(decision: Decision): Omit<DecisionRow, 'decided_by' | 'decided_at' | 'rule_id'> & { by: string | null; at: string; ruleId: string | null } {
  return { reason: null, by: null, ruleId: null, path: null, message: null, ...decision };
}
