import type { Figure } from '../../model/figure.js';
import { show, showIn } from '../check.js';
import type { Rule } from '../engine.js';
import { Interval, sum } from '../interval.js';
import { rootOf, scoreItemsBelow, type OutlineNode } from '../../normalizers/outline.js';
import { selfEvaluationTable, type ScoredRow } from '../self-evaluation.js';

const rule: Rule = {
  meta: {
    id: 'score-sum-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '各级指标得分之和与上级得分或自评总分不符（三级 → 二级 → 一级 → 总分）',
      descriptionEn: 'Item scores do not add up to their section score, or section scores to the total self-score (三级 → 二级 → 一级 → 总分).',
    },
    messages: {
      section: '{{title}} 的下级指标得分 {{parts}} = {{computed}}，与其得分 {{stated}} 不符',
      total: '各项得分 {{parts}} = {{computed}}，与自评总分 {{stated}} 不符',
      table: '自评表各项得分 {{parts}} = {{computed}}，与“{{title}}”行得分 {{stated}} 不符',
    },
  },
  create(context) {
    const checkOutline = (messageId: string, title: string, stated: Figure, items: { scored: OutlineNode[]; unscored: OutlineNode[] }) =>
      check(messageId, title, stated, items.scored.map((node) => node.score!), items.unscored.length);
    const check = (messageId: string, title: string, stated: Figure, parts: Figure[], unscored: number) => {
      if (parts.length < 2) return;
      const computed = sum(parts.map((p) => Interval.ofScore(p)));
      if (computed.overlaps(Interval.ofScore(stated))) return;
      // An item without a stated score makes the sum incomplete: only a sum already over the
      // total is certain (scores are never negative).
      if (unscored > 0 && !computed.lo.gt(Interval.ofScore(stated).hi)) return;
      context.report({
        messageId,
        figure: stated,
        data: {
          title,
          parts: parts.map(show).join(' + '),
          computed: showIn(computed.mid, stated, Math.max(...parts.map((p) => p.decimals), stated.decimals)),
          stated: show(stated),
        },
        evidence: [{ role: 'total', figure: stated }, ...parts.map((figure) => ({ role: 'part', figure }))],
        // On a scan, items that sum short of their total may be lines OCR missed.
        possibleOcrOmission: computed.hi.lt(Interval.ofScore(stated).lo),
        // …and an item scored above its whole section is more likely `2.5` read as `25`.
        possibleOcrMisread: parts.filter((p) => Interval.ofScore(p).lo.gt(Interval.ofScore(stated).hi)),
        actual: show(stated),
        expected: showIn(computed.mid, stated, Math.max(...parts.map((p) => p.decimals))),
      });
    };
    return {
      table(table) {
        const scored = selfEvaluationTable(context.document, table);
        const stated = scored?.total?.score;
        if (!scored || !stated || scored.unfilled) return;
        const rows = scored.rows.filter((row) => row.score && !row.part);
        const items = rows.filter((row) => !row.subtotal);
        // A 一级 row may state its section's score above its 三级 rows: the total is the sum of either reading.
        const fits = (list: ScoredRow[]) => sum(list.map((row) => Interval.ofScore(row.score!))).overlaps(Interval.ofScore(stated));
        if (fits(rows) || (items.length !== rows.length && fits(items))) return;
        check('table', scored.total!.label, stated, items.map((row) => row.score!), 0);
      },
      document(document) {
        const { nodes, total } = document.outline;
        for (const node of nodes) {
          if (node.score) checkOutline('section', node.title.replace(/[，,].*$/, ''), node.score, scoreItemsBelow(node));
        }
        if (!total) return;
        const home = total.parent!;
        // Items listed under the heading that states the total (1、预算编制情况得分 23 分 …)…
        const below = scoreItemsBelow(home);
        if (below.scored.length >= 2 && !home.score) {
          checkOutline('total', '', total.score, below);
          return;
        }
        // …or in the sibling sections of the same part of the report (二、绩效自评情况).
        const root = rootOf(home);
        const items = scoreItemsBelow(root);
        checkOutline('total', '', total.score, { scored: items.scored.filter((n) => n !== home), unscored: items.unscored.filter((n) => n !== home) });
      },
    };
  },
};

export default rule;
