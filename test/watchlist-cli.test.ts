/**
 * `greyzone watchlist` and `greyzone alerts` as a user runs them on an embedded store: a list
 * added, an atlas loaded that documents an alias again, the alert that raises, and one-line
 * refusals that change nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { Store } from '../src/store/store.ts';
import { aliased, withoutAliases } from './helpers/watch-aliases.ts';

function greyzone(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('a watchlist added from the command line is alerted when a load documents an alias again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-watch-cli-'));
  const db = join(dir, 'g.sqlite');
  const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
  const [c] = aliased(bundled);
  const store = await Store.open(db);
  await store.importAtlas(withoutAliases(bundled, [c!]), 'tests');
  await store.close();
  const csv = join(dir, 'partners.csv');
  writeFileSync(csv, `name;country\n${c!.alias.text};\nTallinn University of Technology;EE\n`);

  const add = greyzone('watchlist', 'add', csv, '--name', 'Partners', '--clearance', 'green', '--db', db);
  assert.equal(add.code, 0, add.err);
  assert.match(add.out, /^added Partners \[partners-[0-9a-f]{6}\] · GREEN · owner cli:\S+ · 2 rows, 0 with a hit · 0 new alerts/);

  const load = greyzone('load', '--db', db);
  assert.equal(load.code, 0, load.err);
  assert.match(load.err, /watchlists: 1 new alert \(see greyzone alerts\)/);

  const alerts = greyzone('alerts', '--format', 'json', '--db', db);
  assert.equal(alerts.code, 0, alerts.err);
  const items = JSON.parse(alerts.out) as { entity: string; change: string; query: string; claims: { quote: string }[] }[];
  assert.deepEqual(items.map((a) => [a.entity, a.change, a.query]), [[c!.id, 'new', c!.alias.text]]);
  assert.ok(items[0]!.claims.length > 0);
  const digest = greyzone('alerts', '--db', db);
  assert.match(digest.out, new RegExp(`Partners #1 NEW: row 1 '${c!.alias.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`));
  assert.equal(greyzone('alerts', '--since', 'tomorrow', '--db', db).out, 'no alerts\n');

  assert.equal(greyzone('watchlist', 'rescreen', 'Partners', '--db', db).out, 'screened 2 rows of Partners again: 0 new alerts\n');
  const show = greyzone('watchlist', 'show', 'Partners', '--hits', '--format', 'json', '--db', db);
  assert.equal((JSON.parse(show.out) as { rows: unknown[] }).rows.length, 1);
  const list = JSON.parse(greyzone('watchlist', 'list', '--format', 'json', '--db', db).out) as { name: string; hits: number; new_alerts: number }[];
  assert.deepEqual(list.map((w) => [w.name, w.hits, w.new_alerts]), [['Partners', 1, 1]]);

  // Refusals: one line, exit 1, nothing changed.
  writeFileSync(join(dir, 'bad.csv'), 'who\nA\n');
  const refusals: [string[], RegExp][] = [
    [['watchlist', 'add', join(dir, 'missing.csv'), '--name', 'X'], /^greyzone: cannot read .*missing\.csv\n$/],
    [['watchlist', 'add', join(dir, 'bad.csv'), '--name', 'X'], /bad\.csv: the CSV has no 'name' column/],
    [['watchlist', 'add', csv, '--name', 'Partners'], /exists already/],
    [['watchlist', 'add', csv, '--name', 'X', '--threshold', '2'], /--threshold must be a number from 0 to 1/],
    [['watchlist', 'webhook', 'Partners', '--url', 'http://169.254.169.254/latest'], /link-local or cloud metadata address/],
    [['watchlist', 'webhook', 'Partners', '--url', 'file:///etc/passwd'], /http or https, not file/],
    [['watchlist', 'show', 'Nope'], /no watchlist named 'Nope'/],
    [['alerts', '--since', 'the day after never'], /--since: 'the day after never' is not a date or time/],
  ];
  for (const [args, message] of refusals) {
    const r = greyzone(...args, '--db', db);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, `${args.join(' ')}: one line`);
  }
  assert.equal((JSON.parse(greyzone('watchlist', 'list', '--format', 'json', '--db', db).out) as unknown[]).length, 1);

  assert.equal(greyzone('watchlist', 'remove', 'Partners', '--db', db).code, 0);
  assert.equal(greyzone('watchlist', 'list', '--db', db).out, 'no watchlists\n');
});
