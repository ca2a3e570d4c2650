/**
 * The approach matrix on the bundled atlas: what `greyzone matrix` prints, and the Navigator
 * layer and bundle that `greyzone export navigator` writes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import { buildMatrix } from '../src/atlas/matrix.ts';
import { frameworkTechniques } from '../src/atlas/frameworks.ts';
import { STANDARDS_DIR } from '../src/util/standards.ts';
import { navigatorLayerSchema } from '../src/interop/navigator-layer.ts';
import { matrixBundle, navigatorLayer } from '../src/interop/navigator.ts';

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

test('the layer for the Xu Yanjun case scores exactly the techniques the atlas records for it', () => {
  const xu = recordsOf(atlas, 'case').find((c) => c.id === 'case-xu-yanjun')!;
  const layer = navigatorLayer(atlas, { kind: 'case', id: 'case-xu-yanjun' });
  assert.deepEqual(layer.techniques?.map((t) => t.techniqueID).sort(), [...new Set(xu.data.techniques.map((u) => u.technique))].sort());
  assert.ok(layer.techniques?.every((t) => t.score === 1));
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
