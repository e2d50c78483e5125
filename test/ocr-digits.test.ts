/** Digit repair of OCR words: numeric context only, every change marked (confidence capped). */
import { describe, expect, it } from 'vitest';
import { normalizeWidth, repairLine, repairNumber, REPAIRED_CONFIDENCE_CAP } from '../extractors/ocr/digits.js';
import type { OcrWord } from '../extractors/ocr/protocol.js';

function word(text: string, x0: number, x1: number, confidence = 95): OcrWord {
  return { text, bbox: { x0, y0: 0, x1, y1: 30 }, confidence };
}

describe('repairNumber', () => {
  it.each([
    ['l76.12', '176.12'],
    ['2O25', '2025'],
    ['1O2.5万元', '102.5万元'],
    ['358..84', '358.84'],
    ['2.156.44', '2,156.44'],
    ['1.234.567.89', '1,234,567.89'],
    ['358,84', '358.84'],
    ['50.92%o', '50.92%'],
    ['占49.O8%', '占49.08%'],
    ['50.920%0。', '50.92%。'],
    ['90.529%6，', '90.52%，'],
    ['1009%6.2023', '100%。2023'],
    ['33.119%', '33.11%'],
    ['占99.879%，', '占99.87%，'],
  ])('%s → %s (marked repaired)', (raw, fixed) => {
    expect(repairNumber(raw)).toEqual({ text: fixed, repaired: true });
  });

  it.each(['ISO9001', 'Class', 'XXXX', 'B2B', '第1页', '2,163.37', '7,630.61万元', '358.84', '100%', '（三）', 'O型', '0.009%', '12.5%', '99.9%', '45.49%'])('leaves %s alone', (text) => {
    expect(repairNumber(text)).toEqual({ text, repaired: false });
  });

  it('turns full-width forms into ASCII without calling it a repair', () => {
    expect(normalizeWidth('３５８．８４万元，占５０．９２％')).toBe('358.84万元，占50.92%');
    expect(repairNumber('３５８．８４')).toEqual({ text: '358.84', repaired: false });
    // A full-width comma after a number is Chinese punctuation, not a thousands separator.
    expect(normalizeWidth('358.84万元，其中')).toBe('358.84万元，其中');
  });
});

describe('repairLine', () => {
  it('joins a number split by a stray space, keeping the lower confidence', () => {
    const out = repairLine([word('支出', 0, 60), word('358.', 70, 120, 93), word('84', 124, 150, 88), word('万元', 160, 220)], 30);
    expect(out.map((w) => w.text)).toEqual(['支出', '358.84', '万元']);
    expect(out[1]).toMatchObject({ bbox: { x0: 70, x1: 150 }, confidence: 88 });
    expect(out[1]!.repaired).toBeUndefined();
  });

  it('joins a percent sign set apart', () => {
    expect(repairLine([word('50.92', 0, 80), word('%', 84, 100)], 30).map((w) => w.text)).toEqual(['50.92%']);
  });

  it('does not join numbers that are far apart', () => {
    expect(repairLine([word('358.', 0, 50), word('84', 100, 130)], 30).map((w) => w.text)).toEqual(['358.', '84']);
  });

  it('caps the confidence of a word whose characters were changed', () => {
    const [w] = repairLine([word('l76.12', 0, 90, 97)], 30);
    expect(w).toMatchObject({ text: '176.12', repaired: true, confidence: REPAIRED_CONFIDENCE_CAP });
  });

  it('splits a list number run into a year (`1.2022年` is `1. 2022 年`, not 1.2022)', () => {
    const out = repairLine([word('1.2022', 0, 100), word('年年末结转', 100, 250), word('2.84', 260, 300)], 30);
    expect(out.map((w) => w.text)).toEqual(['1.', '2022', '年年末结转', '2.84']);
    expect(out[0]!.bbox.x1).toBeLessThan(out[1]!.bbox.x0);
    expect(repairLine([word('6.2023年度', 0, 150), word('预算', 160, 220)], 30).map((w) => w.text)).toEqual(['6.', '2023年度', '预算']);
    expect(repairLine([word('说明', 0, 60), word('6.2023年', 70, 150)], 30).map((w) => w.text)).toEqual(['说明', '6.2023年']);
  });

  it('reads a score misread around its number after a score lead (meizhou pages 14 and 17)', () => {
    // `自评分为 1 分` with `分` taken for a `5` as wide as an ideograph: a digit is half that.
    const unit = repairLine([word('该项指标自', 0, 150), word('评分', 150, 210), word('为', 210, 240), word('1', 247, 254, 45), word('5', 271, 296, 65)], 35);
    expect(unit.map((w) => w.text)).toEqual(['该项指标自', '评分', '为', '1', '分']);
    expect(unit[4]).toMatchObject({ repaired: true, confidence: 60 });
    // `自评分数为 ] 分`: the `1` read as a bracket.
    const one = repairLine([word('该指标自评分数', 0, 200), word('为', 200, 227), word(']', 236, 239, 17), word('分', 263, 281), word('。', 286, 294)], 37);
    expect(one.map((w) => w.text)).toEqual(['该指标自评分数', '为', '1', '分', '。']);
    expect(one[2]).toMatchObject({ repaired: true, confidence: 17 });
  });

  it('leaves a real 5 after a score alone: narrow, or not after a score lead', () => {
    expect(repairLine([word('自评分为', 0, 120), word('1', 127, 134), word('5', 140, 150)], 35).map((w) => w.text)).toEqual(['自评分为', '1', '5']);
    expect(repairLine([word('共计', 0, 60), word('1', 67, 74), word('5', 91, 116)], 35).map((w) => w.text)).toEqual(['共计', '1', '5']);
    expect(repairLine([word('采购', 0, 60), word(']', 67, 70), word('分', 91, 116)], 35).map((w) => w.text)).toEqual(['采购', ']', '分']);
  });
});
