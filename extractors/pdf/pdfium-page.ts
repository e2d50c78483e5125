/**
 * One PDF page read through PDFium: its characters become the reader's tokens, its path and
 * image objects its rulings and image tally. The layout that follows (lines, grids, tables) is
 * the same for both engines (page.ts, grid.ts); only where tokens and rulings come from differs.
 *
 * PDFium gives every character its origin and advance, so a token's box is measured, not
 * estimated from character classes as with pdf.js's one width per text item.
 */
import type { PdfiumEngine } from '../pdfium.js';
import { apply, IDENTITY, multiply, type Matrix } from './geometry.js';
import { ImageTally, lineWidthInDisplay, rulingsFromSubpaths, visibleRgb, type PageGraphics, type Ruling, type Subpath } from './rulings.js';
import { DEFAULT_ASCENT, DEFAULT_DESCENT, WHITESPACE_RE, type Token } from './text.js';


/** Page object types (fpdf_edit.h). */
const OBJECT_TEXT = 1;
const OBJECT_PATH = 2;
const OBJECT_IMAGE = 3;
const OBJECT_FORM = 5;
/** Path segment types. */
const SEGMENT_BEZIERTO = 1;
const SEGMENT_MOVETO = 2;

/** Forms nested deeper than this are not walked (a loop or a pathological file). */
const MAX_FORM_DEPTH = 12;

/** A scratch area in the wasm heap for the out-parameters of one call at a time. */
export interface Scratch {
  ptr: number;
}

/** Glyph that did not map to Unicode, as the text-layer check counts it. */
const UNMAPPED = '\uFFFD';

/** An FS_MATRIX (six floats) written by PDFium at `ptr`. */
function matrixAt(engine: PdfiumEngine, ptr: number): Matrix {
  const f32 = engine.heap().f32;
  const k = ptr >> 2;
  return [f32[k]!, f32[k + 1]!, f32[k + 2]!, f32[k + 3]!, f32[k + 4]!, f32[k + 5]!];
}

/**
 * The page's tokens in display coordinates (`display` maps user space to display space). A token
 * is a run of characters without whitespace that continue each other on one baseline; a gap,
 * a jump back, a change of size or a generated break starts the next one.
 */
