/**
 * The system view as drawn: the whole in bands in the source's order, every node a box with its
 * label inside, no two boxes meeting — for the bundled atlas and a generated one; parts (around
 * entities, a chain between two) by a layered layout with every relation labelled; the formal and
 * the real chain told apart; an overview for graphs too large to draw as boxes; and the picture as
 * SVG and PNG from the API and the CLI, with what is wrong with an ask said in one line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { systemGraph } from '../src/atlas/graph.ts';
import { BUNDLED_ATLAS, loadAtlas, type Atlas } from '../src/atlas/load.ts';
import { drawGraph } from '../src/drawing/draw.ts';
import { FONT_SIZE, MAX_DRAWN_NODES, NODE_PADDING, type Box, type SourcedDrawing } from '../src/drawing/drawing.ts';
import { textWidth } from '../src/drawing/text.ts';
import { SYSTEM_GROUPS } from '../src/model/display.ts';
import { createApp } from '../src/server/app.ts';
import { Views } from '../src/server/views.ts';
import { Store } from '../src/store/store.ts';
import { syntheticAtlas } from './helpers/synthetic-atlas.ts';

const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function overlappingBoxes(d: SourcedDrawing): string[] {
  const found: string[] = [];
  const sorted = [...d.nodes].sort((a, b) => a.y - b.y);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.y < sorted[i]!.y + sorted[i]!.height; j++) if (meet(sorted[i]!, sorted[j]!)) found.push(`${sorted[i]!.id} / ${sorted[j]!.id}`);
  }
  return found;
}

function checkWhole(atlas: Atlas, d: SourcedDrawing): void {
  const graph = systemGraph(atlas);
  assert.equal(d.nodes.length, graph.nodes.length, 'every node of the system view is drawn');
  assert.equal(d.edges.length, graph.edges.length, 'every relation is drawn');
  assert.deepEqual(overlappingBoxes(d), [], 'no two boxes meet');
  for (const n of d.nodes) {
    assert.ok(n.lines.length > 0, `${n.id} has a label`);
    for (const line of n.lines) assert.ok(textWidth(line.trimEnd(), FONT_SIZE) <= n.width - 2 * NODE_PADDING.x, `${n.id}: “${line}” fits its box`);
    const letters = (s: string) => s.replace(/\s+/g, '');
    assert.ok(letters(n.lines.join('')) === letters(n.name) || n.lines.at(-1)!.endsWith('…'), `${n.id}: the label is the name, or says it is cut`);
    const band = d.bands.find((b) => b.group === n.group)!;
    assert.ok(n.y >= band.y && n.y + n.height <= band.y + band.height, `${n.id} lies inside its band`);
  }
  // The bands stand in the source's order, top to bottom, and do not overlap.
  const order = SYSTEM_GROUPS.map((g) => g.id as string);
  for (let i = 1; i < d.bands.length; i++) {
    assert.ok(order.indexOf(d.bands[i - 1]!.group) < order.indexOf(d.bands[i]!.group));
    assert.ok(d.bands[i - 1]!.y + d.bands[i - 1]!.height < d.bands[i]!.y);
  }
}

test('the bundled atlas is drawn whole, in bands from the Party leadership down, each label in its own box', async () => {
  const d = await drawGraph(bundled, { kind: 'all' });
  checkWhole(bundled, d);
  assert.deepEqual(d.bands.slice(0, 3).map((b) => b.group), ['party', 'services', 'state']);
  assert.equal(d.edgeLabels, 'on-focus');
  assert.ok(d.sources.some((s) => s.id === 'src-lt-nta-2024-china'), 'the NTA is among the sources');
});

test('a generated atlas of 300 bodies with names of every length and script is drawn the same way', async () => {
  const atlas = syntheticAtlas(300);
  checkWhole(atlas, await drawGraph(atlas, { kind: 'all' }));
});

test('a neighbourhood is laid out by layers, every relation labelled, no label over a box or another label', async () => {
  const d = await drawGraph(bundled, { kind: 'around', ids: ['org-mss'] });
  assert.equal(d.edgeLabels, 'always');
  assert.ok(d.nodes.some((n) => n.id === 'org-ccp-highest-authorities') && d.nodes.some((n) => n.id === 'person-xu-yanjun'));
  assert.deepEqual(overlappingBoxes(d), []);
  const labels = d.edges.map((e) => ({ ...e.labelBox, id: e.id }));
  for (const l of labels) for (const n of d.nodes) assert.ok(!meet(l, n), `the label of ${l.id} is clear of ${n.id}`);
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) assert.ok(!meet(labels[i]!, labels[j]!), `${labels[i]!.id} / ${labels[j]!.id}`);
  // The groups keep the source's order here too.
  const top = (g: string) => Math.min(...d.nodes.filter((n) => n.group === g).map((n) => n.y));
  assert.ok(top('party') < top('services') && top('services') < top('people'));
});

test('where the source says the MSS is formally under the government and in reality tasked by the Party, both chains are drawn, told apart', async () => {
  const d = await drawGraph(bundled, { kind: 'around', ids: ['org-mss'] });
  const formal = d.edges.find((e) => e.id === 'rel-mss-under-jurisdiction-of-cn-government')!;
  const real = d.edges.find((e) => e.id === 'rel-ccp-highest-authorities-tasks-mss')!;
  assert.equal(formal.chain, 'formal');
  assert.equal(real.chain, 'real');
  assert.match(formal.labelLines.join(''), /^formally: is under the jurisdiction of$/);
  assert.match(real.labelLines.join(''), /^in reality: tasks$/);
});

test('a chain between two is drawn step by step', async () => {
  const d = await drawGraph(bundled, { kind: 'path', from: 'person-xu-yanjun', to: 'org-ufwd' });
  assert.deepEqual(d.edges.map((e) => e.type), ['works-for', 'part-of', 'assists']);
  assert.equal(d.nodes.length, 4);
});

test('a graph too large to draw as boxes is drawn as its groups, counted', async () => {
  const atlas = syntheticAtlas(MAX_DRAWN_NODES + 100);
  const d = await drawGraph(atlas, { kind: 'all' });
  assert.deepEqual(d.overview, { nodes: MAX_DRAWN_NODES + 100, edges: systemGraph(atlas).edges.length });
  assert.ok(d.nodes.every((n) => n.id.startsWith('group:')));
  const counted = d.nodes.map((n) => Number(/: ([\d,]+)$/.exec(n.name)![1]!.replace(/,/g, '')));
  assert.equal(counted.reduce((a, b) => a + b, 0), MAX_DRAWN_NODES + 100);
});

describe('the drawing and its export over HTTP', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-draw-')), 'g.sqlite'));
    await store.importAtlas(bundled, 'tests');
    app = createApp(await Views.load(store), { mode: 'embedded' });
  });
  after(() => store.close());

  test('GET /api/graph/drawing: the whole, a part, and one line for what is wrong', async () => {
    const whole = (await (await app.request('/api/graph/drawing')).json()) as SourcedDrawing;
    assert.equal(whole.nodes.length, systemGraph(bundled).nodes.length);
    const errors: [string, number, RegExp][] = [
      ['/api/graph/drawing?around=', 400, /^around: give at least one entity id$/],
      ['/api/graph/drawing?around=org-mss&group=party', 400, /^give around, from and to, or group — one of them$/],
      ['/api/graph/drawing?from=org-mss', 400, /^give both from and to$/],
      ['/api/graph/drawing?around=org-nowhere', 404, /^no entity 'org-nowhere' in the system view$/],
      ['/api/graph/drawing?around=GZT0001', 404, /^no entity 'GZT0001' in the system view$/],
      ['/api/graph/drawing?group=dragons', 404, /^no group 'dragons'$/],
      [`/api/graph/drawing?around=${Array.from({ length: 51 }, (_, i) => `org-${i}`).join(',')}`, 400, /^around: at most 50 entities$/],
      ['/api/export/graph?format=gif', 400, /^format: /],
    ];
    for (const [path, status, message] of errors) {
      const r = await app.request(path);
      assert.equal(r.status, status, path);
      assert.match(((await r.json()) as { error: string }).error, message, path);
    }
  });

  test('GET /api/export/graph gives the picture with its legend and its sources, as SVG and as PNG', async () => {
    const svg = await app.request('/api/export/graph?around=org-mss');
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    assert.match(svg.headers.get('content-disposition')!, /attachment; filename="greyzone-graph.svg"/);
    const text = await svg.text();
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(text, /<title>Around Ministry of State Security — greyzone<\/title>/);
    assert.match(text, />in reality: who tasks and directs</);
    assert.match(text, />Sources \(\d+\)</);
    assert.match(text, /National Threat Assessment 2024/);
    const png = await app.request('/api/export/graph?around=org-mss&format=png');
    assert.equal(png.headers.get('content-type'), 'image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the drawing's size: read from the PNG's header.
    const width = bytes.readUInt32BE(16);
    assert.ok(Math.abs(width - 2 * Number(/<svg [^>]*width="([\d.]+)"/.exec(text)![1])) <= 1, `${width}`);
  });
});

describe('greyzone export graph', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'greyzone-graph-cli-'));
  const greyzone = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['bin/greyzone.js', ...args], { encoding: 'utf8', env: { ...process.env, GREYZONE_DB: join(tmp, 'g.sqlite') } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test('writes the system as SVG, and a chain as PNG', () => {
    const svg = join(tmp, 'system.svg');
    assert.equal(greyzone('export', 'graph', '--out', svg).code, 0);
    const text = readFileSync(svg, 'utf8');
    for (const id of ['org-mss', 'org-ufwd', 'org-idcpc']) assert.ok(text.includes(`data-id="${id}"`), id);
    for (const words of ['Ministry of State', 'Party leadership', 'Sources (']) assert.ok(text.includes(`>${words}`), words);
    const png = join(tmp, 'chain.png');
    const r = greyzone('export', 'graph', '--format', 'png', '--from', 'person-xu-yanjun', '--to', 'org-ufwd', '--out', png);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, `wrote the PNG picture to ${png}\n`);
    assert.equal(readFileSync(png).subarray(1, 4).toString('latin1'), 'PNG');
  });

  test('bad asks get one line, a non-zero exit and no file', () => {
    const out = join(tmp, 'never.svg');
    for (const [args, message] of [
      [['--format', 'gif'], "greyzone: --format is svg or png, not 'gif'\n"],
      [['--around', 'org-nowhere'], "greyzone: no entity 'org-nowhere' in the system view\n"],
      [['--from', 'org-mss'], 'greyzone: give both --from and --to\n'],
      [['--around', 'org-mss', '--group', 'party'], 'greyzone: give --around, --from and --to, or --group — one of them\n'],
    ] as const) {
      const r = greyzone('export', 'graph', ...args, '--out', out);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.err, message);
      assert.ok(!existsSync(out));
    }
  });
});
