/**
 * Decisions in a PostgreSQL results store (table `decisions`, migration 2): the same as
 * store.ts does on SQLite, for `run --db postgres://…` and `decisions import|export`.
 */
import type { Decision } from '../../model/decision.js';
import type { Meta } from '../../model/result.js';
import type { PostgresStore } from '../store/postgres/store.js';
import { documentKey } from './fingerprint.js';
import { decisionRow, fromRow, staleDecisions, type DecisionRow, type RunDecisions } from './store.js';

export async function storedDecisionsPg(store: PostgresStore): Promise<Decision[]> {
  return (await store.pool.query<DecisionRow>('SELECT * FROM decisions ORDER BY path, fingerprint')).rows.map(fromRow);
}

/** Adds or replaces decisions (same fingerprint: the given one wins); one transaction. */
export async function storeDecisionsPg(store: PostgresStore, decisions: readonly Decision[]): Promise<void> {
  await store.transaction(async (client) => {
    for (const decision of decisions) {
      const row = decisionRow(decision);
      await client.query(
        `INSERT INTO decisions (fingerprint, state, reason, decided_by, decided_at, rule_id, path, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, reason = excluded.reason, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
           rule_id = coalesce(excluded.rule_id, decisions.rule_id), path = coalesce(excluded.path, decisions.path), message = coalesce(excluded.message, decisions.message)`,
        [row.fingerprint, row.state, row.reason, row.by, row.at, row.ruleId, row.path, row.message],
      );
    }
  });
}

export async function deleteDecisionsPg(store: PostgresStore, fingerprints: readonly string[]): Promise<void> {
  if (fingerprints.length === 0) return;
  await store.pool.query('DELETE FROM decisions WHERE fingerprint = ANY($1)', [fingerprints]);
}

/** The documents a run saw without a file error. */
const RUN_DOCUMENTS = `SELECT DISTINCT rf.document_id FROM run_files rf JOIN documents d ON d.id = rf.document_id WHERE rf.run_id = $1 AND d.status = 'ok'`;

/** What the decisions in the store do to a run's findings. */
export async function runDecisionsPg(store: PostgresStore, runId: number): Promise<RunDecisions> {
  const suppressedBySeverity: Record<string, number> = {};
  let suppressed = 0;
  let confirmed = 0;
  const counts = await store.pool.query<{ state: string; severity: string; n: string | number }>(
    `SELECT x.state, f.severity, count(*) AS n FROM findings f JOIN decisions x ON x.fingerprint = f.fingerprint
     WHERE f.document_id IN (${RUN_DOCUMENTS}) GROUP BY x.state, f.severity`,
    [runId],
  );
  for (const row of counts.rows) {
    const n = Number(row.n);
    if (row.state === 'confirmed') confirmed += n;
    else {
      suppressed += n;
      suppressedBySeverity[row.severity] = (suppressedBySeverity[row.severity] ?? 0) + n;
    }
  }
  const documentRows = await store.pool.query<{ sha256: string; path: string; meta: string }>(`SELECT sha256, path, meta FROM documents WHERE id IN (${RUN_DOCUMENTS})`, [runId]);
  const documents = new Set(documentRows.rows.map((row) => documentKey({ sha256: row.sha256, path: row.path, meta: JSON.parse(row.meta) as Meta })));
  const found = new Set(
    (
      await store.pool.query<{ fingerprint: string }>(`SELECT DISTINCT fingerprint FROM findings WHERE document_id IN (${RUN_DOCUMENTS}) AND fingerprint IS NOT NULL`, [runId])
    ).rows.map((row) => row.fingerprint),
  );
  return { suppressedBySeverity, suppressed, confirmed, stale: staleDecisions(await storedDecisionsPg(store), documents, found) };
}

/** Documents of a run, read without a file error, not wholly checked (coverage/store.ts on SQLite). */
export async function incompleteDocumentsPg(store: PostgresStore, runId: number): Promise<{ path: string; read: string }[]> {
  return (
    await store.pool.query<{ path: string; read: string }>(
      `SELECT rf.path AS path, d.coverage::jsonb->>'read' AS read
       FROM run_files rf JOIN documents d ON d.id = rf.document_id
       WHERE rf.run_id = $1 AND d.status = 'ok' AND d.coverage IS NOT NULL
         AND (d.coverage::jsonb->>'read' <> 'full'
           OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.coverage::jsonb->'families') f WHERE f->>'state' IN ('consistent', 'inconsistent')))
       ORDER BY rf.path`,
      [runId],
    )
  ).rows;
}