export function readPdfiumTokens(engine: PdfiumEngine, textPage: number, display: Matrix, scratch: Scratch): Token[] {
  const fn = engine.fn;
  const count = fn.FPDFText_CountChars(textPage);
  const tokens: Token[] = [];
  if (count <= 0) return tokens;
  const { f32, f64 } = engine.heap();
  const s = scratch.ptr;

  let object = -1;
  // Per text object: the font size in display space, its direction and slant.
  let size = 0;
  let horizontal = true;
  let slant = 0;
  let upright = true;
  let run: Token | undefined;
  /** The last token begun, kept past a space: the next one may belong to its item. */
  let previous: Token | undefined;
  let runObject = -1;
  let item = 0;
  let sawSpace = false;
  let broken = true;

  const flush = () => {
    if (run) tokens.push(run);
    run = undefined;
  };

  for (let i = 0; i < count; i++) {
    const code = fn.FPDFText_GetUnicode(textPage, i);
    if (fn.FPDFText_IsGenerated(textPage, i) === 1) {
      // PDFium's own space (it saw a word gap) counts as a space; its line break ends the run.
      flush();
      if (code === 0x20) sawSpace = true;
      else broken = true;
      continue;
    }
    const unmapped = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || fn.FPDFText_HasUnicodeMapError(textPage, i) === 1;
    const ch = unmapped ? UNMAPPED : String.fromCodePoint(code);
    if (WHITESPACE_RE.test(ch)) {
      flush();
      sawSpace = true;
      continue;
    }
    const owner = fn.FPDFText_GetTextObject(textPage, i);
    if (owner !== object) {
      object = owner;
      fn.FPDFText_GetMatrix(textPage, i, s);
      const [a, b, c, d] = matrixAt(engine, s);
      const fontSize = fn.FPDFText_GetFontSize(textPage, i);
      const m = multiply(display, [a, b, c, d, 0, 0]);
      const scaleX = Math.hypot(m[0], m[1]);
      size = fontSize * (Math.hypot(m[2], m[3]) || scaleX);
      // The baseline runs left to right; a slant of the glyphs (synthetic italic) does not matter.
      horizontal = m[0] > 0 && Math.abs(m[1]) <= 0.02 * scaleX;
      slant = Math.abs(m[3]) > 0 ? Math.abs(m[2] / m[3]) : 0;
      // Text set at a slant (watermarks such as 内部资料, stamps) is not part of the page's text.
      upright = Math.abs(m[1]) <= 0.02 * scaleX || Math.abs(m[0]) <= 0.02 * scaleX;
    }
    if (!upright || !(size > 0)) continue;
    fn.FPDFText_GetCharOrigin(textPage, i, s, s + 8);
    const [ox, oy] = apply(display, f64[s >> 3]!, f64[(s >> 3) + 1]!);
    fn.FPDFText_GetLooseCharBox(textPage, i, s + 16);
    const b = (s + 16) >> 2;
    // FS_RECTF: left, top, right, bottom in user space.
    const [ax, ay] = apply(display, f32[b]!, f32[b + 1]!);
    const [bx, by] = apply(display, f32[b + 2]!, f32[b + 3]!);
    if (horizontal) {
      // The loose box is the advance times the glyph height, sheared by a slant: the advance
      // along the baseline is its width less the shear (synthetic italic boxes overlap otherwise).
      const x0 = ox;
      const x1 = ox + Math.max(0.01, Math.abs(bx - ax) - slant * Math.abs(by - ay));
      const continues =
        run !== undefined &&
        !run.rotated &&
        !broken &&
        !sawSpace &&
        Math.abs(run.size - size) <= 0.1 * size &&
        Math.abs(run.baseline - oy) <= 0.1 * size &&
        x0 >= run.x1 - 0.25 * size &&
        x0 - run.x1 <= 0.1 * size;
      if (continues && run) {
        run.text += ch;
        run.x1 = Math.max(run.x1, x1);
        continue;
      }
      // The next word of the same line of text (pdf.js: the same text item) keeps the item, so a
      // space between them is the text's own.
      const sameItem = previous !== undefined && !previous.rotated && !broken && Math.abs(previous.baseline - oy) <= 0.1 * size && x0 >= previous.x1 - 0.25 * size;
      flush();
      if (!sameItem) item++;
      run = { text: ch, x0, x1, top: oy - DEFAULT_ASCENT * size, bottom: oy + DEFAULT_DESCENT * size, baseline: oy, size, rotated: false, item, spaceBefore: sawSpace && sameItem };
      previous = run;
    } else {
      // Rotated or vertical text: one token per run of its object, with the box of the run.
      const x0 = Math.min(ax, bx);
      const x1 = Math.max(ax, bx);
      const top = Math.min(ay, by);
      const bottom = Math.max(ay, by);
      if (run && run.rotated && !broken && !sawSpace && runObject === object) {
        run.text += ch;
        run.x0 = Math.min(run.x0, x0);
        run.x1 = Math.max(run.x1, x1);
        run.top = Math.min(run.top, top);
        run.bottom = Math.max(run.bottom, bottom);
        run.baseline = run.bottom;
        continue;
      }
      flush();
      item++;
      run = { text: ch, x0, x1, top, bottom, baseline: bottom, size, rotated: true, item, spaceBefore: false };
      previous = run;
      runObject = object;
    }
    broken = false;
    sawSpace = false;
  }
  flush();
  return tokens;
}

