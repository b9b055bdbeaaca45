import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubContext } from '../hub-context';
import { route } from './route';

/** A route's answer is its handler's result as JSON: sent as bytes encoded once, with the same type and length as before. */
describe('route answers', () => {
  const app = Fastify();
  const hub = { routes: [] } as unknown as HubContext;
  const results: Record<string, unknown> = {
    text: { customer: 'José Ñuñez — 山田', notes: ['emoji 🚗', 'plain'] },
    null: null,
    string: 'a plain string',
  };

  beforeAll(async () => {
    for (const [name, result] of Object.entries(results)) {
      route(app, hub, { method: 'GET', url: `/${name}`, summary: name, tag: 'test', auth: 'none' }, async () => result);
    }
    await app.ready();
  });
  afterAll(() => app.close());

  it('an object is JSON in UTF-8, its Content-Length counting bytes, not characters', async () => {
    const answer = await app.inject({ method: 'GET', url: '/text' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(results['text'])));
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(JSON.stringify(results['text']).length);
    expect(answer.json()).toEqual(results['text']);
  });

  it('null and a string are sent as fastify sends them', async () => {
    const nothing = await app.inject({ method: 'GET', url: '/null' });
    expect(nothing.statusCode).toBe(200);
    const text = await app.inject({ method: 'GET', url: '/string' });
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.body).toBe('a plain string');
  });
});
