/**
 * The report's outline (一、 > （一） > 1. > （1） > ①) and the scores stated under each heading:
 * what the score rules add up.
 */
import type { Figure } from '../model/figure.js';
import { findSelfScore } from './meta.js';
import type { TextUnit } from './text.js';

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

const MARKERS: [RegExp, number][] = [
  [/^\s*[一二三四五六七八九十]+、/, 0],
  [/^\s*[（(][一二三四五六七八九十]+[)）]/, 1],
  [/^\s*\d{1,2}\s*[.．、](?!\d)/, 2],
  [/^\s*[（(]\d{1,2}[)）]/, 3],
  [/^\s*[①-⑳]/, 4],
];

function rankOf(unit: TextUnit): number | undefined {
  // Markdown hashes left in the text of a PDF or Word file (`# （5）资产管理`) are not part of the marker.
  const text = unit.text.replace(/^[\s#]+/, '');
  for (const [pattern, rank] of MARKERS) if (pattern.test(text)) return rank;
  return undefined;
}

const SCORE = /(自评得分|自评分数|自评分|自评|得分)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分/g;
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
  const figureAt = (unit: TextUnit, offset: number) => document.figuresByUnit.get(unit.id)?.find((f) => offset >= f.start && offset < f.end)?.figure;

  for (const unit of document.units) {
    if (unit.kind === 'cell') continue;
    const rank = rankOf(unit);
    if (rank !== undefined) {
      while (stack.length && stack.at(-1)!.rank >= rank) stack.pop();
      const node: OutlineNode = { unit, rank, title: headingTitle(unit.text), children: [] };
      const parent = stack.at(-1);
      if (parent) {
        node.parent = parent;
        parent.children.push(node);
      } else roots.push(node);
      stack.push(node);
      nodes.push(node);
      current = node;
    }
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
    let best: { figure: Figure; strength: number } | undefined;
    for (const m of unit.text.matchAll(SCORE)) {
      const before = unit.text.slice(Math.max(0, m.index - 8), m.index);
      if (/满意度|项目/.test(before) && !/该/.test(before)) continue;
      const figure = figureAt(unit, m.index + m[0].indexOf(m[2]!, m[1]!.length));
      if (!figure || figure.kind !== 'score') continue;
      const strength = (/自评/.test(m[1]!) ? 2 : 0) + (/该|此项/.test(before) ? 1 : 0);
      if (!best || strength > best.strength) best = { figure, strength };
    }
    if (best && !current.score) current.score = best.figure;
    for (const m of unit.text.matchAll(MAX)) {
      const figure = figureAt(unit, m.index + m[0].indexOf(m[2]!, m[1]!.length));
      if (figure && figure.kind === 'score' && !current.max) current.max = figure;
    }
  }
  return total ? { roots, nodes, total } : { roots, nodes };
}

/** `1. 预算编制情况（此项总分13分，自评得分13分）` → `1. 预算编制情况`. */
function headingTitle(text: string): string {
  const trimmed = text.replace(/^[\s#]+/, '').trim();
  const marker = MARKERS.map(([pattern]) => pattern.exec(trimmed)?.[0]).find(Boolean) ?? '';
  const cut = trimmed.slice(marker.length).search(/[（(，,。：:]/);
  return (cut < 0 ? trimmed : trimmed.slice(0, marker.length + cut)).trim().slice(0, 30);
}

/** The nearest scored nodes below a node (a scored child hides its own descendants). */
export function scoredBelow(node: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const child of node.children) {
    if (child.score) out.push(child);
    else out.push(...scoredBelow(child));
  }
  return out;
}

export function rootOf(node: OutlineNode): OutlineNode {
  let at = node;
  while (at.parent) at = at.parent;
  return at;
}
