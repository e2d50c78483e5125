import type { Rule } from '../engine.js';
import { locate } from '../../normalizers/text.js';

const PLACEHOLDER = /(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|×{2,}|＊{2,}|〇{3,}|待填(?:写)?|待补充|占\s*比?\s*%/g;

const rule: Rule = {
  meta: {
    id: 'placeholder-value',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: '占位符代替了数值（XXXX、××、待填、“占 %”无数字），或自评表有目标值而实际完成值为空',
      descriptionEn: 'A placeholder stands where a value belongs (XXXX, ××, 待填, 占 % with no number), or an indicator row has a target but no actual value.',
    },
    messages: {
      placeholder: '“{{text}}”是占位符，{{where}}未填写实际数值',
      empty: '自评表“{{header}}”列有 {{count}} 行为空（{{rows}}），这些指标有目标值却无实际完成值',
    },
  },
  create(context) {
    return {
      unit(unit) {
        for (const match of unit.text.matchAll(PLACEHOLDER)) {
          const at: { page: number; line: number; column: number; locator?: string } = locate(unit, match.index);
          const locator = context.document.document.pages.find((p) => p.number === at.page)?.lines.find((l) => l.number === at.line)?.locator;
          if (locator) at.locator = locator;
          let where = '此处';
          if (unit.cell) {
            const view = context.document.tables.find((t) => t.table.index === unit.cell!.table);
            const header = view?.headerAt(unit.cell.row, unit.cell.col).split(' ').at(-1);
            if (header) where = `“${header}”`;
          }
          context.report({ messageId: 'placeholder', at, data: { text: match[0], where }, evidence: [], actual: match[0] });
        }
      },
      table(table) {
        const lastRow = table.table.rows.length - 1;
        const columnOf = (pattern: RegExp) => [...Array(40).keys()].find((c) => pattern.test(table.headerAt(lastRow, c)));
        const actual = columnOf(/实际完成(指标)?值|实际值|完成值|实际完成情况/);
        const target = columnOf(/^(绩效|年度)?指标值$|目标值/);
        if (actual === undefined || target === undefined || actual === target) return;
        const empty: number[] = [];
        let first: { page: number; line: number; column: number; locator?: string } | undefined;
        for (const row of table.table.rows) {
          const rowIndex = row[0]?.row;
          if (rowIndex === undefined || !/实际/.test(table.headerAt(rowIndex, actual))) continue;
          const targetCell = table.cell(rowIndex, target);
          const actualCell = table.cell(rowIndex, actual);
          if (!targetCell?.text.trim() || targetCell.text.trim() === table.headerAt(rowIndex, target)) continue;
          if (actualCell && actualCell.text.trim()) continue;
          empty.push(rowIndex + 1);
          const span = targetCell.spans[0];
          if (!first && span) {
            first = { page: table.page, line: span.line, column: span.start + 1 };
            const locator = context.document.document.pages.find((p) => p.number === table.page)?.lines.find((l) => l.number === span.line)?.locator;
            if (locator) first.locator = locator;
          }
        }
        if (empty.length === 0 || !first) return;
        context.report({
          messageId: 'empty',
          at: first,
          data: { header: table.headerAt(lastRow, actual).trim() || '实际完成值', count: String(empty.length), rows: `表内第 ${empty.join('、')} 行` },
          evidence: [],
          actual: '空',
        });
      },
    };
  },
};

export default rule;
