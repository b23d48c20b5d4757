/**
 * Range starts for the emulator's ordered scans. A keyset page (`write_date >= s` / `> s`, or the
 * bucket `s <= write_date < s+1 and id > n`, ordered `write_date asc, id asc`) is answered by a
 * binary search into the model's rows sorted by that order, then a scan from there — instead of
 * evaluating the domain on every row before the window (a full table scan per page).
 */

type Expr = { op: "&" | "|"; left: Expr; right: Expr } | { op: "!"; inner: Expr } | { op: "term"; term: unknown[] };

function parseExpression(domain: readonly unknown[], at: number): [Expr, number] {
  const item = domain[at];
  if (item === "&" || item === "|") {
    const [left, next] = parseExpression(domain, at + 1);
    const [right, end] = parseExpression(domain, next);
    return [{ op: item, left, right }, end];
  }
  if (item === "!") {
    const [inner, end] = parseExpression(domain, at + 1);
    return [{ op: "!", inner }, end];
  }
  if (!Array.isArray(item)) throw new Error("not a domain");
  return [{ op: "term", term: item }, at + 1];
}

type Bound = string | number | undefined;
// AND of lower bounds keeps the tighter one (a missing side does not loosen it); OR needs both sides.
type Chooser = (a: string | number, b: string | number) => string | number;
const tight = (pick: Chooser) => (a: Bound, b: Bound): Bound => (a === undefined ? b : b === undefined ? a : pick(a, b));
const loose = (pick: Chooser) => (a: Bound, b: Bound): Bound => (a === undefined || b === undefined ? undefined : pick(a, b));
const larger = (a: string | number, b: string | number) => (a > b ? a : b);
const smaller = (a: string | number, b: string | number) => (a < b ? a : b);
const max = tight(larger);
const min = loose(smaller);

const LOWER = new Set([">", ">=", "="]);
const UPPER = new Set(["<", "<=", "="]);

/** lower: the smallest value a match can have; upper: a value every match is at most (inclusive). */
function boundOf(expr: Expr, field: string, lower: boolean): Bound {
  if (expr.op === "term") {
    const [name, operator, value] = expr.term;
    // Numbers only when positive: false/empty keys sort as "" (≈ 0) among them.
    if (name !== field || !((typeof value === "string" && value) || (typeof value === "number" && value > 0))) return undefined;
    return (lower ? LOWER : UPPER).has(String(operator)) ? value : undefined;
  }
  if (expr.op === "!") return undefined;
  const combine = expr.op === "&" ? (lower ? max : tight(smaller)) : (lower ? min : loose(larger));
  return combine(boundOf(expr.left, field, lower), boundOf(expr.right, field, lower));
}

/**
 * The smallest value of `field` any record matching `domain` can have (from `>`, `>=`, `=` terms
 * that every match must satisfy), or undefined when the domain implies none.
 */
export function lowerBound(domain: unknown, field: string): string | number | undefined {
  return bound(domain, field, true);
}

/** The largest value (inclusive) of `field` any match can have (`<`, `<=`, `=` terms), or undefined. */
export function upperBound(domain: unknown, field: string): string | number | undefined {
  return bound(domain, field, false);
}

function bound(domain: unknown, field: string, lower: boolean): Bound {
  if (!Array.isArray(domain) || !domain.length) return undefined;
  // For upper bounds AND keeps the smaller one and OR needs both sides (the larger).
  const and = lower ? max : tight(smaller);
  try {
    let result: Bound;
    // Consecutive expressions are AND-ed.
    for (let at = 0; at < domain.length; ) {
      const [expr, next] = parseExpression(domain, at);
      result = and(result, boundOf(expr, field, lower));
      at = next;
    }
    return result;
  } catch {
    return undefined;
  }
}

/** First index whose key is not below `bound` (`inclusive`: the first >= bound, else the first > bound); empty keys sort first. */
function bisect(keys: readonly unknown[], bound: string | number, inclusive: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = keys[middle];
    const comparable = key === false || key === null || key === undefined ? "" : key;
    const before = typeof comparable === typeof bound
      && (inclusive ? (comparable as string | number) < bound : (comparable as string | number) <= bound);
    if (comparable === "" || before) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose key is >= `bound` in keys sorted ascending (false/null sort first, as ""). */
export function firstAtLeast(keys: readonly unknown[], bound: string | number): number {
  return bisect(keys, bound, true);
}

/** First index whose key is > `bound` (keys sorted ascending, empty first). */
export function firstAbove(keys: readonly unknown[], bound: string | number): number {
  return bisect(keys, bound, false);
}
