/**
 * @module interop/stix/write-bundle
 * Writes a bundle object by object, so an export of a million objects never holds them all as
 * text. The bundle's id hashes its content, so it comes last: JSON keeps no key order.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { BundleIdHash, type StixObject } from './export.ts';

/** Writes the bundle to `out` (a stream, left open); returns the number of objects. */
export async function writeBundle(objects: Iterable<StixObject>, out: Writable): Promise<number> {
  const hash = new BundleIdHash();
  let n = 0;
  let pending = '{"type":"bundle","objects":[';
  for (const o of objects) {
    const s = JSON.stringify(o);
    hash.add(s);
    pending += `${n++ ? ',' : ''}\n${s}`;
    // Batched writes: one write per object costs more than the serialising.
    if (pending.length > 1 << 16) {
      if (!out.write(pending)) await once(out, 'drain');
      pending = '';
    }
  }
  pending += `\n],"id":"${hash.id()}"}\n`;
  if (!out.write(pending)) await once(out, 'drain');
  return n;
}

/** Writes the bundle to a file beside the target and renames it into place: whole or not at all. */
export async function writeBundleFile(objects: Iterable<StixObject>, path: string): Promise<number> {
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  try {
    const n = await writeBundle(objects, out);
    out.end();
    await once(out, 'finish');
    renameSync(tmp, path);
    return n;
  } finally {
    out.destroy();
    rmSync(tmp, { force: true });
  }
}
