/** Layout of OCR pages: noise the engine read as text, and tables whose grid moved between pages. */
import { describe, expect, it } from 'vitest';
import { joinCjkRuns, withoutNoise } from '../extractors/ocr/to-page.js';
import type { OcrLine, OcrWord } from '../extractors/ocr/protocol.js';
import { sameColumns } from '../extractors/pdf/tables.js';
import type { Grid } from '../extractors/pdf/grid.js';
import { chooseScale, DEFAULT_RENDER } from '../extractors/ocr/render.js';

function word(text: string, x0: number, x1: number, confidence: number, height = 23): OcrWord {
  return { text, bbox: { x0, y0: 1000, x1, y1: 1000 + height }, confidence };
}
function line(...words: OcrWord[]): OcrLine {
  const bbox = { x0: Math.min(...words.map((w) => w.bbox.x0)), y0: 1000, x1: Math.max(...words.map((w) => w.bbox.x1)), y1: 1000 + Math.max(...words.map((w) => w.bbox.y1 - 1000)) };
  return { bbox, words };
}
const texts = (words: OcrWord[]) => words.map((w) => w.text);

describe('withoutNoise', () => {
  it('drops a garbled page number (`— 13 —` read as `a foi`, `qa`): no Han, no digit, no confident word', () => {
    expect(withoutNoise(line(word('a', 577, 590, 17, 2), word('foi', 600, 671, 43)), 35)).toEqual([]);
    expect(withoutNoise(line(word('qa', 578, 672, 38)), 35)).toEqual([]);
    expect(withoutNoise(line(word('oi', 899, 908, 9, 3)), 35)).toEqual([]);
  });

  it('drops a short unsure line centred at the foot of the page (a page number read as `Asli 1%`), not one elsewhere', () => {
    const page = { width: 1654, height: 2357 };
    const folio = line(word('Asli', 791, 860, 28, 30), word('1%', 870, 918, 0, 30));
    folio.bbox = { ...folio.bbox, y0: 2209, y1: 2239 };
    expect(withoutNoise(folio, 35, page)).toEqual([]);
    const inTable = line(word('Asli', 791, 860, 28, 30), word('1%', 870, 918, 0, 30));
    expect(texts(withoutNoise(inTable, 35, page))).toEqual(['Asli', '1%']);
    const sure = line(word('1%', 870, 918, 90, 30));
    sure.bbox = { ...sure.bbox, y0: 2209, y1: 2239 };
    expect(texts(withoutNoise(sure, 35, page))).toEqual(['1%']);
  });

  it('keeps Latin text the engine is sure of, and anything with a Han character or a digit', () => {
    expect(texts(withoutNoise(line(word('XXXX', 1000, 1060, 91)), 35))).toEqual(['XXXX']);
    expect(texts(withoutNoise(line(word('5%', 897, 928, 30)), 35))).toEqual(['5%']);
    expect(texts(withoutNoise(line(word('支', 0, 30, 0, 31)), 35))).toEqual(['支']);
  });

  it('drops a speck inside a line: a fraction of the line height, low confidence', () => {
    const kept = withoutNoise(line(word('资金', 0, 60, 93, 31), word('人', 70, 80, 14, 2), word('100%', 90, 150, 95, 31)), 35);
    expect(texts(kept)).toEqual(['资金', '100%']);
  });

  it('keeps a decimal point or comma set apart, however small and unsure', () => {
    const kept = withoutNoise(line(word('358', 0, 40, 93, 31), word('.', 41, 44, 12, 3), word('84', 45, 70, 95, 31)), 35);
    expect(texts(kept)).toEqual(['358', '.', '84']);
  });
});

describe('sameColumns', () => {
  const grid = {} as Grid;
  const part = (xs: number[]) => ({ columns: xs.length - 1, grid, xs });
  // jinkouhe pages 12 and 13: the same ruled table, the second scan 4–5 pt further left.
  const page12 = part([132, 209, 287, 364, 442, 519, 596, 673, 751, 828]);
  const page13 = part([128, 205, 283, 359, 437, 515, 592, 669, 746, 824]);

  it('allows a scanned grid to move sideways as a whole', () => {
    expect(sameColumns(page12, page13, 940)).toBe(true);
  });

  it('still tells different columns apart', () => {
    expect(sameColumns(page12, part([128, 205, 283, 330, 437, 515, 592, 669, 746, 824]), 940)).toBe(false);
    expect(sameColumns(page12, part([132, 209, 287, 364, 442, 519, 596, 673, 751]), 940)).toBe(false);
    // A shift of more than 3 % of the page width is another table, placed elsewhere.
    expect(sameColumns(page12, part(page12.xs.map((x) => x + 40)), 940)).toBe(false);
  });

  it('compares unruled tables by their text edges, without a shift', () => {
    const a = { columns: 2, grid: undefined, xs: [100, 300, 500] };
    expect(sameColumns(a, { ...a, xs: [110, 310, 510] }, 940)).toBe(true);
    expect(sameColumns(a, { ...a, xs: [115, 315, 515] }, 940)).toBe(false);
  });
});

describe('chooseScale', () => {
  // A corpus scan: 1,253 pixels across a page the PDF sizes at 940 pt (1.33 pixels per point).
  const density = 1253 / 940;
  it('renders a scan at its own resolution, or a multiple of it (`ocrUpsample`)', () => {
    expect(chooseScale(940, 1330, density)).toBeCloseTo(density, 6);
    expect(chooseScale(940, 1330, density, { ...DEFAULT_RENDER, upsample: 2 })).toBeCloseTo(2 * density, 6);
  });
  it('renders a page without a scan at 300 dpi, never below 72 dpi, and within the pixel budget', () => {
    expect(chooseScale(595, 842, undefined)).toBeCloseTo(300 / 72, 6);
    expect(chooseScale(595, 842, 0.5)).toBe(1);
    const scale = chooseScale(5000, 5000, undefined);
    expect(5000 * 5000 * scale * scale).toBeCloseTo(DEFAULT_RENDER.maxPixels, -3);
  });
});

describe('joinCjkRuns', () => {
  it('joins Chinese across a justified gap or a clipped character box (meizhou: `自` boxed 6 px wide)', () => {
    const joined = joinCjkRuns([word('我局自', 910, 981, 92, 31), word('评得分', 1009, 1095, 93, 31)], 31);
    expect(joined.map((w) => w.text)).toEqual(['我局自评得分']);
  });
  it('keeps Chinese two em apart (a column gap) as two words', () => {
    expect(joinCjkRuns([word('项目支出', 0, 124, 92, 31), word('基本支出', 190, 314, 93, 31)], 31).map((w) => w.text)).toEqual(['项目支出', '基本支出']);
  });
});
