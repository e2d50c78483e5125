/** As in ESLint: a rule that reports an undeclared message id, or leaves a placeholder without data, is a bug that throws. */
import { describe, expect, it } from 'vitest';
import { toFinding, type RawFinding, type RuleMeta } from '../analyzers/engine.js';

const meta = {
  id: 'demo',
  type: 'problem',
  severity: 'error',
  docs: { description: '示例', descriptionEn: 'demo' },
  messages: { differs: '{{label}} {{value}} 不符' },
} as unknown as RuleMeta;

function raw(messageId: string, data: Record<string, string>): RawFinding {
  return { rule: { meta, create: () => ({}) }, ruleId: 'demo', descriptor: { messageId, data, evidence: [], at: { page: 2, line: 3, column: 4 } } } as unknown as RawFinding;
}

describe('messages', () => {
  it('fills a declared message', () => {
    const finding = toFinding(raw('differs', { label: '支出合计', value: '358.84万元' }), meta, 'error');
    expect([finding.message, finding.page, finding.line, finding.column]).toEqual(['支出合计 358.84万元 不符', 2, 3, 4]);
  });
  it('throws on an undeclared message id', () => {
    expect(() => toFinding(raw('differ', { label: 'x', value: 'y' }), meta, 'error')).toThrow('未声明的 messageId “differ”');
  });
  it('throws on a placeholder without data', () => {
    expect(() => toFinding(raw('differs', { label: '支出合计' }), meta, 'error')).toThrow('缺少占位符 value');
  });
});
