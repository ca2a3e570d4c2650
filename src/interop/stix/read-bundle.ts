/**
 * @module interop/stix/read-bundle
 * Reads a STIX bundle from a file one object at a time (stream-json), so a bundle of a million
 * objects is read in bounded memory. The envelope is checked as the tokens pass; anything that is
 * not JSON, not a bundle, or an object too large or too deep to be honest data is one line.
 */
import { createReadStream } from 'node:fs';
import { chainUnchecked } from 'stream-chain';
import { none } from 'stream-chain/defs.js';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { isBundleId } from './validate.ts';

export class StixInputError extends Error {}

/** No STIX object needs more; a larger one is a mistake or an attack. */
export const OBJECT_LIMIT = { chars: 16 << 20, depth: 64, values: 1_000_000 };

interface Token {
  name: string;
  value?: unknown;
}

/** Watches the top level of the document: it must be an object with `type: "bundle"` and a bundle id. */
class Envelope {
  type: unknown;
  id: unknown;
  hasObjects = false;
  private depth = 0;
  private key: string | undefined;
  private objectChars = 0;
  private objectValues = 0;
  private index = 0;

  constructor(private readonly path: string) {}

  readonly tap = (token: Token): Token | typeof none => {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        if (this.depth === 0 && token.name !== 'startObject') throw new StixInputError(`${this.path}: not a STIX bundle (the document is not a JSON object)`);
        if (this.depth === 1 && this.key === 'objects') {
          if (token.name !== 'startArray') throw new StixInputError(`${this.path}: not a STIX bundle ('objects' is not an array)`);
          // JSON.parse would keep only the last of two; a reader must not import one and check the other.
          if (this.hasObjects) throw new StixInputError(`${this.path}: the bundle has 'objects' twice`);
          this.hasObjects = true;
        }
        if (++this.depth > OBJECT_LIMIT.depth) throw new StixInputError(`${this.path}: objects[${this.index}] is nested more than ${OBJECT_LIMIT.depth} levels deep`);
        break;
      case 'endObject':
      case 'endArray':
        this.depth--;
        if (this.depth === 2) this.endOfObject();
        break;
      case 'keyValue':
        if (this.depth === 1) this.key = token.value as string;
        this.count(token.value);
        break;
      case 'stringValue':
        if (this.depth === 1 && this.key === 'type') this.type = token.value;
        if (this.depth === 1 && this.key === 'id') this.id = token.value;
        this.count(token.value);
        if (this.depth === 2) this.endOfObject();
        break;
      default:
        if (this.depth >= 3) this.count('');
        if (this.depth === 2) this.endOfObject();
    }
    return token;
  };

  private count(value: unknown): void {
    if (this.depth < 3) return;
    if (++this.objectValues > OBJECT_LIMIT.values) throw new StixInputError(`${this.path}: objects[${this.index}] holds more than ${OBJECT_LIMIT.values.toLocaleString('en')} values`);
    this.objectChars += (value as string).length;
    if (this.objectChars > OBJECT_LIMIT.chars) throw new StixInputError(`${this.path}: objects[${this.index}] is larger than ${OBJECT_LIMIT.chars >> 20} MB of text`);
  }

  private endOfObject(): void {
    this.objectChars = 0;
    this.objectValues = 0;
    this.index++;
  }

  check(): void {
    if (this.type !== 'bundle') throw new StixInputError(`${this.path}: not a STIX bundle (type is ${JSON.stringify(this.type) ?? 'missing'}, not "bundle")`);
    if (!isBundleId(this.id)) {
      throw new StixInputError(`${this.path}: the bundle's id ${JSON.stringify(this.id) ?? 'is missing'}${this.id === undefined ? '' : ' is not bundle--<UUID>'}`);
    }
    if (!this.hasObjects) throw new StixInputError(`${this.path}: the bundle has no 'objects' array`);
  }
}

/**
 * Calls `onObject` with each element of the bundle's `objects`, in order; returns the bundle's id
 * and the number of objects. Throws a StixInputError (one line) for input that is not a bundle.
 */
export async function readBundle(path: string, onObject: (object: unknown, index: number) => void | Promise<void>): Promise<{ id: string; count: number }> {
  const envelope = new Envelope(path);
  // Unchecked: stream-chain's types cannot follow a token filter placed between parser and pick.
  const pipeline = chainUnchecked([createReadStream(path), parser({ streamValues: false }), envelope.tap, pick({ filter: 'objects' }), streamArray()]);
  let count = 0;
  try {
    for await (const { value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) await onObject(value, count++);
  } catch (e) {
    pipeline.destroy();
    if (e instanceof StixInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new StixInputError(`${path}: cannot read (${code})`);
    if (e instanceof Error && /parser|JSON|token|expected/i.test(e.message)) throw new StixInputError(`${path}: not JSON (${e.message.split('\n')[0]})`);
    throw e;
  }
  envelope.check();
  return { id: envelope.id as string, count };
}
