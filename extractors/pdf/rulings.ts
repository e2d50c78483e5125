/**
 * Ruling lines (table borders) from a page's operator list: stroked axis-aligned segments
 * and thin filled rectangles, in display coordinates (origin top-left, y down).
 */
import { apply, IDENTITY, multiply, type Matrix } from './geometry.js';

export interface Ruling {
  /** `h`: horizontal (pos is y), `v`: vertical (pos is x). */
  dir: 'h' | 'v';
  pos: number;
  from: number;
  to: number;
}

/** The operator numbers the reader needs (values of pdf.js OPS, passed in to keep this module pure). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  setLineWidth: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  setStrokeTransparent: number;
  setFillTransparent: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintImageXObjectRepeat: number;
  paintImageMaskXObjectRepeat: number;
  paintSolidColorImageMask: number;
  paintInlineImageXObjectGroup: number;
  paintImageMaskXObjectGroup: number;
}

export interface OperatorListLike {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

interface State {
  ctm: Matrix;
  lineWidth: number;
  stroke: boolean;
  fill: boolean;
}

/** Colours this light do not draw visible lines (white table backgrounds, "erasers"). */
function visibleColor(hex: unknown): boolean {
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return true;
  return visibleRgb(parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16));
}

/** A colour (0–255 per channel) dark enough to draw a visible line. */
export function visibleRgb(r: number, g: number, b: number): boolean {
  return 0.299 * r + 0.587 * g + 0.114 * b < 235;
}

/** Longest side a filled rectangle may have across to count as a line. */
const THIN = 2.5;
/** Shortest ruling kept. */
const MIN_LENGTH = 3;

export interface PageGraphics {
  rulings: Ruling[];
  /** Number of images painted (scans) and of painted paths (vector art, outlined text). */
  images: number;
  paths: number;
  /** Area of the largest image, in display units² (an image is the unit square under the CTM). */
  largestImage: number;
  /** Area covered by images whose pixel size is known, in display units². */
  imageArea: number;
  /** Pixels per display unit of the largest such image: the resolution of a scan. */
  imageDensity: number | undefined;
  /** Pixel size of the image with the most pixels, when known (the pixel budget: extractors/pixel-budget.ts). */
  mostPixels?: { width: number; height: number };
}

/** Pixel size of a painted image: paintImageXObject has [objId, width, height]; inline and mask images [{ width, height, … }]. */
function imageSize(args: unknown[] | null): { width: number; height: number } | undefined {
  if (!args) return undefined;
  if (typeof args[1] === 'number' && typeof args[2] === 'number') return { width: args[1], height: args[2] };
  const first = args[0] as { width?: unknown; height?: unknown } | undefined;
  if (first && typeof first.width === 'number' && typeof first.height === 'number') return { width: first.width, height: first.height };
  return undefined;
}

/** Counts the images a page paints: how many, the largest, the area and the resolution of a scan. */
export class ImageTally {
  private count = 0;
  private largest = 0;
  private area = 0;
  private densest: { area: number; density: number } | undefined;
  private mostPixels: { width: number; height: number } | undefined;

  /** `ctm` maps the image's unit square to display space; `size` is its pixel size when known. */
  add(ctm: readonly number[], size: { width: number; height: number } | undefined): void {
    this.count++;
    const [a = 1, b = 0, c = 0, d = 1] = ctm;
    this.largest = Math.max(this.largest, Math.abs(a * d - b * c));
    const drawnWidth = Math.hypot(a, b);
    const drawnHeight = Math.hypot(c, d);
    if (size && size.width * size.height > (this.mostPixels ? this.mostPixels.width * this.mostPixels.height : 0)) this.mostPixels = { width: size.width, height: size.height };
    if (!size || drawnWidth < 1 || drawnHeight < 1) return;
    const area = drawnWidth * drawnHeight;
    this.area += area;
    // Several strips of one scan (CCITT bands) share its resolution; the largest decides.
    if (!this.densest || area > this.densest.area) this.densest = { area, density: Math.max(size.width / drawnWidth, size.height / drawnHeight) };
  }

  result(): Pick<PageGraphics, 'images' | 'largestImage' | 'imageArea' | 'imageDensity' | 'mostPixels'> {
    return { images: this.count, largestImage: this.largest, imageArea: this.area, imageDensity: this.densest?.density, ...(this.mostPixels ? { mostPixels: this.mostPixels } : {}) };
  }
}

