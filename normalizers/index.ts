/** Document → text units → figures → statements → facts and metadata. */
import type { Document } from '../model/document.js';
import type { Fact, Figure } from '../model/figure.js';
import type { Meta } from '../model/result.js';
import { findFigures, type FigureContext } from './figures.js';
import { readMeta } from './meta.js';
import { resolveRegion } from './region.js';
import { readStatements, unstatedBasis, type Breakdown, type Mention, type Sentence } from './statements.js';
import { buildTextUnits, locate, outlineMarker, spanBBox, type TextUnit } from './text.js';
import { tableColumns, type TableView } from './tables.js';
import { buildOutline, type Outline } from './outline.js';
import { buildTableModel, cellMeaning, isAdditiveDisclosure, type TableModel } from './table-model.js';
import type { Relation } from '../model/relation.js';
import { readDocument, readRelations, type DocumentRelations, type WholeLookup } from './relations.js';
import { matchConcept } from './concepts.js';
import { canonicalName } from './subjects.js';
import { cellKey, FactIndex, textKey } from './fact-key.js';
import { nameKey, stageOfName } from './grammar.js';
import type { Stage } from './lexicon.js';
import { restoreScoreTables } from './score-table.js';
import { selfEvaluationFacts } from './self-evaluation.js';

export interface NormalizedDocument {
  document: Document;
  units: TextUnit[];
  figures: Figure[];
  /** Figures of each unit with their offsets in it. */
  figuresByUnit: Map<number, { figure: Figure; start: number; end: number }[]>;
  sentences: Sentence[];
  mentions: Mention[];
  breakdowns: Breakdown[];
  tables: TableView[];
  /** Each table read as data: disclosure id, header paths, panels and rows (same order as `tables`). */
  tableModels: TableModel[];
  /** Each table's figures by `row:col` (the first figure of a cell), by table index. */
  cellFigures: Map<number, Map<string, Figure>>;
  /** Headings (一、 > （一） > 1. > （1） > ①) with the scores stated under them. */
  outline: Outline;
  facts: Fact[];
  /** The facts by their binding key (normalizers/fact-key): every rule that compares two statements of one quantity looks them up here. */
  factIndex: FactIndex;
  meta: Meta;
  /** What the clause grammar reads the text to state, built once: rules evaluate these. */
  relations: Relation[];
  /**
   * Figures whose relation the grammar has settled (undecidable, or holding): the structure has
   * decided what they are compared with, so no rule pairs them with a neighbour. Filled by the
   * analyzers before the rules run (settling needs the interval arithmetic).
   */
  claimed: Map<number, Relation['kind']>;
}

