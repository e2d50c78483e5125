/**
 * The 自评表 as the rules read it: the view of the table's model that normalizers/self-evaluation makes
 * (money block, indicator rows with their 一级/二级/三级 path, 总分 row, unfilled forms). Shared by
 * weights-sum, score-exceeds-max, score-sum-mismatch and placeholder-value; read once per table.
 */
import type { NormalizedDocument } from '../normalizers/index.js';
import { selfEvaluationOf, type SelfEvaluationTable } from '../normalizers/self-evaluation.js';
import type { TableView } from '../normalizers/tables.js';

export type { ScoredRow, SelfEvaluationTable } from '../normalizers/self-evaluation.js';

export function selfEvaluationTable(document: Pick<NormalizedDocument, 'tableModels'>, view: TableView): SelfEvaluationTable | undefined {
  const model = document.tableModels.find((candidate) => candidate.view === view);
  return model ? selfEvaluationOf(model) : undefined;
}
