/**
 * The approach matrix on the bundled atlas: what `greyzone matrix` prints, the Navigator layer and
 * bundle that `greyzone export navigator` writes, and the explorer's matrix API — all following
 * one rule for the techniques a case or an actor used.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import { buildMatrix, distinctTechniques, matrixActors } from '../src/atlas/matrix.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { Store } from '../src/store/store.ts';
import { frameworkTechniques } from '../src/atlas/frameworks.ts';
import { STANDARDS_DIR } from '../src/util/standards.ts';
import { navigatorLayerSchema } from '../src/interop/navigator-layer.ts';
import { matrixBundle, navigatorLayer } from '../src/interop/navigator.ts';
import { NAVIGATOR_DOMAIN, NAVIGATOR_VERSION } from '../src/interop/stix/export.ts';
import { markedAtlas, RED_MARKERS } from './helpers/marked-atlas.ts';

const { atlas } = loadAtlas(BUNDLED_ATLAS);
const techniques = recordsOf(atlas, 'technique');

function greyzone(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('every technique stands in at least one column of the matrix', () => {
  const placed = new Set(buildMatrix(atlas).flatMap((c) => c.techniques.flatMap((t) => [t.id, ...t.subtechniques.map((s) => s.id)])));
  assert.deepEqual(techniques.map((t) => t.id).filter((id) => !placed.has(id)), []);
});

test('every tactic column holds at least one technique', () => {
  assert.deepEqual(buildMatrix(atlas).filter((c) => c.techniques.length === 0).map((c) => c.tactic.id), []);
});

for (const width of [40, 80, 132]) {
  test(`greyzone matrix fits a ${width}-column terminal and shows every technique`, () => {
    const r = greyzone('matrix', '--width', String(width));
    assert.equal(r.code, 0, r.err);
    const long = r.out.split('\n').filter((l) => [...l].length > width);
    assert.deepEqual(long, []);
    for (const t of techniques) {
      const shown = t.id.includes('.') ? t.id.slice(t.id.indexOf('.')) : t.id;
      assert.ok(r.out.includes(shown), `${t.id} is shown`);
    }
  });
}

test('greyzone matrix counts the cases that record a technique', () => {
  const r = greyzone('matrix', '--format', 'json');
  const columns = JSON.parse(r.out) as { techniques: { id: string; cases: string[]; subtechniques: { id: string; cases: string[] }[] }[] }[];
  const think = columns.flatMap((c) => c.techniques.flatMap((t) => t.subtechniques)).find((s) => s.id === 'GZT0003.001');
  assert.deepEqual(think?.cases, ['case-tarmo-kouts']);
});

test('the Navigator layer follows the 4.5 format and survives a JSON round trip', () => {
  const layer = navigatorLayer(atlas, { kind: 'all' });
  const parsed = navigatorLayerSchema.safeParse(layer);
  assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues));
  assert.equal(layer.versions?.layer, '4.5');
  assert.deepEqual(JSON.parse(JSON.stringify(layer)), layer);
  assert.equal(layer.techniques?.length, techniques.length);
});

test('the layer for the Xu Yanjun case scores exactly the techniques the atlas records for it, and the parent of its sub-technique', () => {
  const xu = recordsOf(atlas, 'case').find((c) => c.id === 'case-xu-yanjun')!;
  const recorded = [...new Set(xu.data.techniques.map((u) => u.technique))];
  assert.ok(recorded.includes('GZT0003.002') && !recorded.includes('GZT0003'), 'the atlas records a sub-technique, not its parent');
  const layer = navigatorLayer(atlas, { kind: 'case', id: 'case-xu-yanjun' });
  assert.deepEqual(layer.techniques?.map((t) => t.techniqueID).sort(), [...recorded, 'GZT0003'].sort());
  assert.ok(layer.techniques?.every((t) => t.score === 1));
  assert.match(layer.techniques?.find((t) => t.techniqueID === 'GZT0003')?.comment ?? '', /sub-techniques: GZT0003\.002/);
});

test('the layer for one actor marks what the atlas records it using', () => {
  const layer = navigatorLayer(atlas, { kind: 'actor', id: 'org-mid' });
  assert.ok(layer.techniques?.some((t) => t.techniqueID === 'GZT0003.001'), 'MID used think-tank cover (Kouts)');
  assert.ok(!layer.techniques?.some((t) => t.techniqueID === 'GZT0009'), 'monitoring dissidents is the MPS’s, not the MID’s');
});

test('greyzone export navigator writes the layer and the matrix bundle as files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-nav-'));
  const r = greyzone('export', 'navigator', '--case', 'case-tarmo-kouts', '--out', join(dir, 'layer.json'), '--bundle', join(dir, 'matrix.json'), '--data-url', 'https://example.org/matrix.json');
  assert.equal(r.code, 0, r.err);
  const layer = JSON.parse(readFileSync(join(dir, 'layer.json'), 'utf8')) as { customDataURL: string; techniques: unknown[] };
  assert.equal(layer.customDataURL, 'https://example.org/matrix.json');
  assert.ok(layer.techniques.length > 0);
  assert.equal((JSON.parse(readFileSync(join(dir, 'matrix.json'), 'utf8')) as { type: string }).type, 'bundle');
});

test('export navigator refuses an unknown case with one line', () => {
  const r = greyzone('export', 'navigator', '--case', 'case-nowhere');
  assert.equal(r.code, 1);
  assert.equal(r.err, "greyzone: no case with id 'case-nowhere'\n");
});

test('the matrix bundle names greyzone, never mitre-attack, as the source of its ids', () => {
  const bundle = matrixBundle(atlas) as { objects: { type: string; external_references?: { source_name: string }[]; kill_chain_phases?: { kill_chain_name: string }[] }[] };
  for (const o of bundle.objects) {
    for (const r of o.external_references ?? []) assert.equal(r.source_name, 'greyzone');
    for (const k of o.kill_chain_phases ?? []) assert.equal(k.kill_chain_name, 'greyzone');
  }
  const matrix = bundle.objects.find((o) => o.type === 'x-mitre-matrix') as unknown as { tactic_refs: string[] };
  assert.equal(matrix.tactic_refs.length, recordsOf(atlas, 'tactic').length);
  assert.equal(bundle.objects.filter((o) => o.type === 'attack-pattern').length, techniques.length);
});

test('exports are deterministic: the same atlas gives the same bytes', () => {
  assert.equal(JSON.stringify(matrixBundle(atlas)), JSON.stringify(matrixBundle(loadAtlas(BUNDLED_ATLAS).atlas)));
});

test('every DISARM and ATT&CK id in a mapping resolves in the carried framework data', () => {
  const mappings = techniques.flatMap((t) => t.data.mappings.map((m) => ({ ...m, technique: t.id })));
  assert.ok(mappings.some((m) => m.framework === 'disarm') && mappings.some((m) => m.framework === 'attack'), 'both frameworks are mapped');
  const missing = mappings.filter((m) => !frameworkTechniques(atlas, m.framework).has(m.id)).map((m) => `${m.technique} → ${m.framework} ${m.id}`);
  assert.deepEqual(missing, []);
});

test('the carried framework data is the shipped data, unchanged', (t) => {
  const shared = join(BUNDLED_ATLAS, '../../shared/standards');
  if (!existsSync(shared)) return t.skip('../shared/standards is not beside this checkout');
  for (const [ours, theirs] of [
    ['disarm/DISARM-stix2.1-bundle.json', 'disarm/DISARM-stix2.1-bundle.json'],
    ['attack/china-state-groups-bundle.json', 'attack/china-state-groups-bundle.json'],
  ] as const) {
    assert.ok(readFileSync(join(STANDARDS_DIR, ours)).equals(readFileSync(join(shared, theirs))), ours);
  }
});

// The explorer's API, in-process on a store holding the bundled atlas.
let store: Store;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-matrix-')), 'g.sqlite'));
  await store.importAtlas(atlas, 'tests');
  app = createApp(await Views.load(store), { mode: 'embedded' });
});
after(() => store.close());

interface ApiCell {
  id: string;
  selected?: boolean;
  subtechniques: ApiCell[];
}
interface ApiMatrix {
  columns: { techniques: ApiCell[] }[];
  cases: { id: string }[];
  actors: { id: string; kind: string; name: string }[];
}
async function apiMatrix(query = ''): Promise<ApiMatrix> {
  const res = await app.request(`/api/matrix${query}`);
  assert.equal(res.status, 200);
  return (await res.json()) as ApiMatrix;
}
const cellsOf = (m: ApiMatrix) => m.columns.flatMap((c) => c.techniques.flatMap((t) => [t, ...t.subtechniques]));
/** The distinct techniques the API marks: a technique under two tactics is one technique. */
const selectedIds = (m: ApiMatrix) => [...new Set(cellsOf(m).filter((c) => c.selected === true).map((c) => c.id))].sort();
async function layerIds(query: string): Promise<string[]> {
  const res = await app.request(`/api/export/navigator${query}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { techniques: { techniqueID: string }[] }).techniques.map((t) => t.techniqueID).sort();
}

test('for every case, the matrix API marks the same techniques as the Navigator layer, and a cell of the same technique is marked alike under every tactic', async () => {
  const cases = recordsOf(atlas, 'case');
  assert.ok(cases.length >= 40, `${cases.length} cases`);
  for (const c of cases) {
    const m = await apiMatrix(`?case=${c.id}`);
    const ids = selectedIds(m);
    assert.deepEqual(ids, await layerIds(`?case=${c.id}`), c.id);
    assert.deepEqual(ids, navigatorLayer(atlas, { kind: 'case', id: c.id }).techniques!.map((t) => t.techniqueID).sort(), c.id);
    // Every technique the case records is marked, and every marked one is recorded or the parent of one.
    const recorded = new Set(c.data.techniques.map((u) => u.technique));
    assert.ok([...recorded].every((id) => ids.includes(id)), c.id);
    assert.ok(ids.every((id) => recorded.has(id) || [...recorded].some((r) => r.startsWith(`${id}.`))), c.id);
    for (const cell of cellsOf(m)) assert.equal(cell.selected, ids.includes(cell.id), `${c.id} ${cell.id}`);
  }
});

test('the Christine Lee case marks 3 techniques, though they stand in 9 cells', async () => {
  const m = await apiMatrix('?case=case-christine-lee');
  assert.equal(selectedIds(m).length, 3);
  assert.equal(cellsOf(m).filter((c) => c.selected).length, 9);
  assert.equal((await layerIds('?case=case-christine-lee')).length, 3);
});

test('for every actor, the matrix API marks the same techniques as the Navigator layer', async () => {
  const { actors } = await apiMatrix();
  assert.ok(actors.length > 10);
  for (const a of actors) {
    const ids = selectedIds(await apiMatrix(`?actor=${a.id}`));
    assert.ok(ids.length > 0, `${a.id} is offered, so it used a technique`);
    assert.deepEqual(ids, await layerIds(`?actor=${a.id}`), a.id);
  }
});

test('the actors offered are exactly the bodies that used a technique — no investigator, no victim', async () => {
  const { actors } = await apiMatrix();
  const users = new Set<string>();
  for (const c of recordsOf(atlas, 'case')) for (const u of c.data.techniques) if (u.by) users.add(u.by);
  for (const r of recordsOf(atlas, 'relation')) if (r.data.type === 'uses-technique') users.add(r.data.subject);
  assert.deepEqual(actors.map((a) => a.id), [...users].filter((id) => atlas.records.has(id)).sort());
  assert.deepEqual(matrixActors(buildMatrix(atlas)), actors.map((a) => a.id));
  for (const id of ['org-mss', 'org-mid', 'iset-apt41', 'person-xu-yanjun']) assert.ok(actors.some((a) => a.id === id), id);
  // The bodies that investigated, prosecuted, warned of or suffered a case used no technique in it.
  const BYSTANDERS = new Set(['counter-intelligence', 'prosecution', 'prosecutor', 'warning-agency', 'alert-issuer', 'announcing-agency', 'target', 'restitution-recipient']);
  const bystanders = recordsOf(atlas, 'case').flatMap((c) => c.data.actors.filter((x) => BYSTANDERS.has(x.role)).map((x) => x.entity));
  assert.ok(bystanders.includes('org-us-fbi') && bystanders.includes('org-us-ohio-state-university'));
  assert.deepEqual(actors.filter((x) => bystanders.includes(x.id)).map((x) => x.id), []);
});

test('the matrix counts techniques, not cells: the same number as greyzone matrix prints', () => {
  const r = greyzone('matrix', '--width', '200');
  assert.equal(r.code, 0, r.err);
  const cli = Number(/(\d+) techniques/.exec(r.out)?.[1]);
  assert.equal(cli, techniques.length);
  assert.equal(distinctTechniques(buildMatrix(atlas)).length, cli);
  const cells = buildMatrix(atlas).flatMap((c) => c.techniques.flatMap((t) => [t, ...t.subtechniques])).length;
  assert.ok(cells > cli, 'some techniques stand under more than one tactic');
});

/**
 * What a stock ATT&CK Navigator checks before it draws a layer on custom data: the layer's domain
 * and versions.attack name the domain the bundle was loaded under, every technique the layer names
 * is an attack-pattern of the bundle (by its first external reference, as Navigator reads it), and
 * every object of the matrix belongs to that domain (Navigator drops the others).
 */
function opensOn(layer: ReturnType<typeof navigatorLayer>, bundle: { objects: Record<string, unknown>[] }): string[] {
  const problems: string[] = [];
  if (layer.domain !== NAVIGATOR_DOMAIN || layer.versions?.attack !== NAVIGATOR_VERSION) problems.push(`layer is ${layer.domain} v${layer.versions?.attack}`);
  const matrixObjects = bundle.objects.filter((o) => ['attack-pattern', 'x-mitre-tactic', 'x-mitre-matrix'].includes(o.type as string));
  for (const o of matrixObjects) if (!(o.x_mitre_domains as string[] | undefined)?.includes(layer.domain)) problems.push(`${o.id} is not in ${layer.domain}`);
  const ids = new Set(bundle.objects.filter((o) => o.type === 'attack-pattern').map((o) => (o.external_references as { external_id: string }[])[0]!.external_id));
  const tactics = new Set(bundle.objects.filter((o) => o.type === 'x-mitre-tactic').map((o) => o.x_mitre_shortname as string));
  for (const t of layer.techniques ?? []) {
    if (!ids.has(t.techniqueID)) problems.push(`${t.techniqueID} is not in the bundle`);
    if (t.tactic && !tactics.has(t.tactic)) problems.push(`tactic ${t.tactic} is not in the bundle`);
  }
  return problems;
}

test('every layer opens on the matrix bundle in a stock Navigator: same domain and version, every technique in the bundle', () => {
  const bundle = matrixBundle(atlas) as { objects: Record<string, unknown>[] };
  assert.deepEqual(opensOn(navigatorLayer(atlas, { kind: 'all' }), bundle), []);
  for (const c of recordsOf(atlas, 'case')) assert.deepEqual(opensOn(navigatorLayer(atlas, { kind: 'case', id: c.id }), bundle), [], c.id);
  for (const a of matrixActors(buildMatrix(atlas))) assert.deepEqual(opensOn(navigatorLayer(atlas, { kind: 'actor', id: a }), bundle), [], a);
  // Navigator refuses custom data under one of ATT&CK's own domains.
  assert.ok(!['enterprise-attack', 'mobile-attack', 'ics-attack'].includes(NAVIGATOR_DOMAIN));
  assert.match(NAVIGATOR_VERSION, /^\d+$/);
});

test('greyzone serve hands Navigator the bundle and every layer at stable addresses, readable from another site, an embedded server only its TLP:CLEAR view', async () => {
  const cors = { origin: 'https://mitre-attack.github.io' };
  const bundle = await app.request('/api/navigator/matrix.json', { headers: cors });
  assert.equal(bundle.status, 200);
  assert.equal(bundle.headers.get('access-control-allow-origin'), '*');
  const layer = await app.request('http://127.0.0.1:8080/api/navigator/layers/case/case-xu-yanjun.json', { headers: cors });
  assert.equal(layer.status, 200);
  const body = (await layer.json()) as ReturnType<typeof navigatorLayer>;
  assert.equal(body.customDataURL, 'http://127.0.0.1:8080/api/navigator/matrix.json');
  assert.deepEqual(opensOn(body, (await bundle.json()) as { objects: Record<string, unknown>[] }), []);
  for (const path of ['/api/navigator/layers/all.json', '/api/navigator/layers/actor/org-mid.json']) assert.equal((await app.request(path)).status, 200, path);
  const preflight = await app.request('/api/navigator/layers/all.json', { method: 'OPTIONS', headers: { ...cors, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
  const missing = await app.request('/api/navigator/layers/case/case-nowhere.json');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: string }).error, "no case with id 'case-nowhere'");
  // Other API paths stay closed to other sites' pages.
  assert.equal((await app.request('/api/export/navigator', { headers: cors })).headers.get('access-control-allow-origin'), null);
});

test('an embedded server, whose one user sees everything, hands Navigator only what is TLP:CLEAR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-nav-marked-'));
  const marked = await Store.open(join(dir, 'g.sqlite'));
  try {
    await marked.importAtlas(markedAtlas(), 'tests');
    const embedded = createApp(await Views.load(marked), { mode: 'embedded' });
    const own = await (await embedded.request('/api/export/navigator?actor=org-zephyr-lantern')).text();
    assert.match(own, RED_MARKERS, 'the analyst’s own download holds what they may see');
    for (const path of ['/api/navigator/matrix.json', '/api/navigator/layers/all.json']) assert.doesNotMatch(await (await embedded.request(path)).text(), RED_MARKERS, path);
    assert.equal((await embedded.request('/api/navigator/layers/actor/org-zephyr-lantern.json')).status, 404);
  } finally {
    await marked.close();
  }
});
