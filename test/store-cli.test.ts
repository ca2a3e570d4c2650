/**
 * `greyzone load`, `greyzone export atlas` and the other commands that read or write a store, on
 * an embedded store, as a user runs them, and their one-line refusals.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadAtlas } from '../src/atlas/load.ts';
import type { Name } from '../src/model/name.ts';
import { atlasFromStore } from '../src/store/as-atlas.ts';
import { editRecord } from '../src/store/edit.ts';
import { Store } from '../src/store/store.ts';
import { span, writeFixtureAtlas } from './helpers/fixture-atlas.ts';
import { markedAtlasDir, RED_MARKERS } from './helpers/marked-atlas.ts';

function greyzone(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = () => mkdtempSync(join(tmpdir(), 'greyzone-cli-'));

test('the default store is created with the bundled atlas on first use', () => {
  const home = dir();
  const r = greyzone({ XDG_DATA_HOME: home, GREYZONE_DB: '' }, 'export', 'atlas', '--out', join(home, 'out'));
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(home, 'greyzone', 'greyzone.sqlite')));
  const v = greyzone({}, 'validate', '--atlas', join(home, 'out'));
  assert.equal(v.code, 0, v.out);
  assert.match(v.out, /36 techniques, \d+ cases/);
});

test('load replaces the store’s atlas with another one, and export writes it back', () => {
  const fixture = writeFixtureAtlas();
  try {
    const db = join(dir(), 'g.sqlite');
    const r = greyzone({}, 'load', '--atlas', fixture.dir, '--db', db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^loaded 7 records and \d+ claims into the sqlite store\n$/);
    const out = join(dir(), 'out');
    assert.equal(greyzone({}, 'export', 'atlas', '--out', out, '--db', db).code, 0);
    const v = greyzone({}, 'validate', '--atlas', out);
    assert.match(v.out, /^atlas is valid: 1 sources, 2 organisations/);
  } finally {
    fixture.cleanup();
  }
});

test('load refuses an atlas that does not validate, and the store keeps what it had', () => {
  const fixture = writeFixtureAtlas({ 'organisations/org-beta.yaml': '' });
  try {
    const db = join(dir(), 'g.sqlite');
    const r = greyzone({}, 'load', '--atlas', fixture.dir, '--db', db);
    assert.equal(r.code, 1);
    assert.match(r.err, /^greyzone: the atlas does not validate \(.*org-beta\.yaml:1: file is empty\)\n$/);
    assert.ok(!existsSync(db), 'nothing was created');
  } finally {
    fixture.cleanup();
  }
});

test('export refuses a folder that is not empty, in one line', () => {
  const out = dir();
  writeFileSync(join(out, 'mine.txt'), 'x');
  const r = greyzone({}, 'export', 'atlas', '--out', out, '--db', join(dir(), 'g.sqlite'));
  assert.equal(r.code, 1);
  assert.equal(r.err, `greyzone: ${out} exists and is not empty; choose a new folder\n`);
});

test('a store that cannot be opened is one line, and a password is never printed', () => {
  const r = greyzone({}, 'export', 'atlas', '--out', join(dir(), 'o'), '--db', 'postgres://greyzone:s3cret@127.0.0.1:1/none');
  assert.equal(r.code, 1);
  assert.match(r.err, /^greyzone: cannot open the store postgres:\/\/greyzone:\*\*\*@127\.0\.0\.1:1\/none: .+\n$/);
  assert.doesNotMatch(r.err, /s3cret/);
});

test('a SQLite path that is a folder is one line', () => {
  const folder = dir();
  mkdirSync(join(folder, 'db.sqlite'));
  const r = greyzone({}, 'load', '--db', join(folder, 'db.sqlite'));
  assert.equal(r.code, 1);
  assert.match(r.err, /^greyzone: cannot open the store .*db\.sqlite: .+\n$/);
});

test('user add prints the token once; list never shows it; revoke ends it', () => {
  const db = join(dir(), 'team.sqlite');
  const added = greyzone({}, 'user', 'add', 'alice', '--role', 'admin', '--clearance', 'red', '--db', db);
  assert.equal(added.code, 0, added.err);
  const token = /token \(shown once; keep it secret\): (gz_\S+)/.exec(added.out)?.[1];
  assert.ok(token);
  const list = greyzone({}, 'user', 'list', '--format', 'json', '--db', db);
  assert.deepEqual((JSON.parse(list.out) as { name: string; role: string; clearance: string }[]).map((u) => [u.name, u.role, u.clearance]), [['alice', 'admin', 'red']]);
  assert.ok(!list.out.includes(token!.slice(16)));
  assert.equal(greyzone({}, 'user', 'add', 'alice', '--db', db).err, "greyzone: an account named 'alice' exists already\n");
  assert.equal(greyzone({}, 'user', 'add', '<b>x</b>', '--db', db).code, 1);
  assert.equal(greyzone({}, 'user', 'revoke', 'alice', '--db', db).out, 'revoked alice\n');
  assert.equal(greyzone({}, 'user', 'revoke', 'alice', '--db', db).err, "greyzone: no active account named 'alice'\n");
});

test('exports for sharing leave out what is marked above --clearance', () => {
  const marked = markedAtlasDir();
  const db = join(dir(), 'g.sqlite');
  assert.equal(greyzone({}, 'load', '--atlas', marked, '--db', db).code, 0);
  const green = join(dir(), 'green');
  assert.equal(greyzone({}, 'export', 'atlas', '--out', green, '--db', db, '--clearance', 'green').code, 0);
  const v = greyzone({}, 'validate', '--atlas', green);
  assert.equal(v.code, 0, v.out);
  assert.doesNotMatch(readdirSync(green, { recursive: true }).join('\n'), RED_MARKERS);
  assert.doesNotMatch(readFileSync(join(green, 'organisations', 'org-mss.yaml'), 'utf8'), RED_MARKERS);
  const full = join(dir(), 'full');
  assert.equal(greyzone({}, 'export', 'atlas', '--out', full, '--db', db).code, 0);
  assert.match(readFileSync(join(full, 'organisations', 'org-mss.yaml'), 'utf8'), /Lantern Bureau/);
  const layer = greyzone({}, 'export', 'navigator', '--atlas', marked, '--clearance', 'amber', '--actor', 'org-zephyr-lantern');
  assert.equal(layer.code, 1);
  assert.equal(layer.err, "greyzone: no actor with id 'org-zephyr-lantern'\n");
});

test('audit prints every change, and exports it as JSON lines', () => {
  const db = join(dir(), 'g.sqlite');
  assert.equal(greyzone({}, 'user', 'add', 'ana', '--role', 'analyst', '--db', db).code, 0);
  assert.equal(greyzone({}, 'user', 'revoke', 'ana', '--db', db).code, 0);
  const text = greyzone({}, 'audit', '--db', db);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^ +1 \S+ cli:\S+ +atlas\.import .*\[CLEAR\]\n +2 \S+ cli:\S+ +user\.add +ana \[CLEAR\]\n +3 \S+ cli:\S+ +user\.revoke +ana \[CLEAR\]\n$/);
  const lines = greyzone({}, 'audit', '--db', db, '--format', 'jsonl', '--after', '1').out.trim().split('\n').map((l) => JSON.parse(l) as { action: string; after: unknown });
  assert.deepEqual(lines.map((l) => l.action), ['user.add', 'user.revoke']);
  assert.deepEqual(lines[0]!.after, { role: 'analyst', clearance: 'green' });
  assert.equal(greyzone({}, 'audit', '--db', db, '--after', 'x').err, "greyzone: --after must be an entry id (a whole number), not 'x'\n");
});

test('serve: server mode will not start without an admin; embedded mode stays on loopback', () => {
  const db = join(dir(), 'g.sqlite');
  const noAdmin = greyzone({}, 'serve', '--server', '--db', db, '--port', '0');
  assert.equal(noAdmin.code, 1);
  assert.equal(noAdmin.err, 'greyzone: server mode needs an admin account first: greyzone user add NAME --role admin --clearance red\n');
  const open = greyzone({}, 'serve', '--host', '0.0.0.0', '--db', db, '--port', '0');
  assert.equal(open.code, 1);
  assert.match(open.err, /^greyzone: the embedded explorer has no signing in, so it listens only on loopback; to listen on 0\.0\.0\.0, use --server\n$/);
  assert.match(greyzone({}, 'serve', '--server', '--rate-limit', 'lots', '--db', db).err, /--rate-limit must be a whole number/);
});

test('show and search read the store: a record changed there is what they print and find', async () => {
  const fixture = writeFixtureAtlas();
  try {
    const db = join(dir(), 'g.sqlite');
    // An analyst's change, made through the store as the explorer makes it: a new name and a description.
    const store = await Store.open(db);
    try {
      await store.importAtlas(loadAtlas(fixture.dir).atlas, 'tests');
      const current = (await store.record('org-beta'))!;
      const data = current.data as { names: Name[] };
      const changed = { ...data, names: [...data.names, { text: 'Lantern Bureau', type: 'alias', lang: 'en', claims: [{ source: 'src-doc', quote: 'the Bureau', ...span('the Bureau') }] }], description: 'Renamed in review.' };
      await editRecord(store, await atlasFromStore(store), 'org-beta', changed, current.version, 'analyst');
    } finally {
      await store.close();
    }

    const shown = greyzone({}, 'show', 'org-beta', '--db', db);
    assert.equal(shown.code, 0, shown.err);
    assert.match(shown.out, /^The Bureau {2}\(organisation: party-body, org-beta\)\n {2}names: Lantern Bureau \[alias\]\n {2}Renamed in review\.\n/);
    assert.match(shown.out, /“the Bureau assists the MSS”/);
    const view = JSON.parse(greyzone({}, 'show', 'org-beta', '--db', db, '--format', 'json').out) as { record: { names: Name[]; description: string } };
    assert.deepEqual(view.record.names.map((n) => n.text), ['The Bureau', 'Lantern Bureau']);
    assert.equal(view.record.description, 'Renamed in review.');

    // Only the store holds the new name; $GREYZONE_DB names the store as --db does.
    const found = greyzone({}, 'search', 'Lantern', '--db', db, '--format', 'json');
    assert.equal(found.code, 0, found.err);
    assert.deepEqual((JSON.parse(found.out) as { hits: { id: string; matched_name: string }[] }).hits.map((h) => [h.id, h.matched_name]), [['org-beta', 'Lantern Bureau']]);
    assert.match(greyzone({ GREYZONE_DB: db }, 'search', 'lantern bureau').out, /^org-beta +organisation +The Bureau {2}\(as Lantern Bureau\)\n$/);

    // --atlas DIR still reads the files, which do not have it; --db and --atlas together are refused.
    const files = greyzone({ GREYZONE_DB: db }, 'search', 'Lantern', '--atlas', fixture.dir);
    assert.equal(files.code, 1);
    assert.equal(files.out, "no record is named like 'Lantern'\n");
    assert.doesNotMatch(greyzone({}, 'show', 'org-beta', '--atlas', fixture.dir).out, /Lantern|Renamed/);
    for (const command of [['show', 'org-beta'], ['search', 'Lantern']]) {
      const both = greyzone({}, ...command, '--db', db, '--atlas', fixture.dir);
      assert.equal(both.code, 1);
      assert.equal(both.err, 'greyzone: give --db or --atlas, not both\n');
    }
    assert.equal(greyzone({}, 'show', 'org-nowhere', '--db', db).err, "greyzone: no record with id 'org-nowhere'; try greyzone search\n");
  } finally {
    fixture.cleanup();
  }
});

test('show and search on a store that cannot be opened: one line, exit 1', () => {
  for (const command of [['show', 'org-mss'], ['search', 'MSS']]) {
    const r = greyzone({}, ...command, '--db', 'postgres://greyzone:s3cret@127.0.0.1:1/none');
    assert.equal(r.code, 1);
    assert.match(r.err, /^greyzone: cannot open the store postgres:\/\/greyzone:\*\*\*@127\.0\.0\.1:1\/none: .+\n$/);
  }
});
