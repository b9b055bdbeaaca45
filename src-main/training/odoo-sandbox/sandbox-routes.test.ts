import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOdooSandbox, type OdooSandbox } from './odoo-sandbox.server';
import { SANDBOX_USER } from './seed-data';

/**
 * The other routes third-party clients use (OdooRPC, odoo-await): `/web/webclient/version_info`
 * (web/controllers/webclient.py) and XML-RPC on `/xmlrpc/2/*` (base/controllers/rpc.py), checked on the wire.
 */

let sandbox: OdooSandbox;

beforeAll(async () => {
  sandbox = await startOdooSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  sandbox.inspect.reset();
  await sandbox.faults.clear();
});

async function post(path: string, body: string, contentType: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

const value = (xml: string) => `<param><value>${xml}</value></param>`;
const str = (text: string) => value(`<string>${text}</string>`);
const int = (n: number) => value(`<int>${n}</int>`);
const xmlCall = (service: string, method: string, params: string[]) =>
  post(`/xmlrpc/2/${service}`, `<?xml version='1.0'?>\n<methodCall>\n<methodName>${method}</methodName>\n<params>\n${params.join('\n')}\n</params>\n</methodCall>\n`, 'text/xml');
const bpoKw = (model: string, method: string, args: string, kwargs = '<struct></struct>') =>
  xmlCall('object', 'execute_kw', [str('sandbox'), int(2), str(SANDBOX_USER.apiKey), str(model), str(method), value(args), value(kwargs)]);
const faultCode = (text: string) => Number(/<name>faultCode<\/name>\n<value><int>(\d+)<\/int>/.exec(text)?.[1]);
const faultString = (text: string) => /<name>faultString<\/name>\n<value><string>([\s\S]*?)<\/string>/.exec(text)?.[1] ?? '';

describe('/web/webclient/version_info', () => {
  it('answers the server version in a JSON-RPC envelope, and is a JSON route', async () => {
    const answer = await post('/web/webclient/version_info', JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {}, id: 5 }), 'application/json');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ jsonrpc: '2.0', id: 5, result: { server_version: '18.0', server_version_info: [18, 0, 0, 'final', 0, ''], server_serie: '18.0', protocol_version: 1 } });
    expect((await post('/web/webclient/version_info', '{}', 'text/plain')).status).toBe(400);
  });
});

describe('XML-RPC on /xmlrpc/2', () => {
  it('serves common.version and common.authenticate (false for a wrong key, never a fault)', async () => {
    const version = await xmlCall('common', 'version', []);
    expect(version.status).toBe(200);
    expect(version.type).toMatch(/^text\/xml/);
    expect(version.text).toContain('<name>server_version</name>\n<value><string>18.0</string></value>');
    expect((await xmlCall('common', 'authenticate', [str('sandbox'), str(SANDBOX_USER.login), str(SANDBOX_USER.apiKey), value('<struct></struct>')])).text).toContain('<value><int>2</int></value>');
    expect((await xmlCall('common', 'authenticate', [str('sandbox'), str(SANDBOX_USER.login), str('nope'), value('<struct></struct>')])).text).toContain('<value><boolean>0</boolean></value>');
  });

  it('serves object.execute_kw: searches, reads and creates like /jsonrpc', async () => {
    const found = await bpoKw('res.partner', 'search_read', '<array><data><value><array><data><value><array><data><value><string>email</string></value><value><string>=</string></value><value><string>ramon.villanueva@example.com</string></value></data></array></value></data></array></value></data></array>', '<struct><member><name>fields</name><value><array><data><value><string>name</string></value></data></array></value></member></struct>');
    expect(found.text).toContain('<name>name</name>\n<value><string>Ramon Villanueva</string></value>');
    const created = await bpoKw('res.partner', 'create', '<array><data><value><struct><member><name>name</name><value><string>Xml Customer</string></value></member></struct></value></data></array>');
    const id = Number(/<value><int>(\d+)<\/int><\/value>/.exec(created.text)?.[1]);
    expect(sandbox.inspect.partners().find((partner) => partner.id === id)?.name).toBe('Xml Customer');
  });

  // xmlrpc_handle_exception_int: AccessError 4, AccessDenied 3, UserError 2, anything else 1 with the traceback.
  it('answers errors as faults with Odoo’s integer codes, with HTTP 200', async () => {
    const denied = await xmlCall('object', 'execute_kw', [str('sandbox'), int(2), str('wrong'), str('res.partner'), str('search'), value('<array><data><value><array><data></data></array></value></data></array>')]);
    expect(denied.status).toBe(200);
    expect([faultCode(denied.text), faultString(denied.text)]).toEqual([3, 'Access Denied']);
    const forbidden = await bpoKw('product.product', 'write', '<array><data><value><array><data><value><int>1</int></value></data></array></value><value><struct><member><name>name</name><value><string>x</string></value></member></struct></value></data></array>');
    expect(faultCode(forbidden.text)).toBe(4);
    const unknownModel = await bpoKw('x.y', 'search', '<array><data><value><array><data></data></array></value></data></array>');
    expect([faultCode(unknownModel.text), faultString(unknownModel.text)]).toEqual([2, "Object x.y doesn't exist"]);
    const invalid = await bpoKw('res.partner', 'create', '<array><data><value><struct><member><name>nmae</name><value><string>x</string></value></member></struct></value></data></array>');
    expect(faultCode(invalid.text)).toBe(1);
    expect(faultString(invalid.text)).toMatch(/^Traceback[\s\S]*builtins\.ValueError: Invalid field 'nmae' on model 'res\.partner'/);
  });

  it('cannot answer a method that returns None, and faults on XML it cannot read', async () => {
    const none = await bpoKw('sale.order', 'check_access_rule', '<array><data><value><array><data></data></array></value><value><string>read</string></value></data></array>');
    expect(faultCode(none.text)).toBe(1);
    expect(faultString(none.text)).toContain('cannot marshal None unless allow_none is enabled');
    const broken = await post('/xmlrpc/2/common', '<methodCall><methodName>version', 'text/xml');
    expect([broken.status, faultCode(broken.text)]).toEqual([200, 1]);
  });

  it('is subject to the same injected faults: an answer dropped after the work was done', async () => {
    sandbox.faults.dropAnswer({ model: 'res.partner', method: 'create' });
    await expect(bpoKw('res.partner', 'create', '<array><data><value><struct><member><name>name</name><value><string>Dropped</string></value></member></struct></value></data></array>')).rejects.toThrow();
    expect(sandbox.inspect.partners().some((partner) => partner.name === 'Dropped')).toBe(true);
  });
});
