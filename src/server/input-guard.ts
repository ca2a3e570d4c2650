/**
 * @module server/input-guard
 * Refusals of input no route can use, before any route reads it: a NUL character (PostgreSQL
 * refuses it in text, and no name, quote or query holds one), and JSON nested deeper than any
 * record is (a million levels would exhaust the parser's stack and end as a 500).
 */
import type { MiddlewareHandler } from 'hono';
import { badRequest } from './errors.ts';
import { MAX_JSON_DEPTH } from './limits.ts';

/** How deep the JSON text nests, counted without parsing it; stops counting past `max`. */
export function jsonDepth(text: string, max = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return deepest;
}

export function inputGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (/%00|\0/i.test(c.req.url)) throw badRequest('the address holds a NUL character, which no parameter accepts');
    if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text(); // kept by Hono for the route's own c.req.json()
      if (/\0|\\u0000/i.test(text)) throw badRequest('the JSON body holds a NUL character (\\u0000), which no field accepts');
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw badRequest(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    await next();
  };
}
