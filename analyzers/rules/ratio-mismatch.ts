import type { Figure } from '../../model/figure.js';
import { checkRelation, estimate, nameOf, placeOf, show, showIn, slipText, unitExpected } from '../check.js';
import { namedWhole, rateColumns, sameMeasure } from '../../normalizers/rates.js';
import { Interval } from '../interval.js';
import type { Mention } from '../../normalizers/statements.js';
import type { TableView } from '../../normalizers/tables.js';
import { columnName, tableGrid } from '../table-grid.js';
import type { Rule, RuleContext } from '../engine.js';
import { RELATION_MESSAGE, reportRelations } from '../relation-check.js';

/** Characters before a percent in which its rate's name (all end at the figure) is looked for. */

/**
 * The statements of a named whole: the department's own figures of that concept, of the part's
 * basis where the document states several. Empty when they disagree: no single whole then.
 */
function resolveWhole(byConcept: Map<string, Mention[]>, concept: string, part: Mention): Mention[] {
  const candidates = (byConcept.get(concept) ?? []).filter((m) => m.figure.kind === 'amount' && m.scope.period === 'current' && !m.otherEntity && m.subject.path.length === 0 && !m.figure.comparator && m !== part);
  const sameBasis = candidates.filter((m) => m.scope.basis === part.scope.basis);
  const pool = sameBasis.length > 0 ? sameBasis : candidates;
  const first = pool[0];
  if (!first) return [];
  const agree = pool.every((m) => Interval.of(m.figure).overlaps(Interval.of(first.figure)));
  return agree ? pool : [];
}

/** A 自评表's money block: 执行率 = 全年执行数 / 全年预算数 in each row (columns as normalizers/rates.ts finds them). */
function reportRateColumns(table: TableView, context: RuleContext): void {
  const headerOf = (col: number) => columnName(table, col);
  const grid = tableGrid(context.document, table);
  const columns = rateColumns(grid.columns, headerOf);
  if (!columns) return;
  const { rate, numerator, denominator } = columns;
  for (const row of grid.rows) {
    const [n, d, stated] = [grid.figure(row.index, numerator), grid.figure(row.index, denominator), grid.figure(row.index, rate)];
    if (!n || !d || !stated || stated.kind !== 'percent' || stated.comparator || n.kind !== d.kind) continue;
    const outcome = checkRelation([n, d], stated, ([a, b]) => a!.div(b!)?.scale(100));
    if (outcome.holds || !outcome.computed) continue;
    context.report({
      messageId: 'column',
      figure: stated,
      data: { row: row.label, numerator: `${headerOf(numerator)} ${show(n)}`, denominator: `${headerOf(denominator)} ${show(d)}`, computed: showIn(estimate(outcome), stated, Math.max(2, stated.decimals)), label: headerOf(rate), stated: show(stated) },
      evidence: [{ role: 'numerator', figure: n }, { role: 'denominator', figure: d }, { role: 'stated', figure: stated }],
      actual: show(stated),
      expected: showIn(estimate(outcome), stated),
    });
  }
}