/** Walks the operator list once; `viewportTransform` maps PDF user space to display space. */
export function readGraphics(ops: OperatorListLike, OPS: OpCodes, viewportTransform: readonly number[]): PageGraphics {
  const rulings: Ruling[] = [];
  const stack: State[] = [];
  let state: State = { ctm: multiply(viewportTransform, IDENTITY), lineWidth: 1, stroke: true, fill: true };
  const images = new ImageTally();
  let paths = 0;
  const imageOps = new Set([
    OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat,
    OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup,
  ]);
  const strokeOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

  const n = ops.fnArray.length;
  for (let i = 0; i < n; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        if (args && args.length >= 6) state.ctm = multiply(state.ctm, args as number[]);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args?.[0] as ArrayLike<number> | null | undefined;
        if (matrix && matrix.length >= 6) state.ctm = multiply(state.ctm, Array.from(matrix));
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state.lineWidth = typeof args?.[0] === 'number' ? args[0] : state.lineWidth;
        break;
      case OPS.setStrokeRGBColor:
        state.stroke = visibleColor(args?.[0]);
        break;
      case OPS.setFillRGBColor:
        state.fill = visibleColor(args?.[0]);
        break;
      case OPS.setStrokeTransparent:
        state.stroke = false;
        break;
      case OPS.setFillTransparent:
        state.fill = false;
        break;
      case OPS.constructPath: {
        const paint = args?.[0] as number;
        const data = (args?.[1] as ArrayLike<ArrayLike<number> | null> | undefined)?.[0];
        if (!data || data.length === 0) break;
        const stroked = strokeOps.has(paint) && state.stroke;
        const filled = fillOps.has(paint) && state.fill;
        if (!stroked && !filled) break;
        paths++;
        collectPath(data, state, stroked, filled, rulings);
        break;
      }
      default:
        if (imageOps.has(fn)) images.add(state.ctm, imageSize(args));
    }
  }
  return { rulings, paths, ...images.result() };
}

/** A subpath in display space, as both engines hand it over. */
export interface Subpath {
  points: Array<[number, number]>;
  closed: boolean;
  curved: boolean;
}

function collectPath(data: ArrayLike<number>, state: State, stroked: boolean, filled: boolean, out: Ruling[]): void {
  const subpaths: Subpath[] = [];
  let current: Subpath | undefined;
  let i = 0;
  while (i < data.length) {
    const op = data[i]!;
    if (op === 0) {
      current = { points: [apply(state.ctm, data[i + 1]!, data[i + 2]!)], closed: false, curved: false };
      subpaths.push(current);
      i += 3;
    } else if (op === 1) {
      current?.points.push(apply(state.ctm, data[i + 1]!, data[i + 2]!));
      i += 3;
    } else if (op === 2) {
      if (current) {
        current.curved = true;
        current.points.push(apply(state.ctm, data[i + 5]!, data[i + 6]!));
      }
      i += 7;
    } else if (op === 3) {
      if (current) {
        current.curved = true;
        current.points.push(apply(state.ctm, data[i + 3]!, data[i + 4]!));
      }
      i += 5;
    } else if (op === 4) {
      if (current) current.closed = true;
      i += 1;
    } else {
      break; // unknown encoding: stop rather than misread
    }
  }
  rulingsFromSubpaths(subpaths, lineWidthInDisplay(state.ctm, state.lineWidth), stroked, filled, out);
}

/** A line width in display units: the width times the average scale of the CTM. */
export function lineWidthInDisplay(ctm: readonly number[], width: number): number {
  const [a = 1, b = 0, c = 0, d = 1] = ctm;
  const scale = Math.sqrt(Math.abs(a * d - b * c)) || 1;
  return Math.max(width, 0) * scale;
}

/**
 * The rulings a painted path draws: its stroked axis-aligned segments and its filled thin
 * rectangles. Shared by the pdf.js and the PDFium readers, so both see the same tables.
 */
export function rulingsFromSubpaths(subpaths: readonly Subpath[], lineWidth: number, stroked: boolean, filled: boolean, out: Ruling[]): void {
  for (const sub of subpaths) {
    if (sub.curved || sub.points.length < 2) continue;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const [x, y] of sub.points) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const w = x1 - x0;
    const h = y1 - y0;
    if (filled && isAxisRect(sub.points)) {
      if (h <= THIN && w >= MIN_LENGTH) out.push({ dir: 'h', pos: (y0 + y1) / 2, from: x0, to: x1 });
      else if (w <= THIN && h >= MIN_LENGTH) out.push({ dir: 'v', pos: (x0 + x1) / 2, from: y0, to: y1 });
      if (!stroked) continue;
    }
    if (!stroked) continue;
    if (lineWidth > 6) continue; // a thick stroke is decoration, not a ruling
    const pts = sub.closed ? [...sub.points, sub.points[0]!] : sub.points;
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1]!;
      const [bx, by] = pts[k]!;
      if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) >= MIN_LENGTH) {
        out.push({ dir: 'h', pos: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
      } else if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) >= MIN_LENGTH) {
        out.push({ dir: 'v', pos: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
      }
    }
  }
}

/** Four (or five, closed) corner points forming an axis-aligned rectangle. */
function isAxisRect(points: Array<[number, number]>): boolean {
  const pts = points.length === 5 && Math.abs(points[4]![0] - points[0]![0]) < 0.01 && Math.abs(points[4]![1] - points[0]![1]) < 0.01 ? points.slice(0, 4) : points;
  if (pts.length === 2) return true; // degenerate rectangle drawn as a line
  if (pts.length !== 4) return false;
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = pts[k]!;
    const [bx, by] = pts[(k + 1) % 4]!;
    if (Math.abs(ax - bx) > 0.5 && Math.abs(ay - by) > 0.5) return false;
  }
  return true;
}
