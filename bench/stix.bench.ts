/**
 * STIX exchange benchmark: a store holding the bundled atlas and 1,000,000 other STIX objects (a
 * generated partner bundle of identities, threat actors, attack patterns and relationships), imported and
 * exported by greyzone (streamed, checked, one transaction) and, side by side, by the naive way
 * (the whole file parsed into memory, checked, inserted; the whole bundle built and stringified).
 * Each step runs in its own process, so its peak memory is its own. Run with `npm run bench`;
 * BENCH_STIX_OBJECTS sets the size.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OBJECTS = Number(process.env.BENCH_STIX_OBJECTS ?? 1_000_000);
const step = process.argv[2];

interface Result {
  objects: number;
  ms: number;
  peakMb: number;
}

function done(objects: number, started: number): void {
  const r: Result = { objects, ms: performance.now() - started, peakMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
}

const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const PRODUCER = 'identity--0b7e4c1d-8f2a-4c3b-9d5e-6f7a8b9c0d1e';

/** A deterministic partner bundle: every fourth object a relationship between two earlier ones. */
async function generate(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const uuid = (i: number) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, '0').slice(-12)}`;
  const common = (type: string, i: number) => ({ type, spec_version: '2.1', id: `${type}--${uuid(i)}`, created: '2025-03-01T10:00:00.000Z', modified: '2025-03-02T10:00:00.000Z', created_by_ref: PRODUCER, object_marking_refs: [GREEN] });
  const write = async (s: string) => (out.write(s) ? undefined : once(out, 'drain'));
  await write(`{"type":"bundle","id":"bundle--${uuid(0)}","objects":[\n`);
  await write(JSON.stringify({ type: 'identity', spec_version: '2.1', id: PRODUCER, created: '2025-03-01T10:00:00.000Z', modified: '2025-03-01T10:00:00.000Z', name: 'A partner', identity_class: 'organization' }));
  for (let i = 1; i < n; i++) {
    const kind = i % 4;
    const o =
      kind === 0
        ? { ...common('relationship', i), relationship_type: 'uses', source_ref: `threat-actor--${uuid(i - 3)}`, target_ref: `attack-pattern--${uuid(i - 2)}` }
        : kind === 1
          ? { ...common('threat-actor', i), name: `Actor ${i}`, threat_actor_types: ['nation-state'], aliases: [`A-${i}`] }
          : kind === 2
            ? { ...common('attack-pattern', i), name: `Pattern ${i}`, description: `A generated technique, number ${i}, used in this benchmark only.` }
            : { ...common('identity', i), name: `Organisation ${i}`, identity_class: 'organization', sectors: ['government'] };
    await write(`,\n${JSON.stringify(o)}`);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
}

async function run(): Promise<void> {
  const [file, db, out] = process.argv.slice(3) as [string, string, string];
  const started = performance.now();
  if (step === 'import') {
    const { Store } = await import('../src/store/store.ts');
    const { loadAtlas, BUNDLED_ATLAS } = await import('../src/atlas/load.ts');
    const { importStix } = await import('../src/interop/stix/import.ts');
    const store = await Store.open(db);
    await store.importAtlas(loadAtlas(BUNDLED_ATLAS).atlas, 'bench');
    const t = performance.now();
    const report = await importStix(store, file, { actor: 'bench', collection: 'partner', tlp: 'clear' });
    await store.close();
    return done(report.kept.added + report.created.length, t);
  }
  if (step === 'import-naive') {
    const { readFileSync } = await import('node:fs');
    const Database = (await import('better-sqlite3')).default;
    const { validateStixObject } = await import('../src/interop/stix/validate.ts');
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as { objects: Record<string, unknown>[] };
    let problems = 0;
    for (const o of bundle.objects) problems += validateStixObject(o).length;
    if (problems) throw new Error(`${problems} problems`);
    const sqlite = new Database(db);
    sqlite.exec('CREATE TABLE kept_objects (id TEXT PRIMARY KEY, type TEXT, body TEXT)');
    const insert = sqlite.prepare('INSERT INTO kept_objects (id, type, body) VALUES (?, ?, ?)');
    sqlite.transaction(() => {
      for (const o of bundle.objects) insert.run(o.id, o.type, JSON.stringify(o));
    })();
    sqlite.close();
    return done(bundle.objects.length, started);
  }
  const { Store } = await import('../src/store/store.ts');
  const { atlasFromStore } = await import('../src/store/as-atlas.ts');
  const { stixObjects, stixBundle } = await import('../src/interop/stix/export.ts');
  const store = await Store.open(db);
  const atlas = await atlasFromStore(store);
  await store.close();
  if (step === 'export') {
    const { writeBundleFile } = await import('../src/interop/stix/write-bundle.ts');
    return done(await writeBundleFile(stixObjects(atlas), out), started);
  }
  const { writeFileSync } = await import('node:fs');
  const bundle = stixBundle(atlas);
  writeFileSync(out, JSON.stringify(bundle));
  return done(bundle.objects.length, started);
}

if (step) await run();
else {
  const dir = mkdtempSync(join(tmpdir(), 'greyzone-stix-bench-'));
  const file = join(dir, 'partner.json');
  await generate(file, OBJECTS);
  // greyzone's import runs with a 1 GB heap, far less than the file parsed whole needs: it can only
  // finish if it streams. The other steps may use what they like.
  const child = (name: string, db: string, out = join(dir, `${name}.json`)): Result => {
    const heap = name === 'import' ? 1024 : 16384;
    const r = spawnSync(process.execPath, ['--import', 'tsx', `--max-old-space-size=${heap}`, new URL(import.meta.url).pathname, name, file, db, out], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`${name} failed: ${r.stderr.slice(-2000)}`);
    return JSON.parse(line.slice(7)) as Result;
  };
  const store = join(dir, 'store.sqlite');
  const rows = [
    { step: 'import', system: 'greyzone (streamed, checked, one transaction; 1 GB heap)', ...child('import', store) },
    { step: 'import', system: 'naive (JSON.parse whole file, check, insert)', ...child('import-naive', join(dir, 'naive.sqlite')) },
    { step: 'export', system: 'greyzone (streamed writer)', ...child('export', store) },
    { step: 'export', system: 'naive (whole bundle in memory, JSON.stringify)', ...child('export-naive', store) },
  ];
  console.log(`\nSTIX exchange: a partner bundle of ${OBJECTS.toLocaleString('en')} objects (${(statSync(file).size / 1e6).toFixed(0)} MB) into a store holding the bundled atlas, and the whole store out again`);
  console.table(
    rows.map((r) => ({ step: r.step, system: r.system, objects: r.objects, seconds: (r.ms / 1000).toFixed(1), 'objects/s': Math.round(r.objects / (r.ms / 1000)), 'peak RSS MB': Math.round(r.peakMb) })),
  );
  rmSync(dir, { recursive: true, force: true });
}
