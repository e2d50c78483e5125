/**
 * Table grids from ruling lines: merge collinear rulings, find connected frames, derive the
 * column and row lines, and merge grid cells where a border is missing (merged cells).
 */
import type { BBox } from '../../model/document.js';
import { clusterValues } from './geometry.js';
import type { Ruling } from './rulings.js';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
}

export interface Grid {
  /** Column boundaries (x), left to right; columns = xs.length - 1. */
  xs: number[];
  /** Row boundaries (y), top to bottom; rows = ys.length - 1. */
  ys: number[];
  /** One entry per (merged) cell, in row-major order of their top-left grid cell. */
  cells: GridCell[];
  bbox: BBox;
  /** The rulings the grid was built from (merged). */
  rulings: Ruling[];
}

const SNAP = 2; // rulings closer than this (display units) are the same line
const TOUCH = 3; // how far apart a horizontal and a vertical line may be and still meet
const MAX_PAIRS = 4_000_000;

/** Merges overlapping or touching collinear rulings. */
export function mergeRulings(rulings: readonly Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const dir of ['h', 'v'] as const) {
    const list = rulings.filter((r) => r.dir === dir).sort((a, b) => a.pos - b.pos || a.from - b.from);
    // group by position
    const groups: Ruling[][] = [];
    for (const r of list) {
      const group = groups[groups.length - 1];
      if (group && Math.abs(r.pos - group[0]!.pos) <= SNAP) group.push(r);
      else groups.push([r]);
    }
    for (const group of groups) {
      const pos = group.reduce((s, r) => s + r.pos, 0) / group.length;
      const spans = group.map((r) => [r.from, r.to] as [number, number]).sort((a, b) => a[0] - b[0]);
      let [from, to] = spans[0]!;
      for (const [f, t] of spans.slice(1)) {
        if (f <= to + SNAP) to = Math.max(to, t);
        else {
          out.push({ dir, pos, from, to });
          [from, to] = [f, t];
        }
      }
      out.push({ dir, pos, from, to });
    }
  }
  return out;
}

function meets(h: Ruling, v: Ruling): boolean {
  return v.pos >= h.from - TOUCH && v.pos <= h.to + TOUCH && h.pos >= v.from - TOUCH && h.pos <= v.to + TOUCH;
}

/** Finds table grids among a page's rulings. */
export function findGrids(rulings: readonly Ruling[]): Grid[] {
  const merged = mergeRulings(rulings);
  const hs = merged.filter((r) => r.dir === 'h');
  const vs = merged.filter((r) => r.dir === 'v');
  if (hs.length < 2 || vs.length < 1) return [];
  // Thousands of strokes are a drawing (a chart, a map, hatching), not table borders.
  if (hs.length * vs.length > MAX_PAIRS) return [];
  // union-find over h (0..H-1) and v (H..H+V-1)
  const parent = merged.map((_, i) => i);
  const all = [...hs, ...vs];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < hs.length; i++) {
    for (let j = 0; j < vs.length; j++) {
      if (meets(hs[i]!, vs[j]!)) {
        const a = find(i);
        const b = find(hs.length + j);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const components = new Map<number, Ruling[]>();
  all.forEach((r, i) => {
    const root = find(i);
    const list = components.get(root) ?? [];
    list.push(r);
    components.set(root, list);
  });
  const grids: Grid[] = [];
  for (const component of components.values()) {
    const grid = buildGrid(component);
    if (grid) grids.push(grid);
  }
  return grids.sort((a, b) => a.bbox.y0 - b.bbox.y0);
}

/** Builds the grid of one connected set of rulings (exported for rows split by text). */
export function buildGrid(rulings: Ruling[]): Grid | undefined {
  const hs = rulings.filter((r) => r.dir === 'h');
  const vs = rulings.filter((r) => r.dir === 'v');
  if (hs.length < 2 || vs.length < 1) return undefined;
  const left = Math.min(...hs.map((h) => h.from), ...vs.map((v) => v.pos));
  const right = Math.max(...hs.map((h) => h.to), ...vs.map((v) => v.pos));
  const top = Math.min(...vs.map((v) => v.from), ...hs.map((h) => h.pos));
  const bottom = Math.max(...vs.map((v) => v.to), ...hs.map((h) => h.pos));
  let xs = clusterValues(vs.map((v) => v.pos), SNAP);
  let ys = clusterValues(hs.map((h) => h.pos), SNAP);
  // Tables drawn without outer side borders: the horizontal rules still give the extent.
  const openLeft = xs[0]! - left > TOUCH;
  const openRight = right - xs[xs.length - 1]! > TOUCH;
  if (openLeft) xs = [left, ...xs];
  if (openRight) xs = [...xs, right];
  const openTop = ys[0]! - top > TOUCH;
  const openBottom = bottom - ys[ys.length - 1]! > TOUCH;
  if (openTop) ys = [top, ...ys];
  if (openBottom) ys = [...ys, bottom];
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  if (cols < 1 || rows < 1 || cols * rows < 2) return undefined;
  if (right - left < 20 || bottom - top < 8) return undefined;

  const covered = (lines: Ruling[], pos: number, from: number, to: number, synthetic: boolean): boolean => {
    if (synthetic) return true;
    const mid = (from + to) / 2;
    const need = Math.min(TOUCH, (to - from) / 4);
    return lines.some((l) => Math.abs(l.pos - pos) <= SNAP && l.from <= mid - need && l.to >= mid + need);
  };
  // Border between grid columns c-1 and c in row r?
  const vBorder = (c: number, r: number) =>
    covered(vs, xs[c]!, ys[r]!, ys[r + 1]!, (c === 0 && openLeft) || (c === cols && openRight));
  const hBorder = (r: number, c: number) =>
    covered(hs, ys[r]!, xs[c]!, xs[c + 1]!, (r === 0 && openTop) || (r === rows && openBottom));

  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !vBorder(c + 1, r)) join(id(r, c), id(r, c + 1));
      if (r + 1 < rows && !hBorder(r + 1, c)) join(id(r, c), id(r + 1, c));
    }
  }
  const regions = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const region = regions.get(root);
      if (!region) regions.set(root, { r0: r, r1: r, c0: c, c1: c });
      else {
        region.r0 = Math.min(region.r0, r);
        region.r1 = Math.max(region.r1, r);
        region.c0 = Math.min(region.c0, c);
        region.c1 = Math.max(region.c1, c);
      }
    }
  }
  if (regions.size < 2) return undefined; // a frame around text, not a table
  const cells: GridCell[] = [...regions.values()]
    .sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)
    .map((g) => ({
      row: g.r0,
      col: g.c0,
      rowSpan: g.r1 - g.r0 + 1,
      colSpan: g.c1 - g.c0 + 1,
      bbox: { x0: xs[g.c0]!, y0: ys[g.r0]!, x1: xs[g.c1 + 1]!, y1: ys[g.r1 + 1]! },
    }));
  return { xs, ys, cells, bbox: { x0: xs[0]!, y0: ys[0]!, x1: xs[cols]!, y1: ys[rows]! }, rulings };
}
