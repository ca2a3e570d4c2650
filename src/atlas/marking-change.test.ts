import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markedAtlas } from '../../test/helpers/marked-atlas.ts';
import { markingChange } from './marking-change.ts';

const atlas = markedAtlas();
type Part = { text?: string; type?: string; claims?: { tlp?: string; [k: string]: unknown }[] };
const mss = () => structuredClone(atlas.records.get('org-mss')!.data) as unknown as { tlp?: string; names: Part[]; claims: { tlp?: string }[]; description?: string };
const lantern = (d: ReturnType<typeof mss>) => d.names.findIndex((n) => n.text === 'Lantern Bureau');

test('an edit that leaves every marking where it is changes none', () => {
  const d = mss();
  d.description = 'A new summary in our own words.';
  assert.equal(markingChange(atlas, 'org-mss', d), undefined);
});

test('moving a marking from one claim to another is a change, though the set of markings is the same', () => {
  const d = mss();
  const i = lantern(d);
  delete d.names[i]!.claims![0]!.tlp;
  d.claims[0]!.tlp = 'red';
  assert.match(markingChange(atlas, 'org-mss', d) ?? '', /names\.\d+\.claims\.0\.tlp changes from red to none/);
});

test('dropping, raising or adding a marking is a change; so is the record’s own', () => {
  const dropped = mss();
  delete dropped.names[lantern(dropped)]!.claims![0]!.tlp;
  assert.ok(markingChange(atlas, 'org-mss', dropped));
  const raised = mss();
  raised.claims[0]!.tlp = 'amber';
  assert.ok(markingChange(atlas, 'org-mss', raised));
  const record = mss();
  record.tlp = 'green';
  assert.match(markingChange(atlas, 'org-mss', record) ?? '', /^the marking at tlp changes from clear to green/);
});

test('an unmarked record left without its default tlp keeps its marking', () => {
  const d = mss();
  delete d.tlp;
  assert.equal(markingChange(atlas, 'org-mss', d), undefined);
});

test('moving protected words into a part a lower clearance sees is a change, markings untouched', () => {
  const d = mss();
  // The RED alias's name given to an unmarked alias: GREEN would read it.
  const i = lantern(d);
  d.names[i]!.text = 'Another name';
  d.names.find((n) => n.type === 'acronym')!.text = 'Lantern Bureau';
  assert.match(markingChange(atlas, 'org-mss', d) ?? '', /Lantern Bureau.*would become visible at CLEAR/);
});

test('rewording a protected part keeps it protected and is no change', () => {
  const d = mss();
  d.names[lantern(d)]!.text = 'The Lantern Bureau';
  assert.equal(markingChange(atlas, 'org-mss', d), undefined);
});
