import type { ServerResponse } from 'node:http';

/**
 * Large payloads from the harness's main to its page, over loopback HTTP: the debugging protocol moves a string
 * argument of `page.evaluate` at about 3 ms per 10 KB on this machine (a 1.2 MB sync page: 330–450 ms), while a
 * same-origin fetch of the same bytes takes about a quarter of that. Electron's IPC moves the page as a structured
 * clone (7–9 ms for the same page in Node), so the protocol's cost was the harness's, not the app's, and it was
 * inside every sync benchmark's figures. The renderer's server (static-server.ts) hands each parcel out once.
 */
export const PARCEL_PATH = '/__harness/parcel/';

/**
 * Payloads up to this size still travel as the argument: the extra request costs more than the protocol does for a
 * change page of a few leads (the incremental sync's p95 in bench:sync rose from 67 to 105 ms with every payload as
 * a parcel).
 */
export const PARCEL_ABOVE_CHARS = 64 * 1024;

/**
 * A method's answer above this size comes back as a parcel: the protocol's cost passes a same-origin fetch's
 * (about 2 ms here) at a few kilobytes of JSON.
 */
export const ANSWER_PARCEL_ABOVE_CHARS = 8 * 1024;

const parcels = new Map<string, Buffer>();
let counter = 0;

/**
 * Keeps this JSON for one fetch, as its UTF-8 bytes; answers the path to fetch it from (on the renderer's own
 * origin). Encoded once here: a string handed to `response.end` is measured (Buffer.byteLength) and then encoded,
 * two passes over megabytes (bench:sync's Node profile: 166 ms of the first sync in the measuring alone).
 */
export function postParcel(json: string): string {
  const id = `${Date.now().toString(36)}-${(counter += 1)}`;
  parcels.set(id, Buffer.from(json, 'utf8'));
  return `${PARCEL_PATH}${id}`;
}

/** The parcel at this path, removed as it is taken; undefined for an unknown or already taken one. */
function takeParcel(path: string): Buffer | undefined {
  const id = path.slice(PARCEL_PATH.length);
  const json = parcels.get(id);
  parcels.delete(id);
  return json;
}

const NO_SUCH_PARCEL = Buffer.from('{"error":"no such parcel"}');

/** Answers a request for the parcel at `path` (under PARCEL_PATH): its bytes, once, or 404. */
export function answerParcel(path: string, response: ServerResponse): void {
  const parcel = takeParcel(path);
  const body = parcel ?? NO_SUCH_PARCEL;
  response.writeHead(parcel === undefined ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': body.length });
  response.end(body);
}
