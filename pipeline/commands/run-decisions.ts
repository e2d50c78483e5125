/** `run`'s side of decisions: what the stored decisions do to the run just finished, and `--prune-decisions`. */
import { deleteDecisions, runDecisions, storedDecisions, type RunDecisions } from '../decisions/store.js';
import { incompleteDocuments } from '../coverage/store.js';
import { deleteDecisionsPg, incompleteDocumentsPg, runDecisionsPg, storedDecisionsPg } from '../decisions/postgres.js';
import type { PostgresStore } from '../store/postgres/store.js';
import { ResultStore } from '../store/store.js';

export const RUN_DECISION_OPTIONS = {
  'prune-decisions': { type: 'boolean' },
} as const;

export const RUN_DECISION_HELP = `  --prune-decisions       从结果库中删除过期的决定（本次运行的文件中其发现已不再出现）
                          （决定用 budgetlint decisions import 导入；已忽略和基线的发现不计入退出码）`;

export interface RunDecisionsOutcome extends RunDecisions {
  pruned?: number;
  /** Files of the run read only in part or with nothing checkable (the coverage ledger): `--fail-on-file-error` counts them. */
  incomplete: { path: string; read: string }[];
  /** Fingerprints dismissed or baseline: the summary's new findings leave them out. */
  suppressedFingerprints: Set<string>;
}

export function reviewRunDecisions(db: string, runId: number, prune: boolean): RunDecisionsOutcome {
  const store = ResultStore.open(db);
  try {
    const suppressedFingerprints = new Set(storedDecisions(store.db).filter((decision) => decision.state !== 'confirmed').map((decision) => decision.fingerprint));
    const outcome: RunDecisionsOutcome = { ...runDecisions(store.db, runId), incomplete: incompleteDocuments(store.db, runId), suppressedFingerprints };
    if (prune) {
      deleteDecisions(store.db, outcome.stale.map((decision) => decision.fingerprint));
      outcome.pruned = outcome.stale.length;
      outcome.stale = [];
    }
    return outcome;
  } finally {
    store.close();
  }
}

/** The same on a PostgreSQL store (`run --db postgres://…`). */
export async function reviewRunDecisionsPg(store: PostgresStore, runId: number, prune: boolean): Promise<RunDecisionsOutcome> {
  const suppressedFingerprints = new Set((await storedDecisionsPg(store)).filter((decision) => decision.state !== 'confirmed').map((decision) => decision.fingerprint));
  const outcome: RunDecisionsOutcome = { ...(await runDecisionsPg(store, runId)), incomplete: await incompleteDocumentsPg(store, runId), suppressedFingerprints };
  if (prune) {
    await deleteDecisionsPg(store, outcome.stale.map((decision) => decision.fingerprint));
    outcome.pruned = outcome.stale.length;
    outcome.stale = [];
  }
  return outcome;
}

/** The summary's line about decisions, or none when there is nothing to say. */
export function runDecisionsText(outcome: RunDecisionsOutcome): string {
  const parts = [
    outcome.suppressed > 0 ? `已忽略或基线 ${outcome.suppressed} 条（不计入退出码）` : '',
    outcome.confirmed > 0 ? `已确认 ${outcome.confirmed} 条` : '',
    outcome.stale.length > 0 ? `过期 ${outcome.stale.length} 条（其发现已不再出现，--prune-decisions 删除）` : '',
    outcome.pruned ? `已删除过期决定 ${outcome.pruned} 条` : '',
  ].filter(Boolean);
  const incomplete = outcome.incomplete.length
    ? `  未完全核对的文件 ${outcome.incomplete.length} 个（部分页面未读出或没有可核对内容；用 budgetlint export --what coverage 查看）：${outcome.incomplete.slice(0, 10).map((item) => item.path).join('、')}${outcome.incomplete.length > 10 ? ' 等' : ''}\n`
    : '';
  return (parts.length ? `  决定：${parts.join('；')}\n` : '') + incomplete;
}
