/**
 * Calling an in-process server's API as one of its accounts, for the server tests: the answer's
 * status, its JSON (or {} when it is not JSON), its text and headers.
 */
import type { createApp } from '../../src/server/app.ts';

export type Body = Record<string, unknown> & { error?: string };
export interface Answer {
  status: number;
  body: Body;
  text: string;
  headers: Headers;
}

/** A caller on `app` that signs requests with `tokens[as]` (or `as` itself when it is a token). */
export function apiCaller(app: () => ReturnType<typeof createApp>, tokens: Record<string, string>) {
  return async (path: string, as: string | undefined, init: RequestInit = {}, on = app()): Promise<Answer> => {
    const headers = new Headers(init.headers);
    if (as) headers.set('authorization', `Bearer ${tokens[as] ?? as}`);
    const res = await on.request(path, { ...init, headers });
    const text = await res.text();
    let body: Body = {};
    try {
      body = JSON.parse(text) as Body;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, text, headers: res.headers };
  };
}

export const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