export function normalizeDocument(source: Document): NormalizedDocument {
  // Score tables a converter flattened to lines of text are read as the tables they were.
  const document = restoreScoreTables(source);
  const units = buildTextUnits(document);
  const lines = new Map<string, Document['pages'][number]['lines'][number]>();
  for (const page of document.pages) for (const line of page.lines) lines.set(`${page.number}:${line.number}`, line);
  const tables: TableView[] = [];
  for (const page of document.pages) for (const table of page.tables) tables.push(tableColumns(table, page.number));
  const tableViews = new Map(tables.map((view) => [view.table.index, view]));

  const figures: Figure[] = [];
  const figuresByUnit = new Map<number, { figure: Figure; start: number; end: number }[]>();
  for (const unit of units) {
    const context: FigureContext = {};
    if (unit.cell) {
      const inherited = tableViews.get(unit.cell.table)?.unitFor(unit.cell.row, unit.cell.col);
      if (inherited) context.inheritedUnit = inherited;
    }
    const found = findFigures(unit.text, context);
    if (found.length === 0) continue;
    const list: { figure: Figure; start: number; end: number }[] = [];
    for (const item of found) {
      const at = locate(unit, item.start);
      const line = lines.get(`${at.page}:${at.line}`);
      const figure: Figure = {
        id: figures.length,
        raw: item.raw,
        number: item.number,
        decimals: item.decimals,
        kind: item.kind,
        unit: item.unit,
        scale: item.scale,
        unitSource: item.unitSource,
        value: item.value,
        location: { page: at.page, line: at.line, column: at.column, length: item.end - item.start },
      };
      if (item.comparator) figure.comparator = item.comparator;
      if (item.chineseNumeral) figure.chineseNumeral = true;
      if (line?.locator) figure.location.locator = line.locator;
      const bbox = spanBBox(line, at.column - 1, at.column - 1 + (item.end - item.start));
      if (bbox) figure.location.bbox = bbox;
      const confidence = ocrConfidence(line, at.column - 1, at.column - 1 + (item.end - item.start));
      if (confidence !== undefined) figure.confidence = confidence;
      if (unit.cell) figure.cell = { ...unit.cell };
      figures.push(figure);
      list.push({ figure, start: item.start, end: item.end });
    }
    figuresByUnit.set(unit.id, list);
  }

  const meta = readMeta(units, resolveRegion, tables.map((view) => view.table.caption ?? ''));
  const unstated = unstatedBasis(meta.kind);
  const { sentences, mentions, breakdowns } = readStatements(units, figuresByUnit, meta.year, unstated);
  const grammar = readDocument(units, figuresByUnit, meta.year, unstated);
  const facts: Fact[] = [];
  // Each part's list total, found once (the first breakdown that lists the part).
  const totalOfPart = new Map<Mention, Mention>();
  for (const breakdown of breakdowns) for (const group of breakdown.groups) for (const part of group) if (!totalOfPart.has(part)) totalOfPart.set(part, breakdown.total);
  for (const mention of mentions) {
    if (!mention.concept || mention.scope.period === 'previous' || mention.otherEntity) continue;
    // A change, rate or difference (`比上年增加 50 万元`, `决算数大于年初预算数 50 元`) is no stock of its label's concept.
    if (mention.figure.kind !== 'amount' || grammar.flows.has(mention.figure.id)) continue;
    const fact: Fact = keyed({ concept: mention.concept, figureId: mention.figure.id, scope: mention.scope, label: mention.conceptLabel ?? mention.label, subject: mention.subject.path }, mention.label);
    const parent = totalOfPart.get(mention);
    if (parent) fact.parentFigureId = parent.figure.id;
    facts.push(fact);
  }
  addSectionTotals(facts, mentions);
  const cellFigures = figuresByCell(figures);
  const tableModels = tables.map((view) => buildTableModel(view, cellFigures.get(view.table.index) ?? new Map()));
  facts.push(...tableFacts(tableModels));
  facts.push(...selfEvaluationFacts(tableModels));
  // A 自评表 with no 自评得分 in its words states it in its 总分 row.
  const tableTotal = facts.find((fact) => fact.concept === 'score.total' && fact.table);
  if (meta.selfScore === undefined && tableTotal) meta.selfScore = figures[tableTotal.figureId]!.number;
  const outline = buildOutline({ units, figuresByUnit });
  facts.push(...scoreFacts(outline));
  const factIndex = new FactIndex(facts, figures);
  const { relations, values } = readRelations(grammar, wholeLookup(factIndex, figures, unstated));
  const earlier = previousYearFacts(values, facts);
  facts.push(...earlier);
  factIndex.add(earlier);
  blockDisagreeingOperands(relations, factIndex);
  const claimed = new Map<number, Relation['kind']>();
  return { document, units, figures, figuresByUnit, sentences, mentions, breakdowns, tables, tableModels, cellFigures, outline, facts, factIndex, meta, relations, claimed };
}

/**
 * Arelle's duplicate policy: a relation one of whose operands is a fact whose key holds figures that
 * disagree beyond rounding is not checked; which figure is meant is not known. The disagreement itself is
 * reported once, by the rule that owns it (repeated-figure-mismatch in the text, text-table-mismatch against a table).
 */
