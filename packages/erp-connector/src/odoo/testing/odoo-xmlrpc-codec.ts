/**
 * A small, strict XML-RPC codec (http://xmlrpc.com/spec.md) for the Odoo emulator's `/xmlrpc/2/*`
 * routes: `methodCall` in, `methodResponse` (params or fault) out, written the way Python's
 * `xmlrpc.client.Marshaller` writes them (Odoo answers through it: odoo/odoo
 * `odoo/addons/base/controllers/rpc.py`). Values: int/i4/i8, boolean, string (also a bare
 * `<value>text</value>`), double, dateTime.iso8601, base64, array, struct, nil. Anything else —
 * unknown tags, attributes, stray text, a DOCTYPE, a bad boolean — is refused with an error.
 */

/** A double on the wire even when its value is whole (Python floats are written with `repr`). */
export class XmlRpcDouble {
  constructor(readonly value: number) {}
}
/** `<dateTime.iso8601>` as sent: `YYYYMMDDTHH:MM:SS` (the only form Python's `xmlrpc.client` parses). */
export class XmlRpcDateTime {
  constructor(readonly text: string) {}
}
/** `<base64>` payload. */
export class XmlRpcBase64 {
  constructor(readonly bytes: Buffer) {}
}

/** Any XML-RPC value. */
export type XmlRpcValue =
  | number | boolean | string | null
  | XmlRpcDouble | XmlRpcDateTime | XmlRpcBase64
  | XmlRpcValue[] | { [name: string]: XmlRpcValue };

/** Malformed XML or XML-RPC. */
export class XmlRpcError extends Error {}

interface Element {
  name: string;
  children: Element[];
  text: string;
  /** Non-whitespace text between child elements. */
  mixed: boolean;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (whole, entity: string | undefined) => {
    if (!entity) throw new XmlRpcError("not well-formed (invalid token): bare '&'");
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const value = ENTITIES[entity];
    if (value === undefined) throw new XmlRpcError(`undefined entity ${whole}`);
    return value;
  });
}

