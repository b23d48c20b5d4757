/**
 * Odoo domain evaluation for the emulator: a list of `[field, operator, value]` terms in prefix
 * notation with '&', '|', '!' (implicit '&' between consecutive terms).
 * https://www.odoo.com/documentation/17.0/developer/reference/backend/orm.html#search-domains
 */
export type OdooValue = unknown;
/** Reads a stored field of a record for comparison (many2one as id, x2many as id lists). */
export type FieldReader = (field: string) => OdooValue;

/** Thrown for malformed domains; the emulator turns it into Odoo's ValueError. */
export class DomainError extends Error {}

const OPERATORS = new Set(["=", "!=", "<>", ">", ">=", "<", "<=", "in", "not in", "like", "ilike", "not like", "not ilike", "=like", "=ilike", "child_of"]);

function likeMatch(value: unknown, pattern: unknown, insensitive: boolean, raw: boolean): boolean {
  if (typeof value !== "string" || typeof pattern !== "string") return false;
  const escaped = pattern.replace(/[.+*?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".");
  return new RegExp(raw ? `^${escaped}$` : escaped, insensitive ? "is" : "s").test(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return b === false ? a.length === 0 : a.includes(b);
  if (b === false) return a === false || a === null || a === undefined || a === "";
  return a === b;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (a === false || a === null || a === undefined) return undefined; // NULL compares false in SQL
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Resolves a hierarchical operator: the ids under `ids` along `field`. */
type ChildOf = (field: string, ids: unknown) => Set<number>;

/** Evaluate one term. `childOf` resolves hierarchical operators. */
function term(read: FieldReader, [field, op, value]: [string, string, unknown], childOf: ChildOf): boolean {
  const actual = read(field);
  switch (op) {
    case "=": return equal(actual, value);
    case "!=": case "<>": return !equal(actual, value);
    case "in": case "not in": {
      if (!Array.isArray(value)) throw new DomainError(`Invalid domain term ${JSON.stringify([field, op, value])}: the value must be a list`);
      const hit = Array.isArray(actual)
        ? actual.some((v) => value.includes(v))
        : value.includes(actual) || (value.includes(false) && equal(actual, false));
      return op === "in" ? hit : !hit;
    }
    case ">": case ">=": case "<": case "<=": {
      const c = compare(actual, value);
      if (c === undefined) return false;
      return op === ">" ? c > 0 : op === ">=" ? c >= 0 : op === "<" ? c < 0 : c <= 0;
    }
    case "like": case "ilike": return likeMatch(actual, `%${String(value)}%`, op === "ilike", false);
    case "not like": case "not ilike": return !likeMatch(actual, `%${String(value)}%`, op === "not ilike", false);
    case "=like": case "=ilike": return likeMatch(actual, value, op === "=ilike", true);
    case "child_of": return typeof actual === "number" && childOf(field, value).has(actual);
    default: throw new DomainError(`Invalid operator ${JSON.stringify(op)}`);
  }
}

type Node = { kind: "op"; op: "&" | "|" | "!" } | { kind: "term"; value: [string, string, unknown] };

function parse(domain: unknown): Node[] {
  if (!Array.isArray(domain)) throw new DomainError("Invalid domain: must be a list");
  return domain.map((item) => {
    if (item === "&" || item === "|" || item === "!") return { kind: "op", op: item };
    if (Array.isArray(item) && item.length === 3 && typeof item[0] === "string" && typeof item[1] === "string") {
      if (!OPERATORS.has(item[1].toLowerCase())) throw new DomainError(`Invalid operator ${JSON.stringify(item[1])} in domain term ${JSON.stringify(item)}`);
      return { kind: "term", value: [item[0], item[1].toLowerCase(), item[2]] };
    }
    throw new DomainError(`Invalid domain term ${JSON.stringify(item)}`);
  });
}

/** Fields a domain refers to (for validation against the model). */
export function domainFields(domain: unknown): string[] {
  return parse(domain).flatMap((node) => (node.kind === "term" ? [node.value[0]] : []));
}

/** Compile a domain into a predicate over a record reader. */
export function compileDomain(domain: unknown, childOf: ChildOf = () => new Set()): (read: FieldReader) => boolean {
  const nodes = parse(domain);
  // Normalise: consecutive top-level expressions are joined with an implicit '&'.
  let expressions = 0;
  for (const node of nodes) expressions += node.kind === "term" ? 1 : node.op === "!" ? 0 : -1;
  const normalised: Node[] = [...Array.from({ length: Math.max(0, expressions - 1) }, () => ({ kind: "op", op: "&" }) as Node), ...nodes];
  return (read) => {
    let position = 0;
    const next = (): boolean => {
      const node = normalised[position++];
      if (!node) throw new DomainError("Invalid domain: missing operand");
      if (node.kind === "term") return term(read, node.value, childOf);
      if (node.op === "!") return !next();
      const left = next();
      const right = next();
      return node.op === "&" ? left && right : left || right;
    };
    return normalised.length === 0 ? true : next();
  };
}

/** Parse an `order` spec ("write_date asc, id desc") into comparators; unknown fields throw. */
export function parseOrder(order: string): Array<{ field: string; descending: boolean }> {
  return order.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
    const match = /^([a-z_][a-z0-9_]*)(?:\s+(asc|desc))?(?:\s+nulls\s+(?:first|last))?$/i.exec(part);
    if (!match) throw new DomainError(`Invalid "order" specified (${order})`);
    return { field: match[1]!, descending: match[2]?.toLowerCase() === "desc" };
  });
}