/** The page's rulings, painted paths and images, walking its objects and those of its forms. */
export function readPdfiumGraphics(engine: PdfiumEngine, page: number, display: Matrix, scratch: Scratch): PageGraphics {
  const fn = engine.fn;
  const rulings: Ruling[] = [];
  const images = new ImageTally();
  let paths = 0;
  const s = scratch.ptr;

  const matrixOf = (object: number): Matrix => (fn.FPDFPageObj_GetMatrix(object, s) ? matrixAt(engine, s) : IDENTITY);
  const colourVisible = (get: typeof fn.FPDFPageObj_GetStrokeColor, object: number): boolean => {
    if (!get(object, s, s + 4, s + 8, s + 12)) return true;
    const u32 = engine.heap().u32;
    const k = s >> 2;
    return u32[k + 3]! > 0 && visibleRgb(u32[k]!, u32[k + 1]!, u32[k + 2]!);
  };

  const walk = (count: number, objectAt: (index: number) => number, parent: Matrix, depth: number) => {
    for (let i = 0; i < count; i++) {
      const object = objectAt(i);
      if (!object) continue;
      const type = fn.FPDFPageObj_GetType(object);
      if (type === OBJECT_TEXT) continue;
      if (type === OBJECT_FORM) {
        if (depth < MAX_FORM_DEPTH) walk(fn.FPDFFormObj_CountObjects(object), (k) => fn.FPDFFormObj_GetObject(object, k), multiply(parent, matrixOf(object)), depth + 1);
        continue;
      }
      if (type === OBJECT_IMAGE) {
        const ctm = multiply(parent, matrixOf(object));
        const known = fn.FPDFImageObj_GetImagePixelSize(object, s, s + 4);
        const u32 = engine.heap().u32;
        images.add(ctm, known ? { width: u32[s >> 2]!, height: u32[(s >> 2) + 1]! } : undefined);
        continue;
      }
      if (type !== OBJECT_PATH) continue;
      if (!fn.FPDFPath_GetDrawMode(object, s, s + 4)) continue;
      const i32 = engine.heap().i32;
      const fillMode = i32[s >> 2]!;
      const strokes = i32[(s >> 2) + 1]! !== 0;
      const stroked = strokes && colourVisible(fn.FPDFPageObj_GetStrokeColor, object);
      const filled = fillMode !== 0 && colourVisible(fn.FPDFPageObj_GetFillColor, object);
      if (!stroked && !filled) continue;
      paths++;
      const ctm = multiply(parent, matrixOf(object));
      const width = fn.FPDFPageObj_GetStrokeWidth(object, s) ? engine.heap().f32[s >> 2]! : 1;
      rulingsFromSubpaths(subpathsOf(engine, object, ctm, s), lineWidthInDisplay(ctm, width), stroked, filled, rulings);
    }
  };
  walk(fn.FPDFPage_CountObjects(page), (k) => fn.FPDFPage_GetObject(page, k), display, 0);
  return { rulings, paths, ...images.result() };
}

/** A path object's subpaths in display space (`ctm` maps the path's space to display space). */
function subpathsOf(engine: PdfiumEngine, path: number, ctm: Matrix, s: number): Subpath[] {
  const fn = engine.fn;
  const subpaths: Subpath[] = [];
  let current: Subpath | undefined;
  const segments = fn.FPDFPath_CountSegments(path);
  for (let k = 0; k < segments; k++) {
    const segment = fn.FPDFPath_GetPathSegment(path, k);
    if (!segment || !fn.FPDFPathSegment_GetPoint(segment, s, s + 4)) continue;
    const f32 = engine.heap().f32;
    const point = apply(ctm, f32[s >> 2]!, f32[(s >> 2) + 1]!);
    const type = fn.FPDFPathSegment_GetType(segment);
    if (type === SEGMENT_MOVETO || !current) {
      current = { points: [point], closed: false, curved: false };
      subpaths.push(current);
    } else {
      // A Bézier curve comes as three points; the last is where it ends.
      if (type === SEGMENT_BEZIERTO) current.curved = true;
      current.points.push(point);
    }
    if (fn.FPDFPathSegment_GetClose(segment)) current.closed = true;
  }
  return subpaths;
}
