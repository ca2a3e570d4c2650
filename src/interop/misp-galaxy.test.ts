/**
 * The MISP galaxy export, checked field by field against the MISP/misp-galaxy repository's
 * schema_galaxies.json and schema_clusters.json (written out below, since the project carries no
 * copy), and against what MISP itself relies on: the cluster's type names both files, every uuid
 * is unique, and a value's name is unique in its cluster (it becomes the tag).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { v5 as uuidv5 } from 'uuid';
import { markedAtlas, RED_MARKERS } from '../../test/helpers/marked-atlas.ts';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../atlas/load.ts';
import { buildMatrix } from '../atlas/matrix.ts';
import { redactAtlas } from '../atlas/redact.ts';
import { mispGalaxies, mispGalaxyFiles, type MispCluster, type MispGalaxy } from './misp-galaxy.ts';
import { GREYZONE_NAMESPACE } from '../util/stix-id.ts';

const { atlas: bundled, issues } = loadAtlas(BUNDLED_ATLAS);
assert.deepEqual(issues, []);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
type Json = Record<string, unknown>;

function isStringArray(v: unknown, unique = true): boolean {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') && (!unique || new Set(v).size === v.length);
}

function checkKeys(where: string, o: Json, required: string[], types: Record<string, (v: unknown) => boolean>): void {
  for (const key of required) assert.ok(key in o, `${where}: required '${key}' is missing`);
  for (const [key, value] of Object.entries(o)) {
    const check = types[key];
    assert.ok(check, `${where}: '${key}' is not allowed (additionalProperties: false)`);
    assert.ok(check(value), `${where}: '${key}' has the wrong type`);
  }
}

const str = (v: unknown) => typeof v === 'string';
const int = (v: unknown) => Number.isInteger(v);
const obj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** schema_galaxies.json */
function checkGalaxy(g: MispGalaxy): void {
  checkKeys('galaxy', g as unknown as Json, ['description', 'type', 'version', 'name', 'uuid'], {
    description: str, type: str, version: int, name: str, icon: str, uuid: str, namespace: str, kill_chain_order: obj,
  });
}

/** schema_clusters.json, values and their related entries and meta included. */
function checkCluster(c: MispCluster): void {
  checkKeys('cluster', c as unknown as Json, ['description', 'type', 'version', 'name', 'uuid', 'values', 'authors', 'source', 'category'], {
    description: str, type: str, version: int, name: str, uuid: str, source: str, category: str, authors: isStringArray,
    values: (v) => Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size === v.length,
  });
  for (const v of c.values) {
    const where = `${c.type} value '${v.value}'`;
    checkKeys(where, v as unknown as Json, ['value'], {
      description: str, value: str, uuid: str, revoked: (x) => typeof x === 'boolean', related: Array.isArray, meta: obj,
    });
    for (const r of v.related ?? []) {
      checkKeys(`${where} related`, r as unknown as Json, ['dest-uuid', 'type'], { 'dest-uuid': str, type: str, tags: isStringArray });
    }
    const meta = v.meta as Json;
    const arrays = ['type', 'refs', 'synonyms', 'extensions', 'ransomnotes', 'official-refs'];
    const strings = ['complexity', 'effectiveness', 'country', 'possible_issues', 'colour', 'motive', 'impact', 'status', 'date', 'encryption'];
    for (const key of arrays) if (key in meta) assert.ok(isStringArray(meta[key]), `${where}: meta.${key} is an array of unique strings`);
    for (const key of strings) if (key in meta) assert.ok(str(meta[key]), `${where}: meta.${key} is a string`);
  }
}

