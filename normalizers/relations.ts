/**
 * Relations read off subject records (grammar.ts), built once per document. A relation takes only
 * operands of its own subject, period and stage; a whole named elsewhere (`占本年支出合计的`) is
 * looked up by its fact key. Where the wording requires an operand the document does not state,
 * or states twice differently, the relation is kept, undecidable, so that nothing else checks the
 * stated figure against a neighbour.
 */
import type { Figure } from '../model/figure.js';
import type { Operand, Relation } from '../model/relation.js';
import { nameKey, readUnit, stageOfName, tokenize, type GrammarReading, type Reading, type SubjectRecord } from './grammar.js';
import type { Direction, Stage } from './lexicon.js';
import type { TextUnit } from './text.js';

/** The statements of a whole a share names (`本年支出合计`), by the whole's name as written. */
export type WholeLookup = (name: string) => { figures: Figure[]; name: string } | undefined;

export interface DocumentRelations {
  relations: Relation[];
  /** Values the grammar read (this year's and the previous year's), by fact key and stage: the text's facts. */
  values: { key: string; stage: Stage; figure: Figure; name: string; period: 'current' | 'previous' }[];
}

function isMoneyOrCount(figure: Figure): boolean {
  return figure.kind === 'amount' || figure.kind === 'count';
}

const STAGE_NAME: Record<Stage, string> = { budget: '预算数', adjusted: '调整预算数', actual: '决算数' };

/** The one value of a record with this period and a stage that fits (undefined stage = unstated). */
function valueOf(record: SubjectRecord, period: 'current' | 'previous', stages: (Stage | undefined)[], kind?: Figure['kind']): Reading | undefined | 'ambiguous' {
  const found = record.readings.filter(
    (r) => r.role === 'value' && r.period === period && stages.includes(r.stage) && isMoneyOrCount(r.figure) && (!kind || r.figure.kind === kind),
  );
  if (found.length === 0) return undefined;
  const first = found[0]!;
  return found.every((r) => r.figure.value === first.figure.value) ? first : 'ambiguous';
}

/** Outcome stages first: what a year-on-year change of an item that states several stages compares. */
const OUTCOME_FIRST: (Stage | undefined)[] = ['actual', undefined, 'adjusted', 'budget'];

/**
 * The current value a change on last year (`比上年减少 D`, `下降 P`) is of. One value, or several that
 * agree: that one. A record stating several stages this year (`支出决算 a，年初预算 b，…，比上年减少 d`):
 * the change is of the outcome stated before it, the latest stage first (决算, then 调整预算, then 预算);
 * only stages stated before the change are candidates, so `年初预算 b，比上年增加 d；支出决算 a` compares b.
 */
function currentOfChange(record: SubjectRecord, reading: Reading, kind?: Figure['kind']): Reading | undefined | 'ambiguous' {
  const all = valueOf(record, 'current', [undefined, 'actual', 'budget', 'adjusted'], kind);
  if (all !== 'ambiguous') return all;
  const before = record.readings.slice(0, record.readings.indexOf(reading));
  const earlier: SubjectRecord = { ...record, readings: before };
  for (const stage of OUTCOME_FIRST) {
    const found = valueOf(earlier, 'current', [stage], kind);
    if (found) return found;
  }
  return 'ambiguous';
}

function operand(role: Operand['role'], reading: Reading, name: string): Operand {
  return { role, figure: reading.figure, name };
}

function undecidable(kind: Relation['kind'], stated: Reading, reason: string, subject: string, structural = true): Relation {
  return { kind, operands: [], stated: stated.figure, word: stated.word, formula: '', decidable: false, structural, reason, ...(subject ? { subject } : {}) };
}

/** A relation whose operands the wording fixes and the document states. */
function decided(kind: Relation['kind'], stated: Reading, operands: Operand[], formula: string, subject: string, direction?: Direction): Relation {
  return {
    kind,
    operands,
    stated: stated.figure,
    word: stated.word,
    ...(direction ? { direction } : {}),
    formula,
    decidable: true,
    structural: true,
    ...(subject ? { subject } : {}),
  };
}

