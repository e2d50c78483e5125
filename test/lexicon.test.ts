/** Each word class of the lexicon, with phrases it reads and phrases it must not. */
import { describe, expect, it } from 'vitest';
import { classesOf, namesCollectiveRest, opensPartialList, saysEtc, wordAt, type WordClass } from '../normalizers/lexicon.js';

const TABLE: { cls: WordClass; accepts: string[]; rejects: string[] }[] = [
  { cls: 'stage.budget', accepts: ['年初预算', '预算数', '全年预算', '预 算'], rejects: ['一般公共预算', '政府性基金预算'] },
  { cls: 'stage.adjusted', accepts: ['调整预算', '调整后预算数', '调整预算数'], rejects: ['年初预算'] },
  { cls: 'stage.actual', accepts: ['决算数', '支出决算', '执行数', '执行', '实际支出', '完成额'], rejects: ['预算', '执行率', '预算执行率', '完成'] },
  { cls: 'period.previous', accepts: ['上年', '上年度', '去年', '上年同期'], rejects: ['上年结转', '上年结余'] },
  { cls: 'period.current', accepts: ['本年', '本年度', '当年', '今年'], rejects: ['上年'] },
  { cls: 'compare', accepts: ['比', '较', '同比', '同口径'], rejects: ['比重'] },
  { cls: 'compare.close', accepts: ['相比', '对比'], rejects: [] },
  { cls: 'change.up', accepts: ['增加', '增长', '上升', '提高', '增收', '增支'], rejects: ['增幅', '增加到', '增至', '负增长'] },
  { cls: 'change.down', accepts: ['减少', '下降', '降低', '压减', '减收', '减支', '节约', '负增长'], rejects: ['降幅', '下降到', '降至'] },
  { cls: 'change.flat', accepts: ['持平', '无变化', '基本持平'], rejects: [] },
  { cls: 'from', accepts: ['由', '从'], rejects: [] },
  { cls: 'to', accepts: ['增加到', '增至', '减少到', '降至', '到', '至'], rejects: ['增加', '到位资金'] },
  { cls: 'measure', accepts: ['支出', '资金', '经费', '到位资金', '到位数'], rejects: [] },
  { cls: 'rate.up', accepts: ['增幅', '增长率', '增长幅度', '增长比例'], rejects: ['降幅'] },
  { cls: 'rate.down', accepts: ['降幅', '下降率', '下降比例', '减幅'], rejects: ['增幅'] },
  { cls: 'rate.signed', accepts: ['变动率', '增减幅度', '增减率'], rejects: [] },
  { cls: 'share', accepts: ['占', '占比', '比重', '所占比例'], rejects: [] },
  { cls: 'completion', accepts: ['完成'], rejects: ['完成率'] },
  { cls: 'completion.rate', accepts: ['执行率', '预算执行率', '完成率', '支付率', '到位率'], rejects: [] },
  { cls: 'total', accepts: ['合计', '共计', '总计', '累计', '小计', '总额'], rejects: [] },
  { cls: 'part', accepts: ['其中', '包括', '含'], rejects: [] },
  { cls: 'distributive', accepts: ['分别', '各'], rejects: [] },
  { cls: 'exceeds', accepts: ['大于', '超出', '高于'], rejects: [] },
  { cls: 'falls-short', accepts: ['小于', '低于', '少于'], rejects: [] },
  { cls: 'funds', accepts: ['一般公共预算', '政府性基金预算', '上年结转'], rejects: [] },
  { cls: 'reason', accepts: ['主要原因', '主要是', '由于', '主要用于'], rejects: [] },
];

describe('lexicon', () => {
  for (const { cls, accepts, rejects } of TABLE) {
    it(`${cls}: reads ${accepts.join('、')}${rejects.length ? `; not ${rejects.join('、')}` : ''}`, () => {
      for (const phrase of accepts) {
        const word = wordAt(phrase, 0);
        expect(word?.cls, phrase).toBe(cls);
        expect(word?.end, phrase).toBe(phrase.length);
      }
      for (const phrase of rejects) expect(classesOf(phrase), phrase).not.toEqual([cls]);
    });
  }
  it('takes the longest phrase: 一般公共预算财政拨款 is funds, not a stage', () => {
    expect(classesOf('一般公共预算财政拨款支出')).toEqual(['funds', 'measure', 'measure']);
    expect(classesOf('比年初预算增加')).toEqual(['compare', 'stage.budget', 'change.up']);
  });
  it('partial lists: 其中主要/重点/部分 opening a list, 等 after a part, 等项目 anywhere say it names only some parts', () => {
    for (const text of ['：主要有设备购置 10 万元', '主要用于', ' 重点项目 3 个', '：部分资金', '，包括但不限于 A']) expect(opensPartialList(text), text).toBe(true);
    for (const text of ['：设备购置 10 万元', '：中央资金 5 万元', '：1.主体工程']) expect(opensPartialList(text), text).toBe(false);
    for (const text of ['等。', ' 等，', '等等']) expect(saysEtc(text), text).toBe(true);
    for (const text of ['等于', '等级', '等额', '，等', '。']) expect(saysEtc(text), text).toBe(false);
    expect(namesCollectiveRest('A 10 万元、B 5 万元等项目')).toBe(true);
    expect(namesCollectiveRest('A 10 万元、B 5 万元，用于平等就业')).toBe(false);
  });
});
