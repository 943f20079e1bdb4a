/**
 * The language a tour is written in: small expressions over the answers of the API, and sentences with
 * numbers filled in from them, each with the condition under which its claim holds and the honest
 * sentence to say when it does not. Pure: no DOM, no fetch, so Node tests it.
 *
 *   evaluate("abs(top.r) >= 0.7", scope)                      → true
 *   evaluate("probes.best[variable='count'].unit", scope)      → 5
 *   fill("unit {top.unit} (r = {top.r|2})", scope)             → [{text: 'unit '}, {text: '5', expr: 'top.unit', value: 5}, …]
 *   say({when: 'abs(top.r) >= 0.7', claim: '…', honest: '…'}, scope) → {branch: 'claim', parts}
 *
 * Expressions: numbers, 'strings' (or "strings"), paths (a.b, a[0], list[key='value'] for the first item whose key is that value),
 * + − * /, comparisons, && || !, parentheses and the functions below. Nothing else runs: no eval.
 */
import { displayText, percent, vectorLabel } from '../chars.js';

/** The functions an expression may call. */
const FUNCTIONS = {
  abs: Math.abs,
  min: Math.min,
  max: Math.max,
  round: Math.round,
  tanh: Math.tanh,
  /** The first n items of a list. */
  first: (list, n) => (Array.isArray(list) ? list.slice(0, n) : []),
  /** One field of every item. */
  pluck: (list, key) => (Array.isArray(list) ? list.map((item) => item?.[key]) : []),
  /** The items whose key differs from value. */
  without: (list, key, value) => (Array.isArray(list) ? list.filter((item) => item?.[key] !== value) : []),
  /** The items whose key equals value. */
  where: (list, key, value) => (Array.isArray(list) ? list.filter((item) => item?.[key] === value) : []),
  /** The item with the largest value of key. */
  maxBy: (list, key) => (Array.isArray(list) && list.length ? list.reduce((a, b) => (b[key] > a[key] ? b : a)) : null),
  len: (value) => (value === null || value === undefined ? 0 : value.length),
  /** a if it is neither null nor undefined, else b. */
  or: (a, b) => (a === null || a === undefined ? b : a),
  /** "2, 5 and 7". */
  and: (list) => joinAnd((list || []).map(String)),
  /** The characters of a text as the pages show them (⏎ for a newline). */
  shown: (text) => displayText(String(text ?? '')),
  vector: (name) => vectorLabel(String(name ?? '')),
  /** The text after the first occurrence of a marker, e.g. what a model writes after the delimiter. */
  after: (text, marker) => { const s = String(text ?? ''); const at = s.indexOf(marker); return at < 0 ? '' : s.slice(at + marker.length); },
  repeat: (text, n) => String(text).repeat(Math.max(0, n)),
  /** Pearson r of two equally long lists of numbers (null when either is constant). */
  pearson,
  /** a when the condition holds, else b. */
  choose: (condition, a, b) => (condition ? a : b),
  series,
  /** tanh of every number of a list. */
  tanhs: (list) => (Array.isArray(list) ? list.map(Math.tanh) : []),
  /** The largest |value| of a list. */
  maxAbs: (list) => (Array.isArray(list) && list.length ? Math.max(...list.map(Math.abs)) : null),
};

