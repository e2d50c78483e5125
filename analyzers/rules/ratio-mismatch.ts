import type { Figure } from '../../model/figure.js';
import { checkRelation, estimate, nameOf, placeOf, show, showIn, slipText, unitExpected } from '../check.js';
import { matchConcept } from '../../normalizers/concepts.js';
import { Interval } from '../interval.js';
import type { Mention } from '../../normalizers/statements.js';
import type { TableView } from '../../normalizers/tables.js';
import { columnName, tableGrid } from '../table-grid.js';
import type { Rule, RuleContext } from '../engine.js';
import { RELATION_MESSAGE, reportRelations } from '../relation-check.js';

/** Rates a sentence names together with the figures they come from. */
const RATES: { label: RegExp; name: string; numerator: RegExp; denominator: RegExp; deviation?: boolean; complement?: RegExp }[] = [
  { label: /执行率$/, name: '执行率', numerator: /执行数|支出数|决算数|实际支出|执行/, denominator: /预算/, complement: /未执行|未使用/ },
  // `已支付 X，未支付 Y，支付率 P`: the whole is what was paid and what was not.
  { label: /支付率$/, name: '支付率', numerator: /支付|拨付/, denominator: /安排|下达|预算|计划|应付/, complement: /未支|未拨/ },
  { label: /到位率$/, name: '到位率', numerator: /到位/, denominator: /安排|下达|预算|计划|应到/, complement: /未到位/ },
  // `完成预算的 P%`, `为年初预算的 P%`, `预算完成率`: the outcome over the budget.
  { label: /(?:完成|为|达到?)(?:年初|全年|调整后?)?预算(?:数)?的$|预算完成率$/, name: '预算完成率', numerator: /决算|执行|实际|支出数|完成/, denominator: /预算/ },
  { label: /(完成率|完成[^，。；]{0,20}的)$/, name: '完成率', numerator: /实际|完成|参保人数|实有/, denominator: /任务数|目标数|计划数|下达/ },
  { label: /偏离度$|差异率$/, name: '偏离度', numerator: /执行数|决算数|实际/, denominator: /预算/, deviation: true },
  { label: /结转结余率$|结余结转率$|结余率$/, name: '结转结余率', numerator: /结转|结余/, denominator: /预算|收入|支出|拨款/ },
];

/** The whole a share names: `占本年支出合计的` → 本年支出合计 (expense.total), `占“三公”经费的` → 三公经费. */
/** Characters before a percent in which its rate label (RATES, all anchored at the end) is looked for. */
const RATE_LABEL_WINDOW = 64;

function namedWhole(label: string): { concept: string; label: string } | undefined {
  const named = /占(?:用)?(.+?)(?:的)?(?:比重|比例)?(?:为|是|达)?\s*$/.exec(label);
  if (!named) return undefined;
  const words = named[1]!.replace(/的$/, '').trim();
  const match = matchConcept(words);
  // The whole must be the concept itself, not a part qualified by more words (`占财政拨款支出中基本支出的`).
  if (!match || words.slice(match.end).replace(/合计|总计|总额|总数|总预算|[”"’'\s]/g, '') !== '') return undefined;
  return { concept: match.entry.concept, label: words };
}

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

/**
 * A 自评表's money block: 执行率 = 全年执行数 / 全年预算数 in each row. Letters in the headers
 * (`全年预算数(A)`, `全年执行数(B)`, `执行率(B/A)`) say which columns; else 执行数 over 全年预算数 (or
 * 调整后预算数, or 年初预算数 when it is the only budget column).
 */
function reportRateColumns(table: TableView, context: RuleContext): void {
  const headerOf = (col: number) => columnName(table, col);
  const grid = tableGrid(context.document, table);
  const rate = grid.columns.find((col) => /执行率|完成率|支付率/.test(headerOf(col)));
  if (rate === undefined) return;
  const letters = /[(（]\s*([A-Z])\s*[/／]\s*([A-Z])\s*[)）]/.exec(headerOf(rate));
  const byLetter = (letter: string) => grid.columns.find((col) => col !== rate && new RegExp(`[(（]\\s*${letter}\\s*[)）]`).test(headerOf(col)));
  const numerator = letters ? byLetter(letters[1]!) : grid.columns.find((col) => /执行数|实际支出|决算数|支付数/.test(headerOf(col)));
  const budgets = grid.columns.filter((col) => /预算数|预算金额/.test(headerOf(col)) && col !== numerator);
  const denominator = letters ? byLetter(letters[2]!) : (budgets.find((col) => /全年|调整/.test(headerOf(col))) ?? (budgets.length === 1 ? budgets[0] : undefined));
  if (numerator === undefined || denominator === undefined) return;
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
          // Every rate label is anchored at the figure and under 30 characters: the last 64 before it
          // decide, so a `其中` list of n shares costs n, not n² (issue 27).
          const before = sentence.unit.text.slice(Math.max(sentence.start, stated.start - RATE_LABEL_WINDOW), stated.start).replace(/\s*(为|是|达|达到|：|:)?\s*$/, '');
          const rate = RATES.find((r) => r.label.test(before));
          if (!rate) return;
          const usable = (m: Mention) => (m.figure.kind === 'amount' || m.figure.kind === 'count') && m.scope.period !== 'previous' && !m.relationWord;
          // `全年预算执行数` is an outcome, `调整预算数` a budget: the term nearest the figure decides.
          const lastIndex = (pattern: RegExp, label: string) => Math.max(-1, ...[...label.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m.index + m[0].length));
          const roles = (earlier: Mention[]) => {
            const complements = rate.complement ? earlier.filter((m) => rate.complement!.test(m.label)) : [];
            const others = earlier.filter((m) => !complements.includes(m));
            return {
              complements,
              numerators: others.filter((m) => lastIndex(rate.numerator, m.label) > lastIndex(rate.denominator, m.label)),
              denominators: others.filter((m) => lastIndex(rate.denominator, m.label) > lastIndex(rate.numerator, m.label)),
            };
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