test('two galaxies, each with its cluster, valid by the misp-galaxy schemas, in files named by type', () => {
  const files = mispGalaxyFiles(mispGalaxies(bundled));
  assert.deepEqual(Object.keys(files).sort(), [
    'clusters/greyzone-actors.json', 'clusters/greyzone-approaches.json', 'galaxies/greyzone-actors.json', 'galaxies/greyzone-approaches.json',
  ]);
  for (const { galaxy, cluster } of mispGalaxies(bundled)) {
    checkGalaxy(galaxy);
    checkCluster(cluster);
    assert.equal(cluster.type, galaxy.type, 'MISP joins a cluster to its galaxy by type');
    assert.equal(cluster.uuid, galaxy.uuid);
    assert.equal(cluster.version, galaxy.version);
    assert.equal(galaxy.namespace, 'greyzone');
    assert.deepEqual(files[`galaxies/${galaxy.type}.json`], galaxy);
    assert.deepEqual(files[`clusters/${galaxy.type}.json`], cluster);
    assert.equal(new Set(cluster.values.map((v) => v.value)).size, cluster.values.length, 'a value is a tag: unique in its cluster');
    assert.ok(cluster.values.every((v) => v.description), 'every value is described');
  }
  const uuids = mispGalaxies(bundled).flatMap(({ cluster }) => cluster.values.map((v) => v.uuid));
  assert.ok(uuids.every((u) => UUID.test(u)));
  assert.equal(new Set(uuids).size, uuids.length);
  for (const { cluster } of mispGalaxies(bundled)) {
    for (const v of cluster.values) for (const r of v.related ?? []) assert.ok(uuids.includes(r['dest-uuid']), `${v.value} → ${r['dest-uuid']}`);
  }
});

test('uuids are UUIDv5 of greyzone ids, so a re-export is the same file', () => {
  const [actors] = mispGalaxies(bundled);
  const mss = actors!.cluster.values.find((v) => v.meta.external_id === 'org-mss')!;
  assert.equal(mss.uuid, uuidv5('misp-cluster:org-mss', GREYZONE_NAMESPACE));
  assert.equal(actors!.galaxy.uuid, uuidv5('misp-galaxy:greyzone-actors', GREYZONE_NAMESPACE));
  assert.deepEqual(mispGalaxyFiles(mispGalaxies(bundled)), mispGalaxyFiles(mispGalaxies(loadAtlas(BUNDLED_ATLAS).atlas)));
  assert.equal(actors!.galaxy.version, Number(bundled.meta.recorded_at.replaceAll('-', '')));
});

test('actors: bodies, intrusion sets, programmes and operations — never people — with synonyms, country, refs and relations', () => {
  const [actors, approaches] = mispGalaxies(bundled);
  const kinds = new Set(['organisation', 'intrusion-set', 'programme', 'operation']);
  const expected = [...bundled.records.values()].filter((r) => kinds.has(r.kind)).map((r) => r.id).sort();
  assert.deepEqual(actors!.cluster.values.map((v) => v.meta.external_id), expected);
  assert.equal(actors!.cluster.category, 'actor');
  const mss = actors!.cluster.values.find((v) => v.meta.external_id === 'org-mss')!;
  assert.equal(mss.value, 'Ministry of State Security');
  assert.equal(mss.meta.country, 'CN');
  assert.deepEqual(mss.meta.type, ['organisation', 'state-security-service']);
  assert.ok(mss.meta.synonyms!.includes('MSS') && mss.meta.synonyms!.includes('国家安全部'));
  assert.ok(!mss.meta.synonyms!.includes(mss.value));
  assert.ok((mss.meta.refs as string[]).includes((bundled.records.get('src-lt-nta-2024-china')!.data as { url: string }).url));
  const byUuid = new Map([...actors!.cluster.values, ...approaches!.cluster.values].map((v) => [v.uuid, v.meta.external_id]));
  const related = mss.related!.map((r) => `${r.type} ${byUuid.get(r['dest-uuid'])}`);
  const relations = recordsOf(bundled, 'relation').filter((r) => r.data.subject === 'org-mss' && byUuid.has(uuidv5(`misp-cluster:${r.data.object}`, GREYZONE_NAMESPACE)));
  assert.deepEqual(related.sort(), relations.map((r) => `${r.data.type} ${r.data.object}`).sort());
  assert.ok(related.some((r) => r.startsWith('uses-technique GZT')), 'the techniques it uses, across galaxies');
  const apt3 = actors!.cluster.values.find((v) => v.meta.external_id === 'iset-apt3')!;
  assert.ok(apt3.related!.some((r) => r.type === 'attributed-to' && r['dest-uuid'] === mss.uuid), 'an intrusion set attributed to the MSS');
  // An intrusion set's reference is its own page on ATT&CK's site, never the index of groups.
  assert.ok((apt3.meta.refs as string[]).includes('https://attack.mitre.org/groups/G0022'), (apt3.meta.refs as string[]).join(' '));
  for (const v of actors!.cluster.values.filter((v) => v.meta.type?.[0] === 'intrusion-set')) {
    assert.ok(!(v.meta.refs as string[]).some((u) => /^https:\/\/attack\.mitre\.org\/groups\/?$/.test(u)), v.value);
    assert.ok((v.meta.refs as string[]).some((u) => /^https:\/\/attack\.mitre\.org\/groups\/G\d{4}$/.test(u)), v.value);
  }
});