const rule: Rule = {
  meta: {
    id: 'ratio-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '占比（“其中”分项占 X%、占某总数的 X%）及执行率、完成率、支付率、到位率、偏离度、结转结余率与同句所给数字不符',
      descriptionEn: 'A share stated for a part of a breakdown (占 X%), or an execution/completion rate, deviation or carry-over rate whose figures are named in the same sentence, does not match them beyond rounding.',
    },
    messages: {
      relation: RELATION_MESSAGE,
      share: '{{part}} / {{whole}} = {{computed}}，与所述占比 {{stated}} 不符',
      rate: '{{formula}} = {{computed}}，与所述{{label}} {{stated}} 不符',
      column: '表格“{{row}}”行：{{numerator}} / {{denominator}} = {{computed}}，与{{label}} {{stated}} 不符',
      named: '{{part}} / {{whole}}（{{wholePlace}}）= {{computed}}，与所述占{{wholeLabel}}的 {{stated}} 不符',
    },
  },
  create(context) {
    const reportSlip = (slip: { figure: Figure; exponent: number }, relation: string, evidence: { role: string; figure: Figure }[]) =>
      context.report({ ruleId: 'unit-suspect', messageId: 'slip', figure: slip.figure, evidence, data: { relation, explanation: slipText(slip) }, actual: show(slip.figure), expected: unitExpected(slip) });
    /** rate = part / (part + rest): `支付 X，未支 Y，支付率 P`. */
    const reportComplement = (part: Mention, rest: Mention, stated: Mention, name: string) => {
      if (part.figure.kind !== rest.figure.kind) return;
      // a / (a + b) as 1 / (1 + b / a): each figure enters once, so the range is exact.
      const outcome = checkRelation([part.figure, rest.figure], stated.figure, ([a, b]) => {
        const ratio = b!.div(a!);
        return ratio && Interval.exact(1).div(Interval.exact(1).add(ratio))?.scale(100);
      });
      if (outcome.holds || !outcome.computed) return;
      const decimals = Math.max(part.figure.decimals, rest.figure.decimals);
      const whole = showIn(Interval.of(part.figure).add(Interval.of(rest.figure)).mid, part.figure, decimals);
      context.report({
        messageId: 'rate',
        figure: stated.figure,
        data: { formula: `${show(part.figure)} / (${show(part.figure)} + ${show(rest.figure)} = ${whole})`, computed: showIn(estimate(outcome), stated.figure, Math.max(2, stated.figure.decimals)), label: name, stated: show(stated.figure) },
        evidence: [{ role: 'numerator', figure: part.figure }, { role: 'part', figure: rest.figure }, { role: 'stated', figure: stated.figure }],
        actual: show(stated.figure),
        expected: showIn(estimate(outcome), stated.figure),
        scopeClear: part.scopeClear && rest.scopeClear,
      });
    };
    return {
      table(table) {
        reportRateColumns(table, context);
      },
      sentence(sentence) {
        sentence.mentions.forEach((stated, index) => {
          if (stated.figure.kind !== 'percent' || stated.figure.comparator || context.document.claimed.has(stated.figure.id)) return;
          const rate = stated.rate;
          if (!rate) return;
          const usable = (m: Mention) => (m.figure.kind === 'amount' || m.figure.kind === 'count') && m.scope.period !== 'previous' && !m.relationWord;
          const roles = (earlier: Mention[]) => {
            const complements = earlier.filter((m) => rate.roleOf(m.label) === 'complement');
            const denominators = earlier.filter((m) => rate.roleOf(m.label) === 'denominator');
            let numerators = earlier.filter((m) => rate.roleOf(m.label) === 'numerator');
            // A target's completion (`参保人数 417853 人，完成下达目标数 436577 人的 95.71%`): the outcome is the one
            // other figure of the target's measure stated with it, however it is named; two or more leave it undecided.
            const target = denominators.length === 1 ? denominators[0]! : undefined;
            if (rate.outcomeOfTargetMeasure && numerators.length === 0 && target) {
              const outcomes = earlier.filter((m) => m !== target && m.sentence === target.sentence && !complements.includes(m) && sameMeasure(m.figure, target.figure));
              if (outcomes.length === 1) numerators = outcomes;
            }
            return { complements, numerators, denominators };
          };
          let found = roles(sentence.mentions.slice(0, index).filter(usable));
          if (found.numerators.length === 0 || (found.denominators.length === 0 && found.complements.length === 0)) {
            // The amounts may be named earlier in the paragraph (`预算数 … 。执行数 … 。预算执行率 P%`).
            const paragraph = context.document.sentences.filter((s) => s.unit === sentence.unit && s.start < sentence.start).flatMap((s) => s.mentions);
            found = roles([...paragraph, ...sentence.mentions.slice(0, index)].filter(usable));
          }
          const { complements, numerators, denominators } = found;
          if (numerators.length === 1 && denominators.length === 0 && complements.length === 1) {
            reportComplement(numerators[0]!, complements[0]!, stated, rate.name);
            return;
          }
          if (numerators.length === 0 || denominators.length === 0) return;
          let firstFailure: { n: typeof numerators[number]; d: typeof denominators[number]; computed: import('../interval.js').Interval; over: string } | undefined;
          for (const n of numerators) {
            for (const d of denominators) {
              if (n.figure.kind !== d.figure.kind) continue;
              // A deviation may be taken over either figure; try both.
              const overs = rate.deviation ? [d, n] : [d];
              for (const over of overs) {
                const outcome = checkRelation([n.figure, d.figure, over.figure], stated.figure, ([a, b, o]) => {
                  if (!rate.deviation) return a!.div(o!)?.scale(100);
                  // |a − b| / o as |a/o − b/o| with o one of the two: each figure enters once.
                  const ratio = over === d ? a!.div(b!) : b!.div(a!);
                  return ratio?.sub(Interval.exact(1)).abs().scale(100);
                });
                if (outcome.holds) return;
                firstFailure ??= outcome.computed ? { n, d, computed: outcome.computed, over: show(over.figure) } : undefined;
              }
            }
          }
          if (!firstFailure) return;
          const { n, d, computed } = firstFailure;
          const formula = rate.deviation ? `|${show(n.figure)} − ${show(d.figure)}| / ${firstFailure.over}` : `${show(n.figure)} / ${show(d.figure)}`;
          context.report({
            messageId: 'rate',
            figure: stated.figure,
            data: { formula, computed: showIn(computed.mid, stated.figure, Math.max(2, stated.figure.decimals)), label: rate.name, stated: show(stated.figure) },
            evidence: [{ role: 'numerator', figure: n.figure }, { role: 'denominator', figure: d.figure }, { role: 'stated', figure: stated.figure }],
            actual: show(stated.figure),
            expected: showIn(computed.mid, stated.figure),
            scopeClear: n.scopeClear && d.scopeClear,
          });
        });
      },
      documentEnd(document) {
        reportRelations(context, ['share', 'completion']);
        // `占本年支出合计的 99.92%`, `占“三公”经费的 18.85%`: the whole is named, and stated elsewhere.
        const inBreakdowns = new Set(document.breakdowns.flatMap((b) => [...b.shares.values()].map((m) => m.figure.id)));
        // Mentions by concept, built once: each share looks its whole up without a walk over the document.
        const byConcept = new Map<string, Mention[]>();
        for (const m of document.mentions) {
          if (!m.concept) continue;
          const list = byConcept.get(m.concept);
          if (list) list.push(m);
          else byConcept.set(m.concept, [m]);
        }
        for (const share of document.mentions) {
          if (share.relationWord !== '占' || share.figure.comparator || inBreakdowns.has(share.figure.id) || document.claimed.has(share.figure.id)) continue;
          const named = namedWhole(share.label);
          if (!named) continue;
          const index = share.sentence.mentions.indexOf(share);
          const part = share.sentence.mentions.slice(0, index).reverse().find((m) => m.figure.kind === 'amount' && (!m.relationWord || m.relationWord === '比') && !m.figure.comparator);
          if (!part || part.scope.period === 'previous') continue;
          const wholes = resolveWhole(byConcept, named.concept, part);
          if (wholes.length === 0 || wholes.includes(part)) continue;
          const outcomes = wholes.map((whole) => ({ whole, outcome: checkRelation([part.figure, whole.figure], share.figure, ([p, w]) => p!.div(w!)?.scale(100)) }));
          if (outcomes.some(({ outcome }) => outcome.holds || !outcome.computed)) continue;
          const { whole, outcome } = outcomes[0]!;
          const evidence = [{ role: 'part', figure: part.figure }, { role: 'whole', figure: whole.figure }, { role: 'stated', figure: share.figure }];
          if (outcome.unitSlip) {
            reportSlip(outcome.unitSlip, `${show(part.figure)} 占 ${show(whole.figure)} 的 ${show(share.figure)}`, evidence);
            continue;
          }
          context.report({
            messageId: 'named',
            figure: share.figure,
            data: {
              part: `${nameOf(part)} ${show(part.figure)}`,
              whole: `${nameOf(whole)} ${show(whole.figure)}`,
              wholePlace: placeOf(whole.figure),
              computed: showIn(estimate(outcome), share.figure, Math.max(2, share.figure.decimals)),
              wholeLabel: named.label,
              stated: show(share.figure),
            },
            evidence,
            actual: show(share.figure),
            expected: showIn(estimate(outcome), share.figure),
            scopeClear: part.scopeClear && whole.scopeClear,
          });
        }
      },
      breakdown(breakdown) {
        for (const group of breakdown.groups) {
          for (const part of group) {
            const share = breakdown.shares.get(part.figure.id);
            if (!share || context.document.claimed.has(share.figure.id)) continue;
            const outcome = checkRelation([part.figure, breakdown.total.figure], share.figure, ([p, w]) => p!.div(w!)?.scale(100));
            if (outcome.holds || !outcome.computed) continue;
            const evidence = [{ role: 'part', figure: part.figure }, { role: 'whole', figure: breakdown.total.figure }, { role: 'stated', figure: share.figure }];
            if (outcome.unitSlip) {
              reportSlip(outcome.unitSlip, `${show(part.figure)} 占 ${show(breakdown.total.figure)} 的 ${show(share.figure)}`, evidence);
              continue;
            }
            const partLabel = nameOf(part);
            context.report({
              messageId: 'share',
              figure: share.figure,
              data: {
                part: `${partLabel} ${show(part.figure)}`,
                whole: `${breakdown.total.conceptLabel ?? breakdown.total.label} ${show(breakdown.total.figure)}`,
                computed: showIn(estimate(outcome), share.figure, Math.max(2, share.figure.decimals)),
                stated: show(share.figure),
              },
              evidence,
              actual: show(share.figure),
              expected: showIn(estimate(outcome), share.figure),
              scopeClear: part.scopeClear && breakdown.total.scopeClear,
            });
          }
        }
      },
    };
  },
};

export default rule;
