import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';

interface StageBody {
  id: string;
  name: string;
  sequence: number;
  isWon: boolean;
  isLost: boolean;
  folded: boolean;
}
interface ErrorBody {
  error: { code: string; message: string };
}

describe.each(FEATURE_BACKENDS)('stage configuration on %s', (backend) => {
  let env: TestHub;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let stages: Record<string, string>;

  const asManager = () => api(env.url, manager.token);
  const lastChanges = async (since: string) => env.db.query<{ entity: string; entity_id: string | null }>('select entity, entity_id from changes where seq > $1 order by seq', [since]);
  const maxSeq = async () => (await env.db.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes'))[0]?.seq ?? '0';

  beforeAll(async () => {
    env = await startTestHub(backend);
    manager = await createUser(env.db, 'manager', 'manager');
    supervisor = await createUser(env.db, 'super', 'supervisor');
    agent = await createUser(env.db, 'agent', 'agent');
    stages = await stageIds(env.db);
  });
  afterAll(() => env.close());

  it('is for managers only: 403 forbidden for agents and supervisors, nothing changed', async () => {
    for (const user of [agent, supervisor]) {
      const client = api(env.url, user.token);
      for (const answer of [
        await client.post<ErrorBody>('/stages', { name: 'Sneaky', sequence: 5 }),
        await client.patch<ErrorBody>(`/stages/${stages['new']}`, { name: 'Renamed' }),
        await client.delete<ErrorBody>(`/stages/${stages['lost']}`),
      ]) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('forbidden');
      }
    }
    const names = (await api(env.url, agent.token).get<StageBody[]>('/stages')).body.map((stage) => stage.name);
    expect(names).toEqual(['New', 'Qualified', 'Negotiation', 'Won', 'Lost']);
  });

  it('adds a stage (201) that every role then reads, recording the change', async () => {
    const since = await maxSeq();
    const created = await asManager().post<StageBody>('/stages', { name: 'Test Drive', sequence: 25 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Test Drive', sequence: 25, isWon: false, isLost: false, folded: false });
    expect(await lastChanges(since)).toEqual([{ entity: 'stage', entity_id: created.body.id }]);
    const names = (await api(env.url, agent.token).get<StageBody[]>('/stages')).body.map((stage) => stage.name);
    expect(names).toEqual(['New', 'Qualified', 'Test Drive', 'Negotiation', 'Won', 'Lost']);
    const duplicate = await asManager().post<ErrorBody>('/stages', { name: 'test drive', sequence: 26 });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'already_exists', field: 'name', message: expect.stringMatching(/^name: /) });
    const renamed = await asManager().patch<ErrorBody>(`/stages/${stages['new']}`, { name: 'TEST DRIVE' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error).toMatchObject({ code: 'already_exists', field: 'name' });
  });

  it('renames, reorders and folds a stage that holds leads', async () => {
    await createLead(env.db);
    const since = await maxSeq();
    const edited = await asManager().patch<StageBody>(`/stages/${stages['new']}`, { name: 'Fresh', sequence: 5, folded: true });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: stages['new'], name: 'Fresh', sequence: 5, folded: true, isWon: false, isLost: false });
    expect(await lastChanges(since)).toEqual([{ entity: 'stage', entity_id: stages['new'] }]);
    await asManager().patch(`/stages/${stages['new']}`, { name: 'New', sequence: 10, folded: false });
  });

  it('refuses to change the won/lost flags of a stage holding leads: 409 stage_in_use saying why', async () => {
    const lead = await createLead(env.db);
    for (const change of [{ isWon: true }, { isLost: true }]) {
      const refused = await asManager().patch<ErrorBody>(`/stages/${stages['new']}`, change);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('stage_in_use');
      expect(refused.body.error.message).toMatch(/"New" holds \d+ lead\(s\).*won\/lost flags cannot change.*reopen or close/);
    }
    const [row] = await env.db.query<{ closed: boolean }>('select closed from leads where id = $1', [lead.id]);
    expect(row?.closed).toBe(false);
    const stage = (await asManager().get<StageBody[]>('/stages')).body.find((item) => item.id === stages['new']);
    expect(stage).toMatchObject({ isWon: false, isLost: false });
  });

  it('changes the flags of an empty stage, but never to both won and lost (400)', async () => {
    const extra = await asManager().post<StageBody>('/stages', { name: 'Delivered', sequence: 45 });
    const won = await asManager().patch<StageBody>(`/stages/${extra.body.id}`, { isWon: true });
    expect(won.status).toBe(200);
    expect(won.body.isWon).toBe(true);
    const both = await asManager().patch<ErrorBody>(`/stages/${extra.body.id}`, { isLost: true });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('isLost');
    const swapped = await asManager().patch<StageBody>(`/stages/${extra.body.id}`, { isWon: false, isLost: true });
    expect(swapped.body).toMatchObject({ isWon: false, isLost: true });
    expect((await asManager().patch(`/stages/${extra.body.id}`, { isWon: true, isLost: true })).status).toBe(400);
  });

  it('refuses to delete a stage holding leads (409 stage_in_use), even closed ones', async () => {
    const lead = await createLead(env.db);
    await env.db.query('update leads set stage_id = $2, closed = true where id = $1', [lead.id, stages['lost']]);
    const refused = await asManager().delete<ErrorBody>(`/stages/${stages['lost']}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'stage_in_use', message: expect.stringContaining('cannot be deleted') });
    expect((await asManager().delete(`/stages/${stages['new']}`)).status).toBe(409);
  });

  it('deletes an empty stage (204): gone from GET /stages, and a reset tells clients to rebuild', async () => {
    const extra = await asManager().post<StageBody>('/stages', { name: 'Temporary', sequence: 99 });
    const since = await maxSeq();
    expect((await asManager().delete(`/stages/${extra.body.id}`)).status).toBe(204);
    expect(await lastChanges(since)).toEqual([{ entity: 'reset', entity_id: null }]);
    expect((await asManager().get<StageBody[]>('/stages')).body.map((stage) => stage.id)).not.toContain(extra.body.id);
    expect((await asManager().delete(`/stages/${extra.body.id}`)).status).toBe(404);
  });

  it('answers 404 for a stage that does not exist', async () => {
    expect((await asManager().patch('/stages/424242', { name: 'X' })).status).toBe(404);
    expect((await asManager().patch('/stages/abc', { name: 'X' })).status).toBe(404);
    expect((await asManager().delete('/stages/424242')).status).toBe(404);
  });
});