/** Every relation a record states. */
function recordRelations(record: SubjectRecord, lookup: WholeLookup): Relation[] {
  const relations: Relation[] = [];
  const name = record.name;
  const label = (reading: Reading, fallback: string) => `${name}${reading.stage ? STAGE_NAME[reading.stage] : fallback}`;
  for (const reading of record.readings) {
    if (reading.role === 'rate') {
      const change = record.readings.find((r) => r.role === 'change' && !r.againstStage && r.figure.kind === 'amount');
      const current = currentOfChange(record, reading);
      const previous = valueOf(record, 'previous', [undefined, 'actual', 'budget', 'adjusted']);
      if (current === 'ambiguous' || previous === 'ambiguous') {
        relations.push(undecidable('growth', reading, '本期或上期数不唯一', name));
      } else if (current && previous && current.figure.kind === previous.figure.kind) {
        relations.push(
          decided('growth', reading, [operand('current', current, label(current, '本年')), operand('previous', previous, `${name}上年`)], 'growth', name, reading.direction),
        );
      } else if (current && change && current.figure.kind === change.figure.kind && (!reading.direction || change.direction === reading.direction)) {
        relations.push(
          decided('growth', reading, [operand('current', current, label(current, '本年')), operand('change', change, change.word)], 'implied', name, change.direction),
        );
      } else if (previous && change && previous.figure.kind === change.figure.kind) {
        relations.push(
          decided('growth', reading, [operand('previous', previous, `${name}上年`), operand('change', change, change.word)], 'change-over-previous', name, change.direction),
        );
        // No base found at all: the grammar did not recognise the operands, so an older reading may still try.
      } else relations.push(undecidable('growth', reading, '未给出比较基数', name, false));
    } else if (reading.role === 'change' && !reading.againstStage) {
      const current = currentOfChange(record, reading, reading.figure.kind);
      const previous = valueOf(record, 'previous', [undefined, 'actual', 'budget', 'adjusted'], reading.figure.kind);
      if (current && previous && current !== 'ambiguous' && previous !== 'ambiguous') {
        relations.push(
          decided('change', reading, [operand('current', current, label(current, '本年')), operand('previous', previous, `${name}上年`)], 'difference', name, reading.direction),
        );
      }
    } else if (reading.role === 'difference' || (reading.role === 'change' && reading.againstStage)) {
      const base = reading.againstStage!;
      const others = (['budget', 'adjusted', 'actual', undefined] as const).filter((stage) => stage !== base && !(base === 'actual' && stage === undefined));
      const outcome = valueOf(record, 'current', [...others], reading.figure.kind);
      const reference = valueOf(record, 'current', [base], reading.figure.kind);
      if (!outcome || !reference || outcome === 'ambiguous' || reference === 'ambiguous')
        relations.push(undecidable('difference', reading, `未给出该项的${STAGE_NAME[base]}`, name));
      else
        relations.push(
          decided(
            'difference',
            reading,
            [operand('current', outcome, label(outcome, '')), operand('previous', reference, label(reference, ''))],
            'difference',
            name,
            reading.direction,
          ),
        );
    } else if (reading.role === 'completion') {
      const numerator = valueOf(record, 'current', reading.base === 'actual' ? [] : [undefined, 'actual']);
      const bases: Stage[] = reading.base ? [reading.base] : ['adjusted', 'budget'];
      let denominator: Reading | undefined | 'ambiguous';
      for (const base of bases) {
        denominator = valueOf(record, 'current', [base]);
        if (denominator) break;
      }
      if (!numerator || !denominator || numerator === 'ambiguous' || denominator === 'ambiguous' || numerator.figure.kind !== denominator.figure.kind) {
        relations.push(undecidable('completion', reading, reading.base ? `未给出该项的${STAGE_NAME[reading.base]}` : '未给出执行数或预算数', name, Boolean(reading.base)));
      } else
        relations.push(
          decided('completion', reading, [operand('numerator', numerator, label(numerator, '')), operand('denominator', denominator, label(denominator, ''))], 'ratio', name),
        );
    } else if (reading.role === 'share') {
      const index = record.readings.indexOf(reading);
      const part =
        record.readings
          .slice(0, index)
          .reverse()
          .find((r) => r.role === 'value' && r.period === 'current' && r.figure.kind === 'amount') ??
        record.readings.find((r) => r.role === 'value' && r.period === 'current' && r.figure.kind === 'amount');
      const wholeName = reading.whole ?? '';
      const key = nameKey(wholeName);
      if (!part) {
        relations.push(undecidable('share', reading, '未给出分项金额', name));
        continue;
      }
      if (key === nameKey(name) || !wholeName) continue;
      const whole = lookup(wholeName);
      if (!whole || whole.figures.length === 0) relations.push(undecidable('share', reading, `未找到“${wholeName}”的金额`, name));
      else if (whole.figures.length > 1) relations.push(undecidable('share', reading, `“${wholeName}”前后所述不一致`, name));
      else if (whole.figures[0] === part.figure) continue;
      else relations.push(decided('share', reading, [operand('part', part, name || '该项'), { role: 'whole', figure: whole.figures[0]!, name: whole.name }], 'ratio', name));
    }
  }
  return relations;
}