function blockDisagreeingOperands(relations: Relation[], index: FactIndex): void {
  for (const relation of relations) {
    if (!relation.decidable) continue;
    for (const operand of relation.operands) {
      const disagreeing = index.ofFigure(operand.figure.id).map((fact) => index.disagreeing(fact.key)).find((figures) => figures !== undefined);
      if (!disagreeing) continue;
      relation.decidable = false;
      relation.reason = `“${operand.name}”前后所述不一致（${disagreeing.map((figure) => figure.raw.trim()).join('、')}）`;
      break;
    }
  }
}

/**
 * What a name the grammar read means as a fact: a department total (`本年支出合计`, `支出总额`) or a concept
 * of the department's (`“三公”经费`, `基本支出`) with no subject, else an item of its own name.
 */
function nameMeaning(name: string): { concept: string; subject: string[] } {
  const total = nameKey(name);
  if (total === 'income.total' || total === 'expense.total') return { concept: total, subject: [] };
  const match = matchConcept(name);
  const departmentWide = match && match.entry.concept !== 'expense.function' && name.slice(match.end).replace(/[”"’'\s]/g, '') === '';
  return { concept: match?.entry.concept ?? 'item', subject: departmentWide ? [] : [canonicalName(name)] };
}

/** Whose money a name says: 财政拨款 is the fiscal part; otherwise all funds. */
function fundsOfName(name: string): 'fiscal' | 'all' {
  return /财政拨款/.test(name) ? 'fiscal' : 'all';
}

/**
 * Prior-year amounts the grammar read (`上年 Y`, `比上年的 Y`, `由 Y 增加到 X`) as facts of period `previous`, with
 * the same concept, subject and stage as the current figure of their subject: a year-on-year panel joins on them.
 */
function previousYearFacts(values: DocumentRelations['values'], facts: Fact[]): Fact[] {
  const known = new Set(facts.map((fact) => fact.figureId));
  const found: Fact[] = [];
  for (const value of values) {
    if (value.period !== 'previous' || known.has(value.figure.id)) continue;
    known.add(value.figure.id);
    found.push(keyed({ ...nameMeaning(value.name), figureId: value.figure.id, scope: { funds: fundsOfName(value.name), period: 'previous', basis: value.stage }, label: value.name }));
  }
  return found;
}

/**
 * The whole a share names (`占本年支出合计的`), looked up by its fact key among the text's facts and the
 * tables' cells alike: `本年支出合计` stated only in the 支出决算表 is found there. The stage is the one the
 * name says, else the document's unstated one. Of several statements of the key, the finest printed is the
 * operand; if they disagree, `blockDisagreeingOperands` keeps the share unchecked.
 */
function wholeLookup(index: FactIndex, figures: Figure[], unstated: Stage): WholeLookup {
  return (name) => {
    const meaning = nameMeaning(name);
    const key = textKey({ ...meaning, label: name, scope: { funds: fundsOfName(name), period: 'current', basis: stageOfName(name) ?? unstated } }, name);
    const stated = index.get(key).map((fact) => figures[fact.figureId]!);
    if (stated.length === 0) return undefined;
    const finest = stated.reduce((best, figure) => (figure.scale - figure.decimals < best.scale - best.decimals ? figure : best));
    return { figures: [finest], name };
  };
}

/** A text fact with its binding key. */
function keyed(fact: Omit<Fact, 'key'>, words?: string): Fact {
  return { ...fact, key: textKey(fact, words) };
}

/** Each table's figures by `row:col` (the first figure of a cell), in one pass over the figures. */
function figuresByCell(figures: Figure[]): Map<number, Map<string, Figure>> {
  const byTable = new Map<number, Map<string, Figure>>();
  for (const figure of figures) {
    if (!figure.cell) continue;
    let byCell = byTable.get(figure.cell.table);
    if (!byCell) byTable.set(figure.cell.table, (byCell = new Map()));
    const key = `${figure.cell.row}:${figure.cell.col}`;
    if (!byCell.has(key)) byCell.set(key, figure);
  }
  return byTable;
}

/**
 * Every amount in a table's value columns as a fact: subject from its row (code path or name),
 * measure from its column's header path, scope from the table's title and the column.
 */
function tableFacts(models: TableModel[]): Fact[] {
  const facts: Fact[] = [];
  for (const model of models) {
    // Only the standard tables of amounts: elsewhere a row label is not known to name an item.
    if (!isAdditiveDisclosure(model)) continue;
    const table = { index: model.index, ...(model.disclosure ? { id: model.disclosure.id, title: model.disclosure.title } : model.view.table.caption ? { title: model.view.table.caption } : {}) };
    for (const panel of model.panels) {
      for (const row of panel.rows) {
        for (const col of panel.valueColumns) {
          const figure = model.figure(row.index, col);
          if (!figure || figure.kind !== 'amount') continue;
          const meaning = cellMeaning(model, panel, row, col);
          const scope = { funds: meaning.funds === 'all' ? 'all' : 'fiscal', period: /年初|上年结转/.test(meaning.measure) ? 'begin' : /年末|结转下年/.test(meaning.measure) ? 'end' : 'current', basis: meaning.basis ?? 'actual' } as const;
          const fact: Fact = {
            concept: 'table.cell',
            key: cellKey(meaning, scope.period),
            figureId: figure.id,
            scope,
            label: [...row.groups, row.label].join('/'),
            subject: meaning.subject,
            table,
            measure: model.columnPath(col),
          };
          if (row.code) fact.code = row.code;
          facts.push(fact);
        }
      }
    }
  }
  return facts;
}

/** The least confident OCR word overlapping a span, if the line came from OCR. */
function ocrConfidence(line: Document['pages'][number]['lines'][number] | undefined, start: number, end: number): number | undefined {
  let lowest: number | undefined;
  for (const segment of line?.segments ?? []) {
    if (segment.confidence === undefined || segment.end <= start || segment.start >= end) continue;
    lowest = lowest === undefined ? segment.confidence : Math.min(lowest, segment.confidence);
  }
  return lowest;
}

/**
 * `（一）收入情况。2025年财政拨款收入358.84万元…`: when a report states no total but its 收入情况 /
 * 支出情况 section opens with the fiscal figure, that figure is the department's total.
 */
function addSectionTotals(facts: Fact[], mentions: Mention[]): void {
  for (const [section, total, fiscal] of [['收入情况', 'income.total', 'income.fiscal'], ['支出情况', 'expense.total', 'expense.fiscal']] as const) {
    if (facts.some((f) => f.concept === total && f.scope.basis === 'actual')) continue;
    const opening = mentions.find((m) => {
      const text = m.unit.text.trimStart();
      const marker = outlineMarker(text, m.unit.scanned)?.marker ?? '';
      return text.slice(marker.length).trimStart().startsWith(section) && m.figure.kind === 'amount';
    });
    if (!opening || opening.concept !== fiscal || opening.scope.period !== 'current') continue;
    facts.push(keyed({ concept: total, figureId: opening.figure.id, scope: { ...opening.scope, funds: 'all' }, label: `${section}：${opening.conceptLabel ?? opening.label}`, subject: [] }));
  }
}

/** score.total, and for each scored heading score.item (自评) and score.max (满分), labelled with the heading. */
function scoreFacts(outline: Outline): Fact[] {
  const facts: Fact[] = [];
  const scope = { funds: 'all', period: 'current', basis: 'actual' } as const;
  if (outline.total) facts.push(keyed({ concept: 'score.total', figureId: outline.total.score.id, scope, label: '自评总分', subject: [] }));
  for (const node of outline.nodes) {
    const title = node.title.replace(/[，,。].*$/, '').trim();
    // A score belongs to the indicator its heading names (the title without its marker).
    const name = title.slice(outlineMarker(title, node.unit.scanned)?.marker.length ?? 0).trim();
    const subject = name ? [name] : [];
    if (node.score) facts.push(keyed({ concept: 'score.item', figureId: node.score.id, scope, label: title, subject }));
    if (node.max) facts.push(keyed({ concept: 'score.max', figureId: node.max.id, scope, label: title, subject }));
  }
  return facts;
}
