import { growthRate } from '../interval.js';
import { checkRelation, show } from '../check.js';
import { directionOf, findComparisons } from '../../normalizers/comparisons.js';
import { changedThing, explainedChange } from '../../normalizers/phrases.js';
import type { Rule } from '../engine.js';
import { DIRECTION_MESSAGE, reportDirections } from '../relation-check.js';

const WORD = { up: '增加', down: '减少' } as const;

const rule: Rule = {
  meta: {
    id: 'direction-contradiction',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: '文字所述增减方向与数字相反（写“增加”而数字下降，或写“减少”而数字上升）',
      descriptionEn: 'Words say 增加/增长/上升 where the figures fell, or 减少/下降 where they rose.',
    },
    messages: {
      relation: DIRECTION_MESSAGE,
      figures: '文字称{{word}} {{stated}}，但 {{current}} 与 {{reference}} 相比实为{{actualWord}}',
      words: '前文称{{subject}}“{{word}} {{stated}}”，后文却称“{{subject}}{{laterWord}}”，增减方向前后矛盾',
    },
  },
  create(context) {
    return {
      document(document) {
        reportDirections(context);
        for (const c of findComparisons(document)) {
          // `下降 -25.07%`: a signed figure after the word says the direction twice; don't second-guess it.
          if (!c.explicit || c.change.figure.number.startsWith('-')) continue;
          const evaluate = c.change.figure.kind === 'percent'
            ? ([now, before]: import('../interval.js').Interval[]) => growthRate(now!, before!)?.scale(c.direction === 'down' ? 1 : -1)
            : ([now, before]: import('../interval.js').Interval[]) => now!.sub(before!).scale(c.direction === 'down' ? 1 : -1);
          // The stated size holds only with the opposite sign: the figures moved the other way.
          const opposite = checkRelation([c.current.figure, c.reference.figure], c.change.figure, evaluate);
          if (!opposite.holds || !opposite.computed || opposite.computed.mid.isZero()) continue;
          context.report({
            messageId: 'figures',
            figure: c.change.figure,
            data: { word: c.word, stated: show(c.change.figure), current: show(c.current.figure), reference: show(c.reference.figure), actualWord: WORD[c.direction === 'up' ? 'down' : 'up'] },
            evidence: [{ role: 'current', figure: c.current.figure }, { role: 'previous', figure: c.reference.figure }, { role: 'stated', figure: c.change.figure }],
            actual: c.word,
            expected: WORD[c.direction === 'up' ? 'down' : 'up'],
          });
        }
        // `培训费…比上年决算减少 2.02 万元。培训费增加主要是因为…`
        for (const [index, sentence] of document.sentences.entries()) {
          for (const change of sentence.mentions) {
            const direction = change.relationWord ? directionOf(change.relationWord) : undefined;
            if (!direction || change.figure.kind !== 'amount') continue;
            const stock = sentence.mentions.find((m) => !m.relationWord && m.figure.kind === 'amount');
            const subject = changedThing(stock?.conceptLabel ?? stock?.label ?? '');
            if (subject.length < 2) continue;
            for (const later of document.sentences.slice(index + 1, index + 4)) {
              const explained = explainedChange(later.text, subject);
              if (!explained) continue;
              if (explained.direction === direction) break;
              context.report({
                messageId: 'words',
                figure: change.figure,
                data: { subject, word: change.relationWord!, stated: show(change.figure), laterWord: explained.word },
                evidence: [{ role: 'stated', figure: change.figure }],
                actual: explained.word,
                expected: WORD[direction],
              });
              break;
            }
          }
        }
      },
    };
  },
};

export default rule;
