import { describe, expect, it } from "vitest";
import {
  parseMethodCall, parseMethodResponse, serializeFault, serializeMethodCall, serializeMethodResponse,
  type XmlRpcBase64, XmlRpcDateTime, XmlRpcDouble, XmlRpcError,
} from "./odoo-xmlrpc-codec";

const call = (params: string) => `<?xml version="1.0"?><methodCall><methodName>execute_kw</methodName><params>${params}</params></methodCall>`;
const param = (value: string) => `<param><value>${value}</value></param>`;

describe("XML-RPC codec", () => {
  it("parses every scalar type, arrays, structs, CDATA, entities and untyped strings", () => {
    const xml = call([
      "<int>7</int>", "<i4>-3</i4>", "<boolean>1</boolean>", "<string>a &lt;b&gt; &amp; &#233;</string>", "plain text", "<double>2.5</double>",
      "<dateTime.iso8601>20240501T10:00:00</dateTime.iso8601>", "<base64>aGk=</base64>", "<nil/>", "<string><![CDATA[<x>&]]></string>", "<string/>",
      "<array><data><value><int>1</int></value><value><string>two</string></value></data></array>", "<array><data/></array>",
      "<struct><member><name>fields</name><value><array><data><value>name</value></data></array></value></member></struct>", "<struct/>",
    ].map(param).join("\n"));
    const { methodName, params } = parseMethodCall(xml);
    expect(methodName).toBe("execute_kw");
    expect(params.slice(0, 5)).toEqual([7, -3, true, "a <b> & é", "plain text"]);
    expect(params[5]).toEqual(new XmlRpcDouble(2.5));
    expect(params[6]).toEqual(new XmlRpcDateTime("20240501T10:00:00"));
    expect((params[7] as XmlRpcBase64).bytes.toString()).toBe("hi");
    expect(params.slice(8)).toEqual([null, "<x>&", "", [1, "two"], [], { fields: ["name"] }, {}]);
  });

  it("refuses malformed documents and values with a clear message", () => {
    const bad: [string, RegExp][] = [
      [call(param("<int>1.5</int>")), /invalid literal for int/],
      [call(param("<boolean>true</boolean>")), /bad boolean value/],
      [call(param("<dateTime.iso8601>2024-05-01T10:00:00Z</dateTime.iso8601>")), /does not match format/],
      [call(param("<float>1</float>")), /unknown tag <float>/],
      [call(param("<int>1</int><int>2</int>")), /exactly one/],
      [call(param("<struct><member><value><int>1</int></value></member></struct>")), /<name> then <value>/],
      [call(param("<string>x</int>")), /mismatched tag/],
      [call(param("<string>a & b</string>")), /bare '&'/],
      [`<!DOCTYPE x [<!ENTITY a "b">]>${call("")}`, /DOCTYPE/],
      ["<methodCall><methodName>x</methodName>", /unclosed element/],
      ["<methodResponse/>", /expected <methodCall>/],
      [call(param('<string id="1">x</string>')), /not well-formed tag/],
    ];
    for (const [xml, message] of bad) expect(() => parseMethodCall(xml), xml).toThrow(message);
    expect(() => parseMethodCall(call(param("<nil>x</nil>")))).toThrow(XmlRpcError);
  });

  it("writes responses the way Python's Marshaller does (Odoo's dumps, allow_none=False)", () => {
    expect(serializeMethodResponse(2)).toBe('<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n<value><int>2</int></value>\n</param>\n</params>\n\n</methodResponse>\n');
    const body = serializeMethodResponse([{ id: 1, name: "A & <B>", list_price: new XmlRpcDouble(10), parent_id: [3, "X"], active: false, ratio: 0.5 }]);
    expect(body).toContain("<member>\n<name>name</name>\n<value><string>A &amp; &lt;B&gt;</string></value>\n</member>");
    expect(body).toContain("<value><double>10.0</double></value>");
    expect(body).toContain("<value><double>0.5</double></value>");
    expect(body).toContain("<value><boolean>0</boolean></value>");
    expect(body).toContain("<value><array><data>\n<value><int>3</int></value>\n<value><string>X</string></value>\n</data></array></value>");
    expect(() => serializeMethodResponse(null)).toThrow("cannot marshal None unless allow_none is enabled");
    expect(() => serializeMethodResponse(2 ** 31)).toThrow("int exceeds XML-RPC limits");
  });

  it("faults carry faultCode (int) and faultString, and round-trip through the parser", () => {
    const xml = serializeFault(4, "You are not allowed to access 'Contact' (res.partner) records.");
    expect(xml).toContain("<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>4</int></value>\n</member>");
    expect(parseMethodResponse(xml)).toEqual({ fault: { faultCode: 4, faultString: "You are not allowed to access 'Contact' (res.partner) records." } });
    const request = serializeMethodCall("authenticate", ["db", "user", "key", {}]);
    expect(parseMethodCall(request)).toEqual({ methodName: "authenticate", params: ["db", "user", "key", {}] });
    expect(parseMethodResponse(serializeMethodResponse({ a: [1, "b", true] }))).toEqual({ value: { a: [1, "b", true] } });
  });
});