/** Parse an XML document into elements (no attributes, no namespaces, no DOCTYPE). */
function parseXml(xml: string): Element {
  const root: Element = { name: "#document", children: [], text: "", mixed: false };
  const stack: Element[] = [root];
  const addText = (text: string) => {
    const top = stack.at(-1)!;
    top.text += text;
    if (text.trim() && top.children.length) top.mixed = true;
  };
  let at = 0;
  const prolog = /^\uFEFF?<\?xml[^?]*\?>/.exec(xml);
  if (prolog) at = prolog[0].length;
  while (at < xml.length) {
    const lt = xml.indexOf("<", at);
    if (lt < 0) {
      addText(unescape(xml.slice(at)));
      break;
    }
    if (lt > at) addText(unescape(xml.slice(at, lt)));
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw new XmlRpcError("unclosed comment");
      at = end + 3;
    } else if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt + 9);
      if (end < 0) throw new XmlRpcError("unclosed CDATA section");
      addText(xml.slice(lt + 9, end));
      at = end + 3;
    } else if (xml.startsWith("<!", lt) || xml.startsWith("<?", lt)) {
      throw new XmlRpcError("DOCTYPE and processing instructions are not accepted");
    } else {
      const end = xml.indexOf(">", lt);
      if (end < 0) throw new XmlRpcError("unclosed tag");
      const tag = /^<(\/?)([A-Za-z_][\w.:-]*)\s*(\/?)$/.exec(xml.slice(lt, end));
      if (!tag) throw new XmlRpcError(`not well-formed tag ${xml.slice(lt, Math.min(end + 1, lt + 40))}`);
      const [, closing, name, selfClosing] = tag as unknown as [string, string, string, string];
      if (closing) {
        const open = stack.pop();
        if (!open || open.name !== name || stack.length === 0) throw new XmlRpcError(`mismatched tag </${name}>`);
      } else {
        const element: Element = { name, children: [], text: "", mixed: false };
        const parent = stack.at(-1)!;
        if (parent.text.trim()) parent.mixed = true;
        parent.children.push(element);
        if (!selfClosing) stack.push(element);
      }
      at = end + 1;
    }
  }
  if (stack.length !== 1) throw new XmlRpcError(`unclosed element <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1 || root.text.trim()) throw new XmlRpcError("a document has exactly one root element");
  return root.children[0]!;
}

function only(element: Element, names: readonly string[]): Element[] {
  if (element.mixed) throw new XmlRpcError(`<${element.name}> mixes text and elements`);
  if (element.children.length && element.text.trim()) throw new XmlRpcError(`<${element.name}> mixes text and elements`);
  for (const child of element.children) if (!names.includes(child.name)) throw new XmlRpcError(`unexpected <${child.name}> in <${element.name}>`);
  return element.children;
}

function single(element: Element, name: string): Element {
  const children = only(element, [name]);
  if (children.length !== 1) throw new XmlRpcError(`<${element.name}> needs exactly one <${name}>`);
  return children[0]!;
}

function leaf(element: Element): string {
  if (element.children.length) throw new XmlRpcError(`<${element.name}> cannot contain elements`);
  return element.text;
}

const INT = /^\s*[+-]?\d+\s*$/;
const DOUBLE = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|nan)\s*$/i;
const DATETIME = /^(\d{4})(\d{2})(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

function decodeValue(value: Element): XmlRpcValue {
  if (value.name !== "value") throw new XmlRpcError(`expected <value>, got <${value.name}>`);
  if (!value.children.length) return value.text; // untyped value = string
  const typed = single(value, value.children[0]!.name);
  switch (typed.name) {
    case "int": case "i4": case "i8": {
      const text = leaf(typed);
      if (!INT.test(text)) throw new XmlRpcError(`invalid literal for int(): '${text}'`);
      return Number.parseInt(text, 10);
    }
    case "boolean": {
      const text = leaf(typed);
      if (text !== "0" && text !== "1") throw new XmlRpcError(`bad boolean value '${text}'`);
      return text === "1";
    }
    case "string": return leaf(typed);
    case "double": {
      const text = leaf(typed);
      if (!DOUBLE.test(text)) throw new XmlRpcError(`could not convert string to float: '${text}'`);
      return new XmlRpcDouble(Number(text.trim().replace(/^([+-]?)inf$/i, "$1Infinity")));
    }
    case "dateTime.iso8601": {
      const text = leaf(typed).trim();
      if (!DATETIME.test(text)) throw new XmlRpcError(`time data '${text}' does not match format '%Y%m%dT%H:%M:%S'`);
      return new XmlRpcDateTime(text);
    }
    case "base64": {
      const text = leaf(typed).replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new XmlRpcError("Incorrect padding");
      return new XmlRpcBase64(Buffer.from(text, "base64"));
    }
    case "nil":
      if (typed.children.length || typed.text.trim()) throw new XmlRpcError("<nil/> must be empty");
      return null;
    case "array": return only(single(typed, "data"), ["value"]).map(decodeValue);
    case "struct": {
      const out: Record<string, XmlRpcValue> = {};
      for (const member of only(typed, ["member"])) {
        const parts = only(member, ["name", "value"]);
        if (parts.length !== 2 || parts[0]!.name !== "name" || parts[1]!.name !== "value") throw new XmlRpcError("<member> needs <name> then <value>");
        out[leaf(parts[0]!)] = decodeValue(parts[1]!);
      }
      return out;
    }
    default: throw new XmlRpcError(`unknown tag <${typed.name}>`);
  }
}

/** Parse a `<methodCall>` document. */
export function parseMethodCall(xml: string): { methodName: string; params: XmlRpcValue[] } {
  const root = parseXml(xml);
  if (root.name !== "methodCall") throw new XmlRpcError(`expected <methodCall>, got <${root.name}>`);
  const parts = only(root, ["methodName", "params"]);
  const name = parts.find((p) => p.name === "methodName");
  const params = parts.filter((p) => p.name === "params");
  if (!name || parts.filter((p) => p.name === "methodName").length !== 1 || params.length > 1) throw new XmlRpcError("<methodCall> needs one <methodName> and at most one <params>");
  const methodName = leaf(name).trim();
  if (!/^[A-Za-z0-9_.:/]+$/.test(methodName)) throw new XmlRpcError(`invalid method name '${methodName}'`);
  return { methodName, params: params.length ? only(params[0]!, ["param"]).map((p) => decodeValue(single(p, "value"))) : [] };
}

/** Parse a `<methodResponse>` (the tests' side of the codec). */
export function parseMethodResponse(xml: string): { value: XmlRpcValue } | { fault: { faultCode: number; faultString: string } } {
  const root = parseXml(xml);
  if (root.name !== "methodResponse") throw new XmlRpcError(`expected <methodResponse>, got <${root.name}>`);
  const body = only(root, ["params", "fault"]);
  if (body.length !== 1) throw new XmlRpcError("<methodResponse> needs <params> or <fault>");
  if (body[0]!.name === "fault") {
    const fault = decodeValue(single(body[0]!, "value")) as { faultCode: number; faultString: string };
    return { fault };
  }
  return { value: decodeValue(single(single(body[0]!, "param"), "value")) };
}

// Python's xmlrpc.client.escape, plus Odoo's removal of XML-1.0-illegal control characters (rpc.py CONTROL_CHARACTERS).
function escape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Python `repr(float)`: always a decimal point or exponent (1.0, 0.5, 1e-07, inf).
function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  return String(value).replace(/e([+-])(\d)$/, "e$10$2");
}

const MAXINT = 2 ** 31 - 1;

function encodeValue(value: XmlRpcValue, out: string[]): void {
  if (value === null) throw new TypeError("cannot marshal None unless allow_none is enabled");
  if (typeof value === "boolean") return void out.push(`<value><boolean>${value ? "1" : "0"}</boolean></value>\n`);
  if (typeof value === "string") return void out.push(`<value><string>${escape(value)}</string></value>\n`);
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return void out.push(`<value><double>${pythonFloat(value)}</double></value>\n`);
    if (value > MAXINT || value < -MAXINT - 1) throw new RangeError("int exceeds XML-RPC limits");
    return void out.push(`<value><int>${value}</int></value>\n`);
  }
  if (value instanceof XmlRpcDouble) return void out.push(`<value><double>${pythonFloat(value.value)}</double></value>\n`);
  if (value instanceof XmlRpcDateTime) return void out.push(`<value><dateTime.iso8601>${value.text}</dateTime.iso8601></value>\n`);
  if (value instanceof XmlRpcBase64) return void out.push(`<value><base64>\n${value.bytes.toString("base64")}\n</base64></value>\n`);
  if (Array.isArray(value)) {
    out.push("<value><array><data>\n");
    for (const item of value) encodeValue(item, out);
    return void out.push("</data></array></value>\n");
  }
  out.push("<value><struct>\n");
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out.push(`<member>\n<name>${escape(name)}</name>\n`);
    encodeValue(member, out);
    out.push("</member>\n");
  }
  out.push("</struct></value>\n");
}

function envelope(body: string): string {
  return `<?xml version="1.0"?>\n<methodResponse>\n${body}\n</methodResponse>\n`;
}

/** `<methodResponse>` with one param, as Odoo's `dumps((result,))` writes it (allow_none=False). */
export function serializeMethodResponse(value: XmlRpcValue): string {
  const out: string[] = [];
  encodeValue(value, out);
  return envelope(`<params>\n<param>\n${out.join("")}</param>\n</params>\n`);
}

/** `<methodResponse><fault>` with faultCode and faultString. */
export function serializeFault(faultCode: number, faultString: string): string {
  const out: string[] = [];
  encodeValue({ faultCode, faultString }, out);
  return envelope(`<fault>\n${out.join("")}</fault>\n`);
}

/** `<methodCall>` (the tests' side of the codec). */
export function serializeMethodCall(methodName: string, params: readonly XmlRpcValue[]): string {
  const out: string[] = [];
  for (const param of params) {
    out.push("<param>\n");
    encodeValue(param, out);
    out.push("</param>\n");
  }
  return `<?xml version="1.0"?>\n<methodCall>\n<methodName>${escape(methodName)}</methodName>\n<params>\n${out.join("")}</params>\n</methodCall>\n`;
}