test('approaches: the matrix, with its tactics as the kill chain in matrix order and refs to DISARM and ATT&CK', () => {
  const [, approaches] = mispGalaxies(bundled);
  const order = buildMatrix(bundled).map((c) => c.tactic.shortname);
  assert.deepEqual(approaches!.galaxy.kill_chain_order, { greyzone: order });
  assert.equal(approaches!.cluster.values.length, recordsOf(bundled, 'technique').length);
  for (const v of approaches!.cluster.values) {
    assert.match(v.meta.external_id as string, /^GZT\d{4}(?:\.\d{3})?$/);
    assert.equal(v.value, `${v.value.split(' - ')[0]} - ${v.meta.external_id as string}`);
    assert.ok((v.meta.kill_chain as string[]).length > 0);
    for (const phase of v.meta.kill_chain as string[]) assert.ok(order.includes(phase.replace(/^greyzone:/, '')), phase);
  }
  const gzt1 = approaches!.cluster.values.find((v) => v.meta.external_id === 'GZT0001')!;
  assert.ok((gzt1.meta.refs as string[]).includes('https://attack.mitre.org/techniques/T1585/001'));
  assert.ok((gzt1.meta.refs as string[]).some((u) => u.includes('DISARMframeworks') && u.endsWith('/T0151.001.md')));
  const subs = recordsOf(bundled, 'technique').filter((t) => t.data.parent);
  for (const s of subs) {
    const v = approaches!.cluster.values.find((x) => x.meta.external_id === s.id)!;
    assert.deepEqual(v.related, [{ 'dest-uuid': uuidv5(`misp-cluster:${s.data.parent!}`, GREYZONE_NAMESPACE), type: 'subtechnique-of' }]);
  }
});

test('a value is marked where it is not CLEAR; a redacted export leaves no trace', () => {
  const atlas = markedAtlas();
  const [actors] = mispGalaxies(atlas);
  const meta = (id: string) => actors!.cluster.values.find((v) => v.meta.external_id === id)!.meta;
  assert.equal(meta('org-mss').tlp, 'red', 'a CLEAR record with a RED alias is a RED value');
  assert.equal(meta('org-zephyr-lantern').tlp, 'red');
  assert.equal(meta('org-ufwd').tlp, undefined);
  assert.match(actors!.cluster.description, /TLP:RED/);
  for (const v of actors!.cluster.values) if (v.meta.tlp === undefined) assert.doesNotMatch(JSON.stringify(v), RED_MARKERS);
  const green = mispGalaxyFiles(mispGalaxies(redactAtlas(atlas, 'green')));
  assert.doesNotMatch(JSON.stringify(green), RED_MARKERS);
  assert.doesNotMatch((green['clusters/greyzone-actors.json'] as MispCluster).description, /TLP:/);
});
