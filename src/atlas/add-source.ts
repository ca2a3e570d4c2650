/**
 * @module atlas/add-source
 * Carries a new document into the atlas: its text beside a source record that pins its hash.
 * Either both files are written or neither.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KINDS } from '../model/kinds.ts';
import { sourceSchema, type Source } from '../model/source.ts';
import { TEXT_LIMIT } from './load.ts';
import { FileProblem, readUtf8 } from './text.ts';

export type NewSource = Omit<Source, 'text' | 'sha256' | 'tlp' | 'fragment'> & Partial<Pick<Source, 'tlp' | 'fragment'>>;

/** Writes `<id>.txt` and `<id>.yaml` into the atlas's sources folder; returns the record written. */
export function addSource(atlasDir: string, textFile: string, fields: NewSource): Source {
  const { text } = readUtf8(textFile, TEXT_LIMIT);
  // The carried text is what offsets count into: normalise line ends once, here, and never again.
  const body = Buffer.from(text.replace(/\r\n?/g, '\n'), 'utf8');
  const record = sourceSchema.safeParse({
    ...fields,
    text: `${fields.id}.txt`,
    sha256: createHash('sha256').update(body).digest('hex'),
  });
  if (!record.success) {
    const issue = record.error.issues[0]!;
    throw new FileProblem(`${issue.path.join('.') || 'source'}: ${issue.message}`);
  }
  const folder = join(atlasDir, KINDS.source.folder);
  const textPath = join(folder, `${fields.id}.txt`);
  const recordPath = join(folder, `${fields.id}.yaml`);
  if (existsSync(textPath) || existsSync(recordPath)) throw new FileProblem(`source '${fields.id}' already exists in ${folder}`);
  mkdirSync(folder, { recursive: true });
  const stage = (path: string, content: string | Buffer) => {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, content);
    return tmp;
  };
  const tmpText = stage(textPath, body);
  const tmpRecord = stage(recordPath, stringify(record.data, { lineWidth: 0 }));
  try {
    // link() fails if the target appeared meanwhile: never overwrite another analyst's source.
    linkSync(tmpText, textPath);
    try {
      linkSync(tmpRecord, recordPath);
    } catch (e) {
      rmSync(textPath);
      throw e;
    }
  } finally {
    rmSync(tmpText, { force: true });
    rmSync(tmpRecord, { force: true });
  }
  return record.data;
}
