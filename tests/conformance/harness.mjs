// What every JavaScript conformance script shares: running a list of named flows,
// printing `PLAN name N` first (so that a flow that never ran counts as failed),
// `PASS name: flow` or `FAIL name: flow: why` per flow and `DONE name` at the end, and
// small helpers to reach the emulator's admin API and to send raw requests.

import { readFileSync } from 'node:fs';

export const shared = new URL('../../../shared/', import.meta.url);
export const KEY = 'conformance-key';

/** Reads a file of the shared samples. */
export function sample(path, encoding) {
  return readFileSync(new URL(path, shared), encoding);
}

/** Throws `message` unless `condition` holds. */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Awaits `promise` and returns the error it rejects with (fails if it resolves). */
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded where it must fail');
}

/** `GET` (no body) or `POST` to the emulator's admin API. */
export async function admin(base, path, body) {
  const response = await fetch(`${base}/__fake/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

/** A raw API request with a JSON body, as any HTTP client would send it. */
export async function raw(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-goog-api-key': KEY },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs `flows` (`[name, async () => {...}]` pairs) in order, then `cleanup`, and exits. */
export async function runFlows(client, flows, cleanup = () => {}) {
  console.log(`PLAN ${client} ${flows.length}`);
  let failures = 0;
  for (const [name, body] of flows) {
    try {
      await body();
      console.log(`PASS ${client}: ${name}`);
    } catch (error) {
      failures += 1;
      const why = error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : String(error);
      console.log(`FAIL ${client}: ${name}: ${why}`);
    }
  }
  cleanup();
  console.log(`DONE ${client}`);
  process.exit(failures === 0 ? 0 : 1);
}
