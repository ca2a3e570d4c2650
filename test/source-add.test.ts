/**
 * `greyzone source add`: a document carried in with its pinned hash, or nothing written at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeFixtureAtlas } from './helpers/fixture-atlas.ts';

const META = ['--title', 'A report', '--publisher', 'A ministry', '--url', 'https://example.org/r', '--published', '2024-05-01', '--licence', 'Public domain (test)'];

function add(atlas: string, file: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', 'source', 'add', file, '--atlas', atlas, ...META, ...extra], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function textFile(content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'greyzone-doc-')), 'doc.txt');
  writeFileSync(path, content);
  return path;
}

test('a new source is carried, pinned and valid', () => {
  const fixture = writeFixtureAtlas();
  try {
    const r = add(fixture.dir, textFile('Line one.\r\nLine two.\r\n'), '--id', 'src-report', '--reliability', 'B', '--credibility', '2');
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(fixture.dir, 'sources/src-report.txt'), 'utf8'), 'Line one.\nLine two.\n');
    const v = spawnSync(process.execPath, ['bin/greyzone.js', 'validate', '--atlas', fixture.dir], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stdout);
    assert.match(v.stdout, /2 sources/);
  } finally {
    fixture.cleanup();
  }
});

for (const [what, content, extra, message] of [
  ['a file that is not UTF-8', Buffer.from('caf\xe9', 'latin1'), ['--id', 'src-bad'], /doc\.txt: file is not valid UTF-8/],
  ['an empty file', '', ['--id', 'src-bad'], /doc\.txt: file is empty/],
  ['a bad id', 'text', ['--id', 'report'], /doc\.txt: id: the id must be 'src-' followed by a kebab-case slug/],
  ['an id that exists', 'text', ['--id', 'src-doc'], /doc\.txt: source 'src-doc' already exists/],
] as const) {
  test(`${what} is refused and nothing is written`, () => {
    const fixture = writeFixtureAtlas();
    try {
      const before = readdirSync(join(fixture.dir, 'sources')).sort();
      const r = add(fixture.dir, textFile(content), ...extra);
      assert.equal(r.code, 1);
      assert.match(r.err, message);
      assert.equal(r.err.split('\n').length, 2, 'one line');
      assert.deepEqual(readdirSync(join(fixture.dir, 'sources')).sort(), before);
      assert.equal(readFileSync(join(fixture.dir, 'sources/src-doc.txt'), 'utf8').length > 0, true);
    } finally {
      fixture.cleanup();
    }
  });
}
