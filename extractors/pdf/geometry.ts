/** Small 2-D helpers shared by the PDF reader's modules (PDF matrices are [a, b, c, d, e, f]). */
import type { BBox } from '../../model/document.js';

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2: apply m2 first, then m1 (pdf.js Util.transform order). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = m1;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

export function apply(m: readonly number[], x: number, y: number): [number, number] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  return [a * x + c * y + e, b * x + d * y + f];
}

export function union(a: BBox | undefined, b: BBox): BBox {
  if (!a) return { ...b };
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/** Rounds to 1/100 of a unit: enough for drawing, and keeps JSON small. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function roundBox(box: BBox): BBox {
  return { x0: round(box.x0), y0: round(box.y0), x1: round(box.x1), y1: round(box.y1) };
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Groups sorted-able numbers that lie within `tolerance` of the previous one; returns each group's mean. */
export function clusterValues(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const result: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1]! > tolerance) {
      result.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) result.push(group.reduce((s, x) => s + x, 0) / group.length);
  return result;
}

/**
 * The matrix from PDF user space to display space (origin top-left, y down, page rotation
 * applied) for a page's visible box `[x0, y0, x1, y1]` and its /Rotate, as pdf.js's
 * PageViewport builds it at scale 1; also the display width and height.
 */
export function displayMatrix(box: readonly [number, number, number, number], rotation: number): { transform: Matrix; width: number; height: number } {
  const [x0, y0, x1, y1] = box;
  const centerX = (x0 + x1) / 2;
  const centerY = (y0 + y1) / 2;
  const turn = (((Math.round(rotation / 90) * 90) % 360) + 360) % 360;
  const [a, b, c, d] = turn === 90 ? [0, 1, 1, 0] : turn === 180 ? [-1, 0, 0, 1] : turn === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const sideways = a === 0;
  const offsetX = sideways ? Math.abs(centerY - y0) : Math.abs(centerX - x0);
  const offsetY = sideways ? Math.abs(centerX - x0) : Math.abs(centerY - y0);
  return {
    transform: [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY],
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
  };
}
