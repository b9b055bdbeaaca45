import { describe, expect, it } from 'vitest';
import { CannotMarshalNone, faultResponse, methodResponse, parseMethodCall, XmlRpcError } from './xmlrpc-codec';

/** The XML-RPC codec against the XML Python's xmlrpc.client writes and reads. */

const call = (params: string, method = 'execute_kw') => `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${params}</params>\n</methodCall>\n`;
const param = (value: string) => `<param>\n<value>${value}</value>\n</param>\n`;

describe('parseMethodCall', () => {
  it('reads every value type Python sends', () => {
    const parsed = parseMethodCall(
      call(
        param('<string>sandbox</string>') +
          param('<int>2</int>') +
          param('<i4>-3</i4>') +
          param('<boolean>0</boolean>') +
          param('<double>1.5</double>') +
          param('plain &amp; untyped') +
          param('<nil/>') +
          param('<array><data>\n<value><string>a</string></value>\n<value><int>1</int></value>\n</data></array>') +
          param('<struct>\n<member>\n<name>fields</name>\n<value><array><data><value><string>name</string></value></data></array></value>\n</member>\n</struct>'),
      ),
    );
    expect(parsed).toEqual({ method: 'execute_kw', params: ['sandbox', 2, -3, false, 1.5, 'plain & untyped', null, ['a', 1], { fields: ['name'] }] });
  });

  it('decodes entities and CDATA, keeps whitespace inside strings, and takes an empty params list', () => {
    expect(parseMethodCall(call(param('<string> &lt;Ana&gt; &#233;&#x41; </string>') + param('<string><![CDATA[<b>&]]></string>'))).params).toEqual([' <Ana> éA ', '<b>&']);
    expect(parseMethodCall(`<methodCall><methodName>version</methodName></methodCall>`)).toEqual({ method: 'version', params: [] });
  });

  it('refuses malformed documents and values', () => {
    for (const bad of [
      '',
      '<methodCall><methodName>x</methodName>',
      '<methodCall><methodName>x</methodName></methodCall><junk/>',
      '<methodResponse></methodResponse>',
      call(param('<int>1.5</int>')),
      call(param('<boolean>yes</boolean>')),
      call(param('<bogus>1</bogus>')),
      call(param('<string>&nbsp;</string>')),
      call('<param><value><string>a</string></value><value/></param>'),
    ]) {
      expect(() => parseMethodCall(bad), bad).toThrow(XmlRpcError);
    }
  });
});

describe('responses', () => {
  it('writes results the way Python marshals them', () => {
    expect(methodResponse([{ id: 1, name: 'A & <B>', ok: true, amount: 2.5, list: [] }])).toBe(
      "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n" +
        '<value><array><data>\n<value><struct>\n' +
        '<member>\n<name>id</name>\n<value><int>1</int></value>\n</member>\n' +
        '<member>\n<name>name</name>\n<value><string>A &amp; &lt;B&gt;</string></value>\n</member>\n' +
        '<member>\n<name>ok</name>\n<value><boolean>1</boolean></value>\n</member>\n' +
        '<member>\n<name>amount</name>\n<value><double>2.5</double></value>\n</member>\n' +
        '<member>\n<name>list</name>\n<value><array><data>\n</data></array></value>\n</member>\n' +
        '</struct></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n',
    );
  });

  it('cannot answer None (allow_none is off) and writes faults as a struct', () => {
    expect(() => methodResponse(null)).toThrow(CannotMarshalNone);
    expect(faultResponse(3, 'Access Denied')).toContain('<name>faultCode</name>\n<value><int>3</int></value>');
    expect(faultResponse(3, 'Access Denied')).toContain('<name>faultString</name>\n<value><string>Access Denied</string></value>');
  });

  it('strips control characters XML cannot carry', () => {
    expect(methodResponse('a\u0001b\tc')).toContain('<string>ab\tc</string>');
  });
});
