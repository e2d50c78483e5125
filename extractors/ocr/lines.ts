/**
 * Table rulings in a page image: long thin dark horizontal and vertical strokes, found as
 * connected components of pixels that lie on long straight dark runs. A scan is often a
 * little skewed (the corpus scans up to 0.5°), so a component may drift by several pixels
 * along its length; it is reported by its two end points, and the caller deskews.
 *
 * Found in the OCR worker before recognition; their pixels are then painted white, because
 * table borders confuse the engines' layout analysis and get read as `|`, `l` or `1`.
 */
import type { GreyImage } from './protocol.js';

/** A stroke from (x0, y0) to (x1, y1), pixels. */
export interface ImageRuling {
  dir: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Stroke thickness, pixels. */
  width: number;
}

export interface RulingOptions {
  /** Grey level below which a pixel is ink (default 150). */
  threshold: number;
  /** Shortest run of ink (pixels) that counts as part of a line (default: 2.5 % of the image's shorter side, at least 30). */
  minRun: number;
  /** Thickest stroke accepted, pixels (default: 0.6 % of the shorter side, at least 6). */
  maxThickness: number;
}

function defaults(image: GreyImage): RulingOptions {
  const side = Math.min(image.width, image.height);
  return { threshold: 150, minRun: Math.max(30, Math.round(side * 0.025)), maxThickness: Math.max(6, Math.round(side * 0.006)) };
}

/**
 * Marks pixels on long runs of ink along one axis (gaps of one pixel bridged).
 * `horizontal`: runs along rows; otherwise along columns.
 */
function runMask(image: GreyImage, horizontal: boolean, o: RulingOptions): Uint8Array {
  const { width, height, data } = image;
  const mask = new Uint8Array(width * height);
  const outer = horizontal ? height : width;
  const inner = horizontal ? width : height;
  const at = horizontal ? (o1: number, i: number) => o1 * width + i : (o1: number, i: number) => i * width + o1;
  for (let a = 0; a < outer; a++) {
    let start = -1;
    let lastInk = -1;
    for (let i = 0; i <= inner; i++) {
      const ink = i < inner && data[at(a, i)]! < o.threshold;
      if (ink) {
        if (start < 0) start = i;
        lastInk = i;
      } else if (start >= 0 && i - lastInk > 2) {
        if (lastInk - start + 1 >= o.minRun) for (let k = start; k <= lastInk; k++) mask[at(a, k)] = 1;
        start = -1;
      }
    }
  }
  return mask;
}

interface Component {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  count: number;
  /** Sums for the centre line: Σx, Σy, Σxy, Σx², Σy² over the component's pixels. */
  sx: number;
  sy: number;
  sxy: number;
  sxx: number;
  syy: number;
  pixels: number[];
}

/** 8-connected components of a mask (iterative flood fill). */
function components(mask: Uint8Array, width: number, height: number): Component[] {
  const seen = new Uint8Array(mask.length);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    const c: Component = { minX: width, maxX: 0, minY: height, maxY: 0, count: 0, sx: 0, sy: 0, sxy: 0, sxx: 0, syy: 0, pixels: [] };
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      c.pixels.push(p);
      c.count++;
      c.sx += x;
      c.sy += y;
      c.sxy += x * y;
      c.sxx += x * x;
      c.syy += y * y;
      if (x < c.minX) c.minX = x;
      if (x > c.maxX) c.maxX = x;
      if (y < c.minY) c.minY = y;
      if (y > c.maxY) c.maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !seen[q]) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** Fits the component's centre line and returns its end points, or undefined if it is not a thin straight stroke. */
function stroke(c: Component, dir: 'h' | 'v', o: RulingOptions): ImageRuling | undefined {
  const n = c.count;
  const mx = c.sx / n;
  const my = c.sy / n;
  if (dir === 'h') {
    const length = c.maxX - c.minX + 1;
    if (length < 2 * o.minRun) return undefined;
    const varX = c.sxx / n - mx * mx;
    const slope = varX > 0 ? (c.sxy / n - mx * my) / varX : 0;
    if (Math.abs(slope) > 0.035) return undefined; // more than 2°: not a ruling of this page
    const thickness = n / length;
    if (thickness > o.maxThickness) return undefined;
    return { dir, x0: c.minX, y0: my + slope * (c.minX - mx), x1: c.maxX, y1: my + slope * (c.maxX - mx), width: thickness };
  }
  const length = c.maxY - c.minY + 1;
  if (length < 2 * o.minRun) return undefined;
  const varY = c.syy / n - my * my;
  const slope = varY > 0 ? (c.sxy / n - mx * my) / varY : 0;
  if (Math.abs(slope) > 0.035) return undefined;
  const thickness = n / length;
  if (thickness > o.maxThickness) return undefined;
  return { dir, x0: mx + slope * (c.minY - my), y0: c.minY, x1: mx + slope * (c.maxY - my), y1: c.maxY, width: thickness };
}

/**
 * Finds rulings; with `erase`, paints their pixels white in `image.data` (in place) so the
 * OCR engine does not read them as characters.
 */
export function findRulings(image: GreyImage, erase = false, options: Partial<RulingOptions> = {}): ImageRuling[] {
  const o = { ...defaults(image), ...options };
  const found: ImageRuling[] = [];
  const toErase: number[][] = [];
  for (const dir of ['h', 'v'] as const) {
    const mask = runMask(image, dir === 'h', o);
    for (const c of components(mask, image.width, image.height)) {
      const r = stroke(c, dir, o);
      if (!r) continue;
      found.push(r);
      if (erase) toErase.push(c.pixels);
    }
  }
  if (erase) {
    const { width, height, data } = image;
    for (const pixels of toErase) {
      for (const p of pixels) {
        // One pixel of margin: anti-aliased edges of the stroke.
        const x = p % width;
        const y = (p - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = y + dy;
          if (ny < 0 || ny >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            if (nx >= 0 && nx < width) data[ny * width + nx] = 255;
          }
        }
      }
    }
  }
  return found;
}
