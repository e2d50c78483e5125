/**
 * Formulas written out in the text: `= (8.77-10.04)/10.04 = -12.65% < 3%`. A small recursive
 * descent parser over numbers, + − × ÷ / ( ) and %, evaluated on rounding intervals.
 */
import { Decimal } from '../normalizers/decimal.js';
import { Interval } from './interval.js';

export interface NumberToken {
  start: number;
  end: number;
  text: string;
  decimals: number;
}

type Token = { type: 'num'; value: NumberToken } | { type: 'op'; value: string; start: number };

/** Characters a formula is made of; anything else ends it. */
export const FORMULA_SPAN = /[=＝][\d\s.,%＋+\-−×*xX÷/（）()=＝<>≤≥]*\d[\d\s.,%＋+\-−×*xX÷/（）()=＝<>≤≥]*/g;

function tokenize(text: string, offset: number): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) { i++; continue; }
    const number = /^\d+(?:,\d{3})*(?:\.\d+)?/.exec(text.slice(i));
    if (number) {
      const digits = number[0].replace(/,/g, '');
      tokens.push({ type: 'num', value: { start: offset + i, end: offset + i + number[0].length, text: digits, decimals: digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0 } });
      i += number[0].length;
      continue;
    }
    const op = { '＋': '+', '−': '-', 'x': '*', 'X': '*', '×': '*', '÷': '/', '（': '(', '）': ')' }[char] ?? char;
    if (!'+-*/()%'.includes(op)) return undefined;
    tokens.push({ type: 'op', value: op, start: offset + i });
    i++;
  }
  return tokens;
}

export interface Expression {
  evaluate(): Interval | undefined;
  numbers: NumberToken[];
  hasOperator: boolean;
}

/** Parse `(a-b)/b × 100%`; undefined when it is not a well-formed expression. */
export function parseExpression(text: string, offset: number): Expression | undefined {
  const parsedTokens = tokenize(text, offset);
  if (!parsedTokens || parsedTokens.length === 0) return undefined;
  const tokens: Token[] = parsedTokens;
  let position = 0;
  const numbers: NumberToken[] = [];
  let hasOperator = false;
  const peek = () => tokens[position];
  const isOp = (value: string) => { const t = peek(); return t?.type === 'op' && t.value === value; };

  function primary(): (() => Interval | undefined) | undefined {
    const token = peek();
    if (!token) return undefined;
    if (token.type === 'op' && token.value === '-') {
      position++;
      const inner = postfix();
      return inner ? () => inner()?.neg() : undefined;
    }
    if (token.type === 'op' && token.value === '(') {
      position++;
      const inner = sum();
      if (!isOp(')')) return undefined;
      position++;
      return inner;
    }
    if (token.type === 'num') {
      position++;
      numbers.push(token.value);
      // A whole-number operand (`× 100%`, `÷ 12` people, a budget of `30` 万元) is exact; decimals are rounded.
      const exact = token.value.decimals === 0;
      const value = new Decimal(token.value.text);
      const interval = exact ? Interval.exact(value) : Interval.of({ value: value.toString(), decimals: token.value.decimals, scale: 0 });
      return () => interval;
    }
    return undefined;
  }
  function postfix(): (() => Interval | undefined) | undefined {
    let inner = primary();
    while (inner && isOp('%')) {
      position++;
      const base = inner;
      inner = () => base()?.scale(new Decimal('0.01'));
    }
    return inner;
  }
  function product(): (() => Interval | undefined) | undefined {
    let left = postfix();
    while (left && (isOp('*') || isOp('/'))) {
      const op = (peek() as { value: string }).value;
      position++;
      hasOperator = true;
      const right = postfix();
      if (!right) return undefined;
      const l = left;
      left = op === '*' ? () => { const a = l(); const b = right(); return a && b ? a.mul(b) : undefined; } : () => { const a = l(); const b = right(); return a && b ? a.div(b) : undefined; };
    }
    return left;
  }
  function sum(): (() => Interval | undefined) | undefined {
    let left = product();
    while (left && (isOp('+') || isOp('-'))) {
      const op = (peek() as { value: string }).value;
      position++;
      hasOperator = true;
      const right = product();
      if (!right) return undefined;
      const l = left;
      left = op === '+' ? () => { const a = l(); const b = right(); return a && b ? a.add(b) : undefined; } : () => { const a = l(); const b = right(); return a && b ? a.sub(b) : undefined; };
    }
    return left;
  }
  const root = sum();
  if (!root || position !== tokens.length) return undefined;
  return { evaluate: root, numbers, hasOperator };
}
