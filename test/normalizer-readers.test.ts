/**
 * The readers the rules used to carry as their own regular expressions, now in normalizers/: each
 * decides one thing about meaning (a stage, a direction, a rate's operands, a fund, a year, a
 * placeholder, a disclosure's contents), with cases it accepts and cases it rejects.
 */
import { describe, expect, it } from 'vitest';
import type { Figure } from '../model/figure.js';
import { disclosureTopic, saysTableEmpty } from '../normalizers/disclosure-contents.js';
import { directionOfWords, eachChange, stageOfLabel, withoutPartWord } from '../normalizers/lexicon.js';
import { changedThing, explainedChange, explainsDifference, namedDifference, namesPreviousPeriod } from '../normalizers/phrases.js';
import { isActualValueHeader, isTargetValueHeader, valuePlaceholders, yearPlaceholders } from '../normalizers/placeholders.js';
import { namedWhole, rateColumns, rateNamedBefore, sameMeasure } from '../normalizers/rates.js';
import { namesFundBody } from '../normalizers/statements.js';
import { namesEarlierPeriod, yearsNamed } from '../normalizers/years.js';

describe('lexicon readers', () => {
  it('the stage a label names: an outcome word anywhere makes an outcome; funds are no stage', () => {
    expect(stageOfLabel('支出决算为')).toBe('actual');
    expect(stageOfLabel('全年预算执行数')).toBe('actual');
    expect(stageOfLabel('全年预算执行')).toBe('actual');
    expect(stageOfLabel('实际完成额')).toBe('actual');
    expect(stageOfLabel('全年预算为')).toBe('budget');
    expect(stageOfLabel('调整后预算数')).toBe('budget');
    expect(stageOfLabel('一般公共预算财政拨款支出')).toBeUndefined();
    expect(stageOfLabel('社会保险基金预算收入')).toBeUndefined();
    expect(stageOfLabel('基本支出')).toBeUndefined();
  });

  it('the direction of a relation word: change, rate, exceeds and to words; 比 and 占 have none', () => {
    for (const word of ['增加', '增长', '提高', '增幅', '超出', '增支', '增加到']) expect(directionOfWords(word), word).toBe('up');
    for (const word of ['减少', '下降', '压减', '降幅', '减幅', '减支', '降至']) expect(directionOfWords(word), word).toBe('down');
    for (const word of ['比', '占', '至', '持平']) expect(directionOfWords(word), word).toBeUndefined();
  });

  it('各 before a change says one change of each figure; 分别 lists one per figure', () => {
    expect(eachChange('，与上年相比收、支总计各增加')).toBe(true);
    expect(eachChange('，比上年各 下降')).toBe(true);
    expect(eachChange('，比上年分别增加')).toBe(false);
    expect(eachChange('，各项支出增加')).toBe(false);
  });

  it('a name without the part word that opens its list', () => {
    expect(withoutPartWord('其中：基本支出')).toBe('基本支出');
    expect(withoutPartWord('其中基本支出')).toBe('基本支出');
    expect(withoutPartWord('包括公务接待费')).toBe('公务接待费');
    expect(withoutPartWord('基本支出')).toBe('基本支出');
  });
});

describe('years', () => {
  it('an earlier period named by a word or a year; an opening balance is none', () => {
    expect(namesEarlierPeriod('，比上年')).toBe(true);
    expect(namesEarlierPeriod('，与 2023 年相比')).toBe(true);
    expect(namesEarlierPeriod('，较二〇二三年')).toBe(true);
    expect(namesEarlierPeriod('，比年初预算')).toBe(false);
    expect(namesEarlierPeriod('，含上年结转')).toBe(false);
    expect(namesPreviousPeriod('上年同期')).toBe(true);
    expect(namesPreviousPeriod('上年结转')).toBe(false);
  });

  it('the years a label names, in order', () => {
    expect(yearsNamed('2016年比2015年增减率')).toEqual([2016, 2015]);
    expect(yearsNamed('增长率')).toEqual([]);
  });
});

