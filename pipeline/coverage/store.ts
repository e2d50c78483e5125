/** The coverage ledger in the results store (documents.coverage, schema 5). */
import type { DatabaseHandle } from '../store/store.js';

/**
 * Documents of a run, read without a file error, that were not wholly checked: pages not read, or
 * no family of checks checked (the store's side of ledger.ts `incompletelyChecked`).
 */
export function incompleteDocuments(db: DatabaseHandle, runId: number): { path: string; read: string }[] {
  return db.prepare<[number], { path: string; read: string }>(`SELECT rf.path AS path, json_extract(d.coverage, '$.read') AS read
    FROM run_files rf JOIN documents d ON d.id = rf.document_id
    WHERE rf.run_id = ? AND d.status = 'ok' AND d.coverage IS NOT NULL
      AND (json_extract(d.coverage, '$.read') <> 'full'
        OR NOT EXISTS (SELECT 1 FROM json_each(d.coverage, '$.families') f WHERE json_extract(f.value, '$.state') IN ('consistent', 'inconsistent')))
    ORDER BY rf.path`).all(runId);
}
