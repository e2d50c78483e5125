import type { Figure } from '../../model/figure.js';
import { fixed, Interval } from '../interval.js';
import { parseExpression, FORMULA_SPAN, type Expression } from '../formula.js';
import type { Rule } from '../engine.js';
import { Decimal } from '../../normalizers/decimal.js';

const COMPARISON = /[<>≤≥]/;

const rule: Rule = {
  meta: {
    id: 'formula-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '正文写出的计算式（含 LaTeX）与其所写结果不符，或所写不等式不成立',
      descriptionEn: 'A formula written out in the text (plain or LaTeX, with × ÷ / %) does not evaluate to its stated result, or a stated inequality is false.',
    },
    messages: {
      formula: '计算式 {{formula}} 实为 {{computed}}，与所写结果 {{stated}} 不符',
      inequality: '所写不等式 {{inequality}} 不成立',
    },
  },
  create(context) {
    return {
      unit(unit) {
        if (unit.kind === 'cell' || !/[=＝]/.test(unit.text)) return;
        const figures = context.document.figuresByUnit.get(unit.id) ?? [];
        const figureAt = (offset: number): Figure | undefined => figures.find((f) => offset >= f.start && offset < f.end)?.figure;
        for (const match of unit.text.matchAll(FORMULA_SPAN)) {
          const span = match[0];
          // Split into `= part = part [< bound]` keeping offsets.
          const pieces: { text: string; offset: number }[] = [];
          let cursor = 0;
          for (const part of span.split(/[=＝]/)) {
            pieces.push({ text: part, offset: match.index + cursor });
            cursor += part.length + 1;
          }
          const last = pieces.at(-1)!;
          let bound: { op: string; text: string; offset: number } | undefined;
          const comparison = COMPARISON.exec(last.text);
          if (comparison) {
            bound = { op: comparison[0], text: last.text.slice(comparison.index + 1), offset: last.offset + comparison.index + 1 };
            last.text = last.text.slice(0, comparison.index);
          }
          const parsed = pieces.map((piece) => (piece.text.trim() ? { piece, expression: parseExpression(piece.text, piece.offset) } : undefined)).filter((p): p is { piece: typeof pieces[number]; expression: Expression | undefined } => Boolean(p));
          const formula = parsed.find((p) => p.expression?.hasOperator);
          if (!formula?.expression) continue;
          const computed = formula.expression.evaluate();
          if (!computed) continue;
          const evidenceFor = (expression: Expression) => expression.numbers.map((n) => figureAt(n.start)).filter((f): f is Figure => Boolean(f));
          for (const result of parsed.slice(parsed.indexOf(formula) + 1)) {
            if (!result.expression || result.expression.hasOperator) continue;
            const stated = result.expression.evaluate();
            if (!stated || computed.overlaps(stated)) continue;
            const statedFigure = figureAt(result.expression.numbers[0]!.start);
            const isPercent = /%/.test(result.piece.text);
            // Two more decimals than the stated result, so the difference shows.
            const places = result.expression.numbers[0]!.decimals + 2;
            const shown = isPercent ? `${fixed(computed.mid.times(100), places)}%` : fixed(computed.mid, places);
            const evidence = [...evidenceFor(formula.expression).map((figure) => ({ role: 'operand', figure })), ...(statedFigure ? [{ role: 'stated', figure: statedFigure }] : [])];
            const at = figureAt(result.expression.numbers[0]!.start);
            context.report({
              messageId: 'formula',
              ...(at ? { figure: at } : { figure: evidence[0]!.figure }),
              data: { formula: formula.piece.text.replace(/\s+/g, ' ').trim(), computed: shown, stated: result.piece.text.trim() },
              evidence,
              actual: result.piece.text.trim(),
              expected: shown,
            });
          }
          if (bound) {
            const limit = parseExpression(bound.text, bound.offset);
            const left = parsed.at(-1)?.expression?.evaluate();
            const right = limit?.evaluate();
            if (!left || !right || !limit) continue;
            // The inequality fails only if no value the rounding allows satisfies it.
            const holds = bound.op === '<' ? left.lo.lt(right.hi) : bound.op === '>' ? left.hi.gt(right.lo) : bound.op === '≤' ? left.lo.lte(right.hi) : left.hi.gte(right.lo);
            if (holds) continue;
            const figure = figureAt(limit.numbers[0]?.start ?? -1);
            if (!figure) continue;
            context.report({
              messageId: 'inequality',
              figure,
              data: { inequality: `${parsed.at(-1)!.piece.text.trim()} ${bound.op} ${bound.text.trim()}` },
              evidence: [{ role: 'bound', figure }],
            });
          }
        }
      },
    };
  },
};

export default rule;
void Interval; void Decimal;