describe('phrases', () => {
  it('a reason given before or after a comparison', () => {
    expect(explainsDifference('', '，主要原因是人员增加')).toBe(true);
    expect(explainsDifference('由于项目延期，', '')).toBe(true);
    expect(explainsDifference('因此，', '。')).toBe(false);
  });

  it('the thing whose change a label states, without its year and its measure', () => {
    expect(changedThing('2022 年度培训费总额')).toBe('培训费');
    expect(changedThing('本年会议费支出')).toBe('会议费');
  });

  it('a later sentence explaining a change of the same thing, with its direction', () => {
    expect(explainedChange('培训费增加主要是因为培训人次增多。', '培训费')).toEqual({ word: '增加', direction: 'up' });
    expect(explainedChange('“培训费”减少，原因是压减会议。', '培训费')).toEqual({ word: '减少', direction: 'down' });
    // A change with no reason, or a reason too far from the word, explains nothing.
    expect(explainedChange('培训费增加 2 万元。', '培训费')).toBeUndefined();
    expect(explainedChange('培训费增加，全年共举办培训班十二期，主要是因为…', '培训费')).toBeUndefined();
    expect(explainedChange('会议费增加主要是因为会议增多。', '培训费')).toBeUndefined();
  });

  it('a difference named by its result, with the names of its two figures', () => {
    const balance = namedDifference('当年结余');
    expect(balance?.word).toBe('当年结余');
    expect(balance?.isMinuend('本年收入')).toBe(true);
    expect(balance?.isSubtrahend('本年支出')).toBe(true);
    expect(namedDifference('固定资产净值')?.isSubtrahend('累计折旧')).toBe(true);
    expect(namedDifference('结余资金')).toBeUndefined();
  });
});

const figure = (kind: Figure['kind'], unit: string, scale: number) => ({ kind, unit, scale }) as Figure;

describe('rates', () => {
  it('the rate the words before a percent name', () => {
    expect(rateNamedBefore('预算执行率为')?.name).toBe('执行率');
    expect(rateNamedBefore('，完成省下达目标任务数 5000 人的')?.name).toBe('完成率');
    expect(rateNamedBefore('，完成年初预算的')?.name).toBe('预算完成率');
    expect(rateNamedBefore('，支付率')?.name).toBe('支付率');
    expect(rateNamedBefore('，占本年支出的')).toBeUndefined();
    expect(rateNamedBefore('，比上年增长')).toBeUndefined();
  });

  it('the roles of a rate’s figures: the term nearest the figure decides', () => {
    const execution = rateNamedBefore('执行率')!;
    expect(execution.roleOf('全年预算执行数')).toBe('numerator');
    expect(execution.roleOf('调整预算数')).toBe('denominator');
    expect(execution.roleOf('未执行资金')).toBe('complement');
    expect(execution.roleOf('人员经费')).toBeUndefined();
    const completion = rateNamedBefore('完成率')!;
    expect(completion.outcomeOfTargetMeasure).toBe(true);
    expect(completion.roleOf('下达目标任务数')).toBe('denominator');
    expect(completion.roleOf('实际参保')).toBe('numerator');
    // No name of a particular measure: an outcome named only by its measure (参保人数) has no role by its words.
    expect(completion.roleOf('参保人数')).toBeUndefined();
    expect(execution.outcomeOfTargetMeasure).toBe(false);
  });

  it('two figures of the same measure: money in any unit, counts of one unit at any scale', () => {
    expect(sameMeasure(figure('count', '人', 0), figure('count', '万人', 4))).toBe(true);
    expect(sameMeasure(figure('amount', '元', 0), figure('amount', '万元', 4))).toBe(true);
    expect(sameMeasure(figure('count', '人次', 0), figure('count', '人', 0))).toBe(false);
    expect(sameMeasure(figure('count', '人', 0), figure('amount', '万元', 4))).toBe(false);
  });

  it('the whole a share names, only when it is a concept itself', () => {
    expect(namedWhole('占本年支出合计的')).toMatchObject({ concept: 'expense.total', label: '本年支出合计' });
    expect(namedWhole('占财政拨款支出的比重')).toMatchObject({ label: '财政拨款支出' });
    expect(namedWhole('占全省的')).toBeUndefined();
    expect(namedWhole('比上年增长')).toBeUndefined();
  });

  it('a money block’s rate columns, by letters or by names', () => {
    const byLetters = ['年初预算数', '全年预算数（A）', '全年执行数（B）', '执行率（B/A）'];
    expect(rateColumns([0, 1, 2, 3], (c) => byLetters[c]!)).toEqual({ rate: 3, numerator: 2, denominator: 1 });
    const byNames = ['年初预算数', '调整后预算数', '执行数', '执行率'];
    expect(rateColumns([0, 1, 2, 3], (c) => byNames[c]!)).toEqual({ rate: 3, numerator: 2, denominator: 1 });
    expect(rateColumns([0, 1], (c) => ['预算数', '得分'][c]!)).toBeUndefined();
  });
});