/** How a filled-in value is written: {x|2} with 2 decimals, {x|pct} as a percentage, {x|int}, {x|signed}, {x|text}. */
const FORMATS = {
  text: (v) => String(v),
  int: (v) => String(Math.round(v)),
  pct: (v) => percent(v),
  /** Percentage points of a change: "−85 points". */
  points: (v) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(Math.round(v * 1000) / 10)} points`,
  signed: (v) => `${v > 0 ? '+' : ''}${fixed(v, 2)}`,
  shown: (v) => displayText(String(v)),
};

export function fixed(value, digits) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  // −0.00 reads as 0.00
  if (/^-0\.?0*$/.test(text)) return text.slice(1);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** Writes a value as its format says; digits (e.g. "2") are toFixed. */
export function format(value, how = '') {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '—';
  if (/^\d$/.test(how)) return fixed(value, Number(how));
  if (FORMATS[how]) return FORMATS[how](value);
  if (how) throw new Error(`unknown format '${how}'`);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : fixed(value, 2);
  return String(value);
}

// ---- expressions ----

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e-?\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||[-+*/<>!().,[\]=]))/y;

function tokenize(source) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`cannot read '${source.slice(at)}' in '${source}'`);
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'str', value: (m[2] ?? m[3]).replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c)) });
    else if (m[4] !== undefined) tokens.push({ kind: 'name', value: m[4] });
    else tokens.push({ kind: 'op', value: m[5] });
  }
  return tokens;
}

/** Parses an expression into a tree once; evaluate() runs it against a scope. */
export function parse(source) {
  const tokens = tokenize(source);
  let i = 0;
  const peek = (value) => tokens[i] && tokens[i].kind === 'op' && tokens[i].value === value;
  const take = (value) => {
    if (!peek(value)) throw new Error(`expected '${value}' in '${source}'`);
    i++;
  };
  const binary = (next, ops) => () => {
    let left = next();
    while (tokens[i] && tokens[i].kind === 'op' && ops.includes(tokens[i].value)) {
      const op = tokens[i++].value;
      left = { op, left, right: next() };
    }
    return left;
  };
  const primary = () => {
    const t = tokens[i++];
    if (!t) throw new Error(`'${source}' ends too early`);
    if (t.kind === 'num' || t.kind === 'str') return postfix({ literal: t.value });
    if (t.kind === 'op' && t.value === '(') {
      const inner = or();
      take(')');
      return postfix(inner);
    }
    if (t.kind === 'op' && (t.value === '-' || t.value === '!')) return { op: t.value === '-' ? 'neg' : 'not', left: primary() };
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false' || t.value === 'null') return { literal: t.value === 'null' ? null : t.value === 'true' };
      if (peek('(')) {
        if (!FUNCTIONS[t.value]) throw new Error(`unknown function '${t.value}' in '${source}'`);
        i++;
        const args = [];
        if (!peek(')')) {
          args.push(or());
          while (peek(',')) { i++; args.push(or()); }
        }
        take(')');
        return postfix({ call: t.value, args });
      }
      return postfix({ name: t.value });
    }
    throw new Error(`unexpected '${t.value}' in '${source}'`);
  };
  // a.b, a[0], a[key='value']
  const postfix = (node) => {
    for (;;) {
      if (peek('.')) {
        i++;
        const t = tokens[i++];
        if (!t || t.kind !== 'name') throw new Error(`expected a name after '.' in '${source}'`);
        node = { get: node, key: { literal: t.value } };
      } else if (peek('[')) {
        i++;
        if (tokens[i]?.kind === 'name' && tokens[i + 1]?.kind === 'op' && tokens[i + 1].value === '=') {
          const key = tokens[i].value;
          i += 2;
          node = { find: node, key, value: or() };
        } else {
          node = { get: node, key: or() };
        }
        take(']');
      } else {
        return node;
      }
    }
  };
  const mul = binary(primary, ['*', '/']);
  const add = binary(mul, ['+', '-']);
  const cmp = binary(add, ['<', '<=', '>', '>=', '==', '!=']);
  const and = binary(cmp, ['&&']);
  const or = binary(and, ['||']);
  const tree = or();
  if (i < tokens.length) throw new Error(`unexpected '${tokens[i].value}' in '${source}'`);
  return tree;
}

const parsed = new Map();

/** The value of an expression in a scope (an object of names); a missing name or field is undefined, never an error. */
export function evaluate(source, scope) {
  if (!parsed.has(source)) parsed.set(source, parse(source));
  return run(parsed.get(source), scope);
}

function run(node, scope) {
  if ('literal' in node) return node.literal;
  if (node.name) return own(scope, node.name);
  if (node.get) return own(run(node.get, scope), run(node.key, scope));
  if (node.find) {
    const list = run(node.find, scope);
    const value = run(node.value, scope);
    return Array.isArray(list) ? list.find((item) => item && item[node.key] === value) : undefined;
  }
  if (node.call) return FUNCTIONS[node.call](...node.args.map((a) => run(a, scope)));
  const a = run(node.left, scope);
  switch (node.op) {
    case 'neg': return -a;
    case 'not': return !a;
    case '&&': return a && run(node.right, scope);
    case '||': return a || run(node.right, scope);
    default: break;
  }
  const b = run(node.right, scope);
  switch (node.op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    // null and undefined (a field the answer lacks) are one "nothing" to == and !=
    case '==': return (a ?? null) === (b ?? null);
    case '!=': return (a ?? null) !== (b ?? null);
    default: throw new Error(`unknown operator ${node.op}`);
  }
}

/** A field of an object or an item of a list, never something inherited (constructor, __proto__). */
function own(base, key) {
  if (base === null || base === undefined || typeof base !== 'object') return typeof base === 'string' && key === 'length' ? base.length : undefined;
  return Object.prototype.hasOwnProperty.call(base, key) ? base[key] : undefined;
}

/**
 * A value of a tour's data: a string starting with '=' is an expression, an array or object is resolved
 * item by item, anything else is itself.
 */
export function resolve(value, scope) {
  if (typeof value === 'string') return value.startsWith('=') ? evaluate(value.slice(1), scope) : value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, scope)]));
  return value;
}

// ---- sentences ----

/**
 * A template's parts: plain text, and each {expression|format} evaluated — {text, expr, value}. A value
 * that is missing is written "—" and marked missing, so a sentence never shows "undefined".
 */
export function fill(template, scope) {
  const parts = [];
  let at = 0;
  for (const m of template.matchAll(/\{([^{}]+)\}/g)) {
    if (m.index > at) parts.push({ text: template.slice(at, m.index) });
    const [expr, how = ''] = splitFormat(m[1]);
    const value = evaluate(expr, scope);
    const missing = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
    parts.push({ text: format(value, how), expr, value, ...(missing ? { missing: true } : {}) });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ text: template.slice(at) });
  return parts;
}

/** "top.r|2" → ['top.r', '2']; a '|' inside '||' belongs to the expression. */
function splitFormat(inside) {
  const m = /^(.*?[^|])\|([a-z0-9]+)$/.exec(inside.trim());
  return m ? [m[1].trim(), m[2]] : [inside.trim()];
}

/**
 * One sentence of a step: a plain template, or {when, claim, honest}: the claim when the condition holds on
 * this model, else the honest sentence (a claim without an honest sentence is left out when it fails).
 * Answers {branch: 'plain' | 'claim' | 'honest', parts} or null.
 */
export function say(sentence, scope) {
  if (typeof sentence === 'string') return { branch: 'plain', parts: fill(sentence, scope) };
  if (sentence.if !== undefined && !evaluate(sentence.if, scope)) return null;
  if (sentence.when === undefined) return { branch: 'plain', parts: fill(sentence.text, scope) };
  const holds = !!evaluate(sentence.when, scope);
  if (holds) return { branch: 'claim', parts: fill(sentence.claim, scope) };
  return sentence.honest ? { branch: 'honest', parts: fill(sentence.honest, scope) } : null;
}

/** The plain text of filled parts. */
export function text(parts) { return parts.map((p) => p.text).join(''); }

export function joinAnd(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function pearson(xs, ys) {
  const n = Math.min(xs?.length ?? 0, ys?.length ?? 0);
  if (n < 2) return null;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** One unit's values over traces (as /trace answers them), timestep 1 on of each: the start token left out, as the probes do. */
export function series(traces, layer, vector, unit) {
  const out = [];
  for (const trace of traces || []) {
    const rows = trace?.layers?.[layer]?.vectors?.[vector];
    if (!rows) continue;
    for (let t = 1; t < rows.length; t++) out.push(rows[t][unit]);
  }
  return out;
}
