import { describe, expect, it } from 'vitest';
import { buildCrmApi, CRM_EVENTS, CRM_METHODS, type CrmTransport, type RendererReplica } from './crm-api';

describe('window.crm derived from the contract', () => {
  it('has one method per channel and one listener per event, each bound to its own name, and nothing else', async () => {
    const invoked: Array<[string, unknown]> = [];
    const listened: string[] = [];
    const transport: CrmTransport = {
      invoke: async (channel, input) => {
        invoked.push([channel, input]);
        return { ok: true, value: channel };
      },
      listen: (event) => {
        listened.push(event);
        return () => undefined;
      },
      serveReplica: () => () => undefined,
    };
    const crm = buildCrmApi(transport) as unknown as Record<string, (argument?: unknown) => unknown>;
    expect(Object.keys(crm).sort()).toEqual([...Object.keys(CRM_METHODS), ...Object.keys(CRM_EVENTS), 'serveReplica'].sort());
    for (const [name, channel] of Object.entries(CRM_METHODS)) {
      expect(await crm[name]?.({ probe: name })).toEqual({ ok: true, value: channel });
    }
    expect(invoked).toEqual(Object.entries(CRM_METHODS).map(([name, channel]) => [channel, { probe: name }]));
    for (const name of Object.keys(CRM_EVENTS)) expect(typeof crm[name]?.(() => undefined)).toBe('function');
    expect(listened).toEqual(Object.values(CRM_EVENTS));
  });

  it('hands the replica to the transport as given', () => {
    const served: RendererReplica[] = [];
    const replica: RendererReplica = { cursor: async () => null, apply: async () => undefined, reset: async () => undefined };
    const crm = buildCrmApi({ invoke: async () => null, listen: () => () => undefined, serveReplica: (given) => (served.push(given), () => undefined) });
    crm.serveReplica(replica);
    expect(served).toEqual([replica]);
  });
});