describe('funds', () => {
  it('a fund word names the fund, or a body of it, unless it only qualifies the department’s own office (head noun 局, 部门 …)', () => {
    for (const words of ['城乡居民医保基金', '职工基本医疗保险', '医保基金', '失业保险', '本年医保']) expect(namesFundBody(words), words).toBe(true);
    // A subordinate office of the fund's keeps its money apart: 中心, 分局.
    for (const words of ['下属医保中心', '社会保险基金管理中心', '医保分局']) expect(namesFundBody(words), words).toBe(true);
    for (const words of ['区医保局', '医保局本年', '医保部门', '市医保局和财政局', '医保局2023年', '本单位', '机关事业单位']) expect(namesFundBody(words), words).toBe(false);
  });
});

describe('placeholders', () => {
  it('value placeholders, not x in a Latin word', () => {
    expect(valuePlaceholders('完成 XX 万元，待填写，占 %').map((p) => [p.text, p.share])).toEqual([
      ['XX', false],
      ['待填写', false],
      ['占 %', true],
    ]);
    expect(valuePlaceholders('Xxlarge 与 ab1xx')).toEqual([]);
  });

  it('year placeholders with their forms, a range and a blank date counted once', () => {
    expect(yearPlaceholders('20xx-20xx 年规划，二〇二X年，20xx年xx月xx日').map((p) => p.form)).toEqual(['20xx', '二〇二X', '20xx']);
    expect(yearPlaceholders('2024 年')).toEqual([]);
  });

  it('an indicator table’s target and actual columns', () => {
    expect(isActualValueHeader('实际完成值')).toBe(true);
    expect(isActualValueHeader('实际完成指标值')).toBe(true);
    expect(isActualValueHeader('指标值')).toBe(false);
    expect(isTargetValueHeader('年度指标值')).toBe(true);
    expect(isTargetValueHeader('目标值')).toBe(true);
    expect(isTargetValueHeader('实际完成值')).toBe(false);
  });
});

describe('disclosure contents', () => {
  it('a note that says a table is empty', () => {
    for (const note of ['本表无数据', '此表为空', '本单位无政府性基金收入，故本表无数据', '本部门不涉及']) expect(saysTableEmpty(note), note).toBe(true);
    for (const text of ['本表为财政拨款收支总表', '无形资产 12 万元']) expect(saysTableEmpty(text), text).toBe(false);
  });

  it('a topic table’s subject: its names, its amounts and its denial', () => {
    const sangong = disclosureTopic('sangong')!;
    expect(sangong.names('“三公”经费支出')).toBe(true);
    expect(sangong.namesAmount('公务接待费')).toBe(true);
    expect(sangong.deniedIn('本年度无“三公”经费财政拨款支出。')).toBe(true);
    expect(sangong.deniedIn('“三公”经费支出 12 万元。')).toBe(false);
    expect(disclosureTopic('fund')!.deniedIn('政府性基金预算支出为零。')).toBe(true);
    expect(disclosureTopic('summary')).toBeUndefined();
  });
});
