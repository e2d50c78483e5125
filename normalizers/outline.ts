/**
 * The report's outline (一、 > （一） > 1. > （1） > ①) and the scores stated under each heading:
 * what the score rules add up.
 */
import type { Figure } from '../model/figure.js';
import { findSelfScore } from './meta.js';
import { lastIndexWithin, outlineMarker, type TextUnit } from './text.js';

export interface OutlineNode {
  unit: TextUnit;
  rank: number;
  title: string;
  parent?: OutlineNode;
  children: OutlineNode[];
  score?: Figure;
  max?: Figure;
  /** The score statement is the report's total self-score. */
  isTotal?: boolean;
}

function rankOf(unit: TextUnit): number | undefined {
  // Markdown hashes left in the text of a PDF or Word file (`# （5）资产管理`) are not part of the marker.
  return outlineMarker(unit.text.replace(/^[\s#]+/, ''), unit.scanned)?.rank;
}

const SCORE = /(自评得分|自评分数|自评分|自评|得分|评分数)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分/g;
const MAX = /(满分|总分|分值)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分/g;

export interface Outline {
  roots: OutlineNode[];
  nodes: OutlineNode[];
  /** The total self-score, attached under the heading that states it. */
  total?: OutlineNode & { score: Figure };
}

type FiguresByUnit = Map<number, { figure: Figure; start: number; end: number }[]>;

export function buildOutline(document: { units: TextUnit[]; figuresByUnit: FiguresByUnit }): Outline {
  const nodes: OutlineNode[] = [];
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  let current: OutlineNode | undefined;
  const totalStatement = findSelfScore(document.units);
  let total: (OutlineNode & { score: Figure }) | undefined;
  /** How each node's score statement is worded (see statementLead). */
  const leads = new Map<OutlineNode, string>();
  let titleUnit: TextUnit | undefined;
  /** Puts a heading in the tree under the nearest open heading of a lower rank. */
  const open = (node: OutlineNode): OutlineNode => {
    while (stack.length && stack.at(-1)!.rank >= node.rank) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else roots.push(node);
    stack.push(node);
    nodes.push(node);
    return node;
  };
  const figureAt = (unit: TextUnit, offset: number) => document.figuresByUnit.get(unit.id)?.find((f) => offset >= f.start && offset < f.end)?.figure;

  for (const unit of document.units) {
    if (unit.kind === 'cell') continue;
    const rank = rankOf(unit);
    if (rank !== undefined) current = open({ unit, rank, title: headingTitle(unit.text, unit.scanned), children: [] });
    // Text before the first heading (a title page stating the total) hangs off a root of its own.
    if (!current) {
      current = { unit, rank: -1, title: '', children: [] };
      roots.push(current);
    }
    if (totalStatement && totalStatement.unit === unit) {
      const figure = figureAt(unit, totalStatement.start);
      if (figure && !total) {
        // The total is attached to a virtual child so that its heading's own score stays separate.
        total = { unit, rank: current.rank + 0.5, title: '自评总分', parent: current, children: [], score: figure, isTotal: true };
      }
      continue;
    }
    let best: { figure: Figure; strength: number; at: number } | undefined;
    for (const m of unit.text.matchAll(SCORE)) {
      const before = unit.text.slice(Math.max(0, m.index - 8), m.index);
      if (/满意度|项目/.test(before) && !/该/.test(before)) continue;
      const at = m.index + m[0].indexOf(m[2]!, m[1]!.length);
      const figure = figureAt(unit, at);
      if (!figure || figure.kind !== 'score') continue;
      const strength = (/自评/.test(m[1]!) ? 2 : 0) + (/该|此项/.test(before) ? 1 : 0);
      if (!best || strength > best.strength) best = { figure, strength, at };
    }
    const lead = best && statementLead(unit.text, best.at);
    if (best && current.score && rank === undefined && unit.scanned && lead && current.rank >= 0) {
      // On a scan, item markers are often misread (`①` as `©`, `@`, `GD`, `印`), so an item
      // can arrive without its heading. A second score statement under an item that has its
      // own is then the next item: a sibling when worded like the item's (`该指标自评分数为`),
      // a first child when worded otherwise (the section's `该项指标自评分为` above it).
      const sibling = lead === leads.get(current);
      const itemUnit = titleUnit ?? unit;
      current = open({ unit: itemUnit, rank: sibling ? current.rank : Math.floor(current.rank) + 1, title: headingTitle(itemUnit.text, true), children: [] });
    }
    if (best && !current.score) {
      current.score = best.figure;
      if (lead) leads.set(current, lead);
    }
    // A short line with no sentence punctuation after a score statement: the next item's title.
    if (best || rank !== undefined) titleUnit = undefined;
    else if (!titleUnit && isTitleLike(unit.text)) titleUnit = unit;
    for (const m of unit.text.matchAll(MAX)) {
      const figure = figureAt(unit, m.index + m[0].indexOf(m[2]!, m[1]!.length));
      if (figure && figure.kind === 'score' && !current.max) current.max = figure;
    }
  }
  return total ? { roots, nodes, total } : { roots, nodes };
}

/**
 * The wording of a score statement from its `该` to the number, digits and spaces left out:
 * `该指标自评分数为`, `该项指标自评分为`, `该三级指标满分分，自评`. Items of one level share it.
 */
function statementLead(text: string, numberAt: number): string | undefined {
  // Only the 16 characters before the number can hold it: no need to search further back.
  const from = lastIndexWithin(text, '该', numberAt - 16, numberAt);
  if (from < 0) return undefined;
  return text.slice(from, numberAt).replace(/[\d.\s]/g, '');
}

function isTitleLike(text: string): boolean {
  const t = text.trim();
  return t.length >= 2 && t.length <= 25 && !/[。；;，,：:]/.test(t) && /[\u4e00-\u9fa5]{2}/.test(t);
}

/** `1. 预算编制情况（此项总分13分，自评得分13分）` → `1. 预算编制情况`. */
function headingTitle(text: string, scanned = false): string {
  const trimmed = text.replace(/^[\s#]+/, '').trim();
  const marker = outlineMarker(trimmed, scanned)?.marker ?? '';
  // The title ends at the first bracket or clause mark, or where a score statement starts
  // (`① 预算编制合理性该三级指标满分 5 分`).
  const cut = trimmed.slice(marker.length).search(/[（(，,。：:]|该[一二三四]?[级项]?指标/);
  return (cut < 0 ? trimmed : trimmed.slice(0, marker.length + cut)).trim().slice(0, 30);
}

/**
 * The items below a node that a score sum adds up: the nearest scored nodes (a scored child
 * hides its own descendants), and the items that state a full mark but no score anywhere
 * under them (`满分 5 分，自评` with the score not stated, or not read on a scan): with such an
 * item the sum of the others is incomplete.
 */
export function scoreItemsBelow(node: OutlineNode): { scored: OutlineNode[]; unscored: OutlineNode[] } {
  const scored: OutlineNode[] = [];
  const unscored: OutlineNode[] = [];
  for (const child of node.children) {
    if (child.score) {
      scored.push(child);
      continue;
    }
    const below = scoreItemsBelow(child);
    scored.push(...below.scored);
    unscored.push(...below.unscored);
    if (child.max && below.scored.length === 0 && below.unscored.length === 0) unscored.push(child);
  }
  return { scored, unscored };
}

export function rootOf(node: OutlineNode): OutlineNode {
  let at = node;
  while (at.parent) at = at.parent;
  return at;
}