/** The grammar's reading of a document's paragraphs: subject records, the values they state, and the figures that are no stock. */
export interface DocumentReading {
  readings: GrammarReading[];
  values: DocumentRelations['values'];
  /** Figures the grammar reads as a change, a rate, a share, a completion or a difference: flows and ratios, never a stock fact. */
  flows: Set<number>;
}

/** Reads the paragraph units with the clause grammar. */
export function readDocument(
  units: TextUnit[],
  figuresByUnit: Map<number, { figure: Figure; start: number; end: number }[]>,
  fiscalYear: number | undefined,
  /** The stage of a value whose wording states none: budget in a budget (statements.ts `unstatedBasis`). */
  unstatedStage: Stage = 'actual',
): DocumentReading {
  const readings: GrammarReading[] = [];
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    const figures = figuresByUnit.get(unit.id);
    if (!figures || figures.length === 0) continue;
    readings.push(readUnit(unit, tokenize(unit.text, figures, fiscalYear)));
  }
  const values: DocumentRelations['values'] = [];
  const flows = new Set<number>();
  for (const reading of readings) {
    for (const record of reading.records) {
      for (const r of record.readings) {
        if (r.role !== 'value') flows.add(r.figure.id);
        if (!record.name || r.role !== 'value' || r.figure.kind !== 'amount') continue;
        values.push({ key: nameKey(record.name + (r.total ? '合计' : '')), stage: r.stage ?? unstatedStage, figure: r.figure, name: record.name, period: r.period });
      }
    }
  }
  return { readings, values, flows };
}

/** The relations of a document's reading; a whole a share names is looked up by `external` (the fact index) first. */
export function readRelations({ readings, values }: DocumentReading, external: WholeLookup): DocumentRelations {
  // The whole by its fact key (text and tables); else, for a name that is no fact (`公用经费` is no concept), the
  // grammar's own values of that name.
  const lookup: WholeLookup = (name) => {
    const found = external(name);
    if (found) return found;
    const key = nameKey(name);
    const stage = stageOfName(name);
    const own = values.filter((v) => v.key === key && v.period === 'current' && (stage === undefined || v.stage === stage));
    if (own.length === 0) return undefined;
    // Agreeing statements of one whole are one figure; disagreeing ones block the check.
    const figures = own.map((v) => v.figure).filter((f, i, all) => all.findIndex((g) => g.value === f.value) === i);
    return { figures, name: own[0]!.name };
  };
  const relations: Relation[] = [];
  for (const reading of readings) {
    for (const record of reading.records) relations.push(...recordRelations(record, lookup));
    for (const sum of reading.sums) {
      relations.push({
        kind: 'sum',
        operands: sum.parts.map(({ record, reading: part }) => ({ role: 'part' as const, figure: part.figure, name: record.name })),
        stated: sum.total.figure,
        word: sum.word,
        formula: 'sum',
        decidable: true,
        structural: true,
      });
    }
  }
  return { relations, values };
}
