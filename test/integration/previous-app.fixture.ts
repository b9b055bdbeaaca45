/**
 * The previous app version (main at b50ce65, before the hub-in-production round) as recorded against its own hub:
 * the success shapes it reads from each /api/v1 operation (hashes of the OpenAPI document's 2xx schemas, made with
 * successShapes from that version's GET /api/v1/openapi.json) and the requests it sends, as its HubClient (axios)
 * sends them: JSON bodies, a bearer token, and no X-App-Version header (that version did not name itself).
 */
export const PREVIOUS_APP_SUCCESS_SHAPES: Readonly<Record<string, string>> = {
  'DELETE /api/v1/intake-keys/{id} 204': '74234e98afe7498f',
  'DELETE /api/v1/stages/{id} 204': '74234e98afe7498f',
  'GET /api/v1/call-logs 200': 'a893e983601ad59b',
  'GET /api/v1/dealerships 200': '66d5bf6ee19a7aeb',
  'GET /api/v1/events 200': '74234e98afe7498f',
  'GET /api/v1/intake-keys 200': '0a1b91be052e87af',
  'GET /api/v1/leads 200': 'b35f35ae42f7a092',
  'GET /api/v1/leads/export.csv 200': 'e5d58624e4c67ad6',
  'GET /api/v1/leads/{id} 200': '83b7af799cb09b10',
  'GET /api/v1/leads/{id}/activities 200': '205e960ac858be06',
  'GET /api/v1/leads/{id}/calls 200': 'd9376a93c078c08a',
  'GET /api/v1/leads/{id}/messages 200': '8da4e2244aa0a606',
  'GET /api/v1/leads/{id}/reassignment 200': '37e581a73b5109e9',
  'GET /api/v1/mail-outbox 200': 'bac30e8e6accf01d',
  'GET /api/v1/me 200': '0f017fd784de754c',
  'GET /api/v1/openapi.json 200': '74234e98afe7498f',
  'GET /api/v1/reports/agents 200': '87e1fd950212e7d7',
  'GET /api/v1/reports/brands 200': '96f616c8aa1ae02b',
  'GET /api/v1/reports/calls 200': 'e143f02a9679b3c9',
  'GET /api/v1/reports/funnel 200': '33792485711c1cf7',
  'GET /api/v1/reports/lost-reasons 200': 'e6435f67d6dab670',
  'GET /api/v1/reports/open-age 200': '2515d6f38ef524d8',
  'GET /api/v1/reports/speed-to-lead 200': 'c78b25656e7a754a',
  'GET /api/v1/reports/won-failures 200': 'ccc444c3f0e03e56',
  'GET /api/v1/stages 200': '9d58e925fa677228',
  'GET /api/v1/sync 200': '42d925c66a4988c3',
  'GET /api/v1/users 200': '2d193950a0255a89',
  'PATCH /api/v1/dealerships/{id} 200': '71091f58932a79ec',
  'PATCH /api/v1/leads/{id} 200': '83b7af799cb09b10',
  'PATCH /api/v1/stages/{id} 200': 'cc022adc8cce3c03',
  'PATCH /api/v1/users/{id} 200': '0f017fd784de754c',
  'POST /api/v1/activities/{id}/done 200': '657e534a21871201',
  'POST /api/v1/auth/login 200': '24dd574d43de1208',
  'POST /api/v1/auth/logout 204': '74234e98afe7498f',
  'POST /api/v1/dealer-relay/{dealershipId}/jsonrpc 200': '23b597edb0381e9e',
  'POST /api/v1/dealerships 201': '71091f58932a79ec',
  'POST /api/v1/dealerships/{id}/test-lease 200': '0c236b8057869c80',
  'POST /api/v1/intake-keys 201': 'd5f6f91ffa39d1ab',
  'POST /api/v1/intake/leads 201': 'c11feedacec386f8',
  'POST /api/v1/leads 201': '7ff5557619abdf38',
  'POST /api/v1/leads/{id}/activities 201': '657e534a21871201',
  'POST /api/v1/leads/{id}/assign 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/calls 201': 'f2fb31c55dbbe1bc',
  'POST /api/v1/leads/{id}/claim 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/lost 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/notes 201': '64b3596ea672b02c',
  'POST /api/v1/leads/{id}/stage 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/won/confirm 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/won/fail 200': '83b7af799cb09b10',
  'POST /api/v1/leads/{id}/won/prepare 200': '9e201de4b200a546',
  'POST /api/v1/stages 201': 'cc022adc8cce3c03',
  'POST /api/v1/users 201': '0f017fd784de754c',
};

export interface RecordedRequest {
  method: 'GET' | 'POST';
  /** `{leadId}` is filled with a lead of the test floor. */
  path: string;
  query?: Record<string, string>;
  /** `{login}`, `{password}` and `{clientId}` are filled in. */
  body?: Record<string, unknown>;
  /** What the previous app parsed the answer with (the operation's key in PREVIOUS_APP_SUCCESS_SHAPES). */
  reads: string;
}

/** A morning of the previous app: sign-in, first sync, the boards' reads, a claim, a note from the outbox, sign-out. */
export const PREVIOUS_APP_REQUESTS: readonly RecordedRequest[] = [
  { method: 'POST', path: '/auth/login', body: { login: '{login}', password: '{password}' }, reads: 'POST /api/v1/auth/login 200' },
  { method: 'GET', path: '/me', reads: 'GET /api/v1/me 200' },
  { method: 'GET', path: '/sync', query: { limit: '500' }, reads: 'GET /api/v1/sync 200' },
  { method: 'GET', path: '/stages', reads: 'GET /api/v1/stages 200' },
  { method: 'GET', path: '/dealerships', reads: 'GET /api/v1/dealerships 200' },
  { method: 'GET', path: '/leads', query: { scope: 'open' }, reads: 'GET /api/v1/leads 200' },
  { method: 'POST', path: '/leads/{leadId}/claim', body: {}, reads: 'POST /api/v1/leads/{id}/claim 200' },
  { method: 'POST', path: '/leads/{leadId}/notes', body: { body: 'Called back, wants the red one', clientId: '{clientId}' }, reads: 'POST /api/v1/leads/{id}/notes 201' },
  { method: 'POST', path: '/auth/logout', body: {}, reads: 'POST /api/v1/auth/logout 204' },
];
