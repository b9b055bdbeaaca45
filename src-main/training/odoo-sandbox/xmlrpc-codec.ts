/**
 * The XML-RPC subset Odoo speaks on `/xmlrpc/2/*` (Python's xmlrpc.client as Odoo 18 configures it in
 * `base/controllers/rpc.py`): a methodCall in, a methodResponse or a fault out. Written here rather than
 * taken from npm: the one server-side package (`xmlrpc`) is unmaintained since 2015 and pulls in two XML
 * libraries for what is a hundred lines; parsing is strict and every malformed input is an XmlRpcError.
 */

export type XmlRpcValue = string | number | boolean | null | XmlRpcValue[] | { [key: string]: XmlRpcValue };

export class XmlRpcError extends Error {}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const known = ENTITIES[entity];
    if (known === undefined) throw new XmlRpcError(`undefined entity ${whole}`);
    return known;
  });
}

/** A small, strict XML reader: elements (attributes ignored), text, CDATA; prolog and comments skipped. */
function parseXml(xml: string): XmlNode {
  let pos = 0;
  const fail = (what: string): never => {
    throw new XmlRpcError(`${what} at offset ${pos}`);
  };
  const skipPast = (marker: string, what: string): void => {
    const end = xml.indexOf(marker, pos);
    if (end < 0) fail(`unterminated ${what}`);
    pos = end + marker.length;
  };
  const skipMisc = (): void => {
    for (;;) {
      while (pos < xml.length && /\s/.test(xml[pos] ?? '')) pos++;
      if (xml.startsWith('<?', pos)) skipPast('?>', 'declaration');
      else if (xml.startsWith('<!--', pos)) skipPast('-->', 'comment');
      else return;
    }
  };
  const element = (): XmlNode => {
    const open = /^<([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>/.exec(xml.slice(pos, pos + 512));
    if (!open) return fail('expected an element');
    pos += open[0].length;
    const node: XmlNode = { name: open[1] ?? '', children: [], text: '' };
    if (open[3] === '/') return node;
    for (;;) {
      if (pos >= xml.length) fail(`unclosed <${node.name}>`);
      if (xml.startsWith('</', pos)) {
        const close = /^<\/([\w.:-]+)\s*>/.exec(xml.slice(pos, pos + 256));
        if (!close || close[1] !== node.name) fail(`mismatched end tag for <${node.name}>`);
        pos += close?.[0].length ?? 0;
        return node;
      }
      if (xml.startsWith('<![CDATA[', pos)) {
        const end = xml.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        node.text += xml.slice(pos + 9, end);
        pos = end + 3;
      } else if (xml.startsWith('<!--', pos)) {
        skipPast('-->', 'comment');
      } else if (xml[pos] === '<') {
        node.children.push(element());
      } else {
        const next = xml.indexOf('<', pos);
        node.text += decodeEntities(xml.slice(pos, next < 0 ? xml.length : next));
        pos = next < 0 ? xml.length : next;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (pos !== xml.length) fail('junk after document element');
  return root;
}

function only(node: XmlNode, name: string): XmlNode {
  const [child, ...rest] = node.children;
  if (!child || rest.length > 0 || child.name !== name) throw new XmlRpcError(`<${node.name}> must hold one <${name}>`);
  return child;
}

function decodeValue(value: XmlNode): XmlRpcValue {
  if (value.name !== 'value') throw new XmlRpcError(`expected <value>, got <${value.name}>`);
  // A <value> without a type element is a string.
  if (value.children.length === 0) return value.text;
  const typed = only(value, value.children[0]?.name ?? '');
  const raw = typed.text.trim();
  switch (typed.name) {
    case 'string':
    case 'dateTime.iso8601':
    case 'base64':
      return typed.text;
    case 'int':
    case 'i4':
    case 'i8':
      if (!/^[+-]?\d+$/.test(raw)) throw new XmlRpcError(`bad integer ${JSON.stringify(raw)}`);
      return Number(raw);
    case 'double': {
      const number = Number(raw);
      if (raw === '' || Number.isNaN(number)) throw new XmlRpcError(`bad double ${JSON.stringify(raw)}`);
      return number;
    }
    case 'boolean':
      if (raw !== '0' && raw !== '1') throw new XmlRpcError(`bad boolean ${JSON.stringify(raw)}`);
      return raw === '1';
    case 'nil':
      return null;
    case 'array':
      return only(typed, 'data').children.map(decodeValue);
    case 'struct': {
      const struct: Record<string, XmlRpcValue> = {};
      for (const member of typed.children) {
        const name = member.children.find((child) => child.name === 'name');
        const inner = member.children.find((child) => child.name === 'value');
        if (member.name !== 'member' || !name || !inner) throw new XmlRpcError('bad <member>');
        struct[name.text] = decodeValue(inner);
      }
      return struct;
    }
    default:
      throw new XmlRpcError(`unknown type <${typed.name}>`);
  }
}

export function parseMethodCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const root = parseXml(xml);
  if (root.name !== 'methodCall') throw new XmlRpcError(`expected <methodCall>, got <${root.name}>`);
  const methodName = root.children.find((child) => child.name === 'methodName');
  if (!methodName) throw new XmlRpcError('no <methodName>');
  const params = root.children.find((child) => child.name === 'params');
  return { method: methodName.text.trim(), params: (params?.children ?? []).map((param) => decodeValue(only(param, 'value'))) };
}

/** Python's marshaller refuses None unless allow_none, which Odoo leaves off for results. */
export class CannotMarshalNone extends XmlRpcError {
  constructor() {
    super('cannot marshal None unless allow_none is enabled');
  }
}

function escape(text: string): string {
  // Odoo strips control characters: XML 1.0 cannot carry them.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: XML 1.0 cannot carry them
  return text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Each value as Python's Marshaller writes it, ending in a newline. */
function encodeValue(value: unknown): string {
  if (value === null || value === undefined) throw new CannotMarshalNone();
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>\n`;
  if (typeof value === 'number') return Number.isInteger(value) ? `<value><int>${value}</int></value>\n` : `<value><double>${value}</double></value>\n`;
  if (typeof value === 'string') return `<value><string>${escape(value)}</string></value>\n`;
  if (Array.isArray(value)) return `<value><array><data>\n${value.map(encodeValue).join('')}</data></array></value>\n`;
  if (typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => `<member>\n<name>${escape(key)}</name>\n${encodeValue(item)}</member>\n`);
    return `<value><struct>\n${members.join('')}</struct></value>\n`;
  }
  throw new XmlRpcError(`cannot marshal ${typeof value} objects`);
}

export function methodResponse(result: unknown): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n${encodeValue(result)}</param>\n</params>\n</methodResponse>\n`;
}

export function faultResponse(code: number, message: string): string {
  return `<?xml version='1.0'?>\n<methodResponse>\n<fault>\n${encodeValue({ faultCode: code, faultString: message })}</fault>\n</methodResponse>\n`;
}
