import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createLead, createUser, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { OpenApiValidator } from '../../testing/openapi-validator';
import { propertyRuns } from '../../testing/property-runs';
import { validArbitrary, wrongTypeFor } from '../../testing/schema-arbitrary';

type Json = Record<string, unknown>;
type Operation = { requestBody?: { content: { 'application/json': { schema: Json } } }; parameters: Array<{ name: string; in: string; schema: Json }> };
type Doc = { paths: Record<string, Record<string, Operation>> };
type Answer = { status: number; body: { error?: { code: string; message: string } } };

/**
 * Requests drawn from the served OpenAPI document itself (issue 23): whatever it calls valid the hub accepts,
 * or refuses with a 4xx and code the document lists for that operation (never a 400: the document said it was
 * well-formed); whatever it calls invalid the hub refuses with 400 naming the field.
 */
describe('requests drawn from the OpenAPI document', () => {
  let env: TestHub;
  let doc: Doc;
  let validator: OpenApiValidator;
  let tokens: { agent: string; manager: string };
  let leadId: string;
  let stageId: string;

  beforeAll(async () => {
    env = await startTestHub('pglite');
    tokens = { agent: (await createUser(env.db, 'agent', 'agent')).token, manager: (await createUser(env.db, 'manager', 'manager')).token };
    doc = (await api(env.url).get<Doc>('/openapi.json')).body;
    validator = new OpenApiValidator(doc);
    leadId = (await createLead(env.db)).id;
    expect((await api(env.url, tokens.agent).post(`/leads/${leadId}/claim`)).status).toBe(200);
    stageId = (await api(env.url, tokens.manager).post<{ id: string }>('/stages', { name: 'Property stage', sequence: 500 })).body.id;
  });
  afterAll(() => env.close());

  /** The representative body operations: template, concrete path, who calls. */
  const bodyOperations = () =>
    [
      ['post', '/leads', '/leads', tokens.agent],
      ['post', '/leads/{id}/activities', `/leads/${leadId}/activities`, tokens.agent],
      ['patch', '/stages/{id}', `/stages/${stageId}`, tokens.manager],
      ['post', '/dealerships', '/dealerships', tokens.manager],
    ] as const;
  const bodySchema = (method: string, template: string): Json => {
    const schema = doc.paths[`/api/v1${template}`]?.[method]?.requestBody?.content['application/json'].schema;
    if (!schema) throw new Error(`${method} ${template} has no body schema`);
    return schema;
  };
  const send = async (method: 'post' | 'patch' | 'get', path: string, token: string, body?: unknown): Promise<Answer> => {
    const client = api(env.url, token);
    return (method === 'get' ? await client.get(path) : method === 'post' ? await client.post(path, body) : await client.patch(path, body)) as Answer;
  };
  /** Accepted, or refused the way the document says this operation can refuse. */
  const expectAcceptedOrDocumented = (method: string, path: string, answer: Answer, sent: unknown) => {
    const context = `${method.toUpperCase()} ${path} ${JSON.stringify(sent)} → ${answer.status} ${JSON.stringify(answer.body)}`;
    expect(validator.checkResponse(method.toUpperCase(), `/api/v1${path}`, answer.status, 'application/json', answer.body), context).toEqual([]);
    expect(answer.status < 300 || (answer.status >= 401 && answer.status < 500), context).toBe(true);
  };

  it('a body the document calls valid is accepted or refused with a documented 4xx and code', async () => {
    for (const [method, template, path, token] of bodyOperations()) {
      await fc.assert(
        fc.asyncProperty(validArbitrary(bodySchema(method, template)), async (body) => {
          expect(validator.checkRequest(method.toUpperCase(), `/api/v1${path}`, body).problems).toEqual([]);
          expectAcceptedOrDocumented(method, path, await send(method, path, token, body), body);
        }),
        propertyRuns(25),
      );
    }
  });

  it('a body the document calls invalid is refused with 400 naming the field', async () => {
    for (const [method, template, path, token] of bodyOperations()) {
      const schema = bodySchema(method, template);
      const properties = (schema['properties'] ?? {}) as Record<string, Json>;
      const required = (schema['required'] ?? []) as string[];
      const mutation = fc.oneof(
        fc.constant({ kind: 'unknown field' as const, field: 'zzUnknownField' }),
        fc.constantFrom(...Object.keys(properties)).map((field) => ({ kind: 'wrong type' as const, field })),
        ...(required.length > 0 ? [fc.constantFrom(...required).map((field) => ({ kind: 'missing' as const, field }))] : []),
      );
      await fc.assert(
        fc.asyncProperty(validArbitrary(schema), mutation, async (valid, { kind, field }) => {
          const body: Json = { ...(valid as Json) };
          if (kind === 'missing') delete body[field];
          else body[field] = kind === 'unknown field' ? 'x' : wrongTypeFor(properties[field] ?? {});
          expect(validator.checkRequest(method.toUpperCase(), `/api/v1${path}`, body).problems.length, `${kind} ${field}`).toBeGreaterThan(0);
          const answer = await send(method, path, token, body);
          const context = `${method.toUpperCase()} ${path} ${kind} ${field} ${JSON.stringify(body)} → ${answer.status} ${JSON.stringify(answer.body)}`;
          expect(answer.status, context).toBe(400);
          expect(answer.body.error?.code, context).toBe('invalid_input');
          expect(answer.body.error?.message, context).toContain(field);
        }),
        propertyRuns(25),
      );
    }
  });

  describe('GET /leads query', () => {
    const parameters = () => doc.paths['/api/v1/leads']?.['get']?.parameters.filter((parameter) => parameter.in === 'query') ?? [];
    // A cursor is valid only as the hub handed it out, and createdAfter/createdBefore must be ordered (the
    // description says so): the other parameters are drawn freely.
    const drawn = () => parameters().filter((parameter) => !['cursor', 'createdAfter', 'createdBefore'].includes(parameter.name));
    const queryString = (values: Json) =>
      Object.entries(values)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
        .join('&');

    it('a query the document calls valid is answered or refused with a documented 4xx', async () => {
      const schema = { type: 'object', properties: Object.fromEntries(drawn().map((parameter) => [parameter.name, parameter.schema])) };
      await fc.assert(
        fc.asyncProperty(validArbitrary(schema), async (values) => {
          const path = `/leads?${queryString(values as Json)}`;
          expect(validator.checkRequest('GET', `/api/v1${path}`, undefined).problems).toEqual([]);
          expectAcceptedOrDocumented('get', path, await send('get', path, tokens.agent), values);
        }),
        propertyRuns(25),
      );
    });

    it('a query the document calls invalid is refused with 400 naming the parameter', async () => {
      const bad = fc.oneof(
        ...drawn()
          .filter((parameter) => Array.isArray(parameter.schema['enum']))
          .map((parameter) => fc.constant([parameter.name, 'no-such-value'] as const)),
        ...drawn()
          .filter((parameter) => parameter.schema['type'] === 'integer')
          .map((parameter) => fc.constantFrom([parameter.name, String(Number(parameter.schema['maximum']) + 1)] as const, [parameter.name, '1.5'] as const)),
        fc.constant(['zzUnknown', '1'] as const),
      );
      await fc.assert(
        fc.asyncProperty(bad, async ([name, value]) => {
          const path = `/leads?${queryString({ [name]: value })}`;
          expect(validator.checkRequest('GET', `/api/v1${path}`, undefined).problems.length).toBeGreaterThan(0);
          const answer = await send('get', path, tokens.agent);
          expect(answer.status, path).toBe(400);
          expect(answer.body.error?.message, path).toContain(name);
        }),
        propertyRuns(15),
      );
    });
  });
});
