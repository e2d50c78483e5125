import type { Figure } from '../../model/figure.js';
import { show, showIn } from '../check.js';
import type { Rule } from '../engine.js';
import { Interval, sum } from '../interval.js';
import { rootOf, scoreItemsBelow, type OutlineNode } from '../../normalizers/outline.js';

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
    },
  },
  create(context) {
    const check = (messageId: string, title: string, stated: Figure, items: { scored: OutlineNode[]; unscored: OutlineNode[] }) => {
      const children = items.scored;
      if (children.length < 2) return;
      const parts = children.map((c) => c.score!);
      const computed = sum(parts.map((p) => Interval.ofScore(p)));
      if (computed.overlaps(Interval.ofScore(stated))) return;
      // An item without a stated score makes the sum incomplete: only a sum already over the
      // total is certain (scores are never negative).
      if (items.unscored.length > 0 && !computed.lo.gt(Interval.ofScore(stated).hi)) return;
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
      document(document) {
        const { nodes, total } = document.outline;
        for (const node of nodes) {
          if (node.score) check('section', node.title.replace(/[，,].*$/, ''), node.score, scoreItemsBelow(node));
        }
        if (!total) return;
        const home = total.parent!;
        // Items listed under the heading that states the total (1、预算编制情况得分 23 分 …)…
        const below = scoreItemsBelow(home);
        if (below.scored.length >= 2 && !home.score) {
          check('total', '', total.score, below);
          return;
        }
        // …or in the sibling sections of the same part of the report (二、绩效自评情况).
        const root = rootOf(home);
        const items = scoreItemsBelow(root);
        check('total', '', total.score, { scored: items.scored.filter((n) => n !== home), unscored: items.unscored.filter((n) => n !== home) });
      },
    };
  },
};

export default rule;
