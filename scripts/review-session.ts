/**
 * The atlas review session (docs/atlas-review/README.md).
 *   npx tsx scripts/review-session.ts check [READING…]   check readings (all when none given)
 *   npx tsx scripts/review-session.ts apply              ingest, review and add what each reading holds
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { checkReading, definedBy, loggedIds } from './review-session/check.ts';
import { READINGS, readReading, type Reading } from './review-session/reading.ts';

/** Every reading that parses, in file-name order; one that does not is named and left out. */
export function allReadings(): Reading[] {
  const out: Reading[] = [];
  for (const f of readdirSync(READINGS).filter((x) => x.endsWith('.yaml')).sort()) {
    try {
      out.push(readReading(join(READINGS, f)));
    } catch (e) {
      console.error((e as Error).message);
    }
  }
  return out;
}

async function main(): Promise<number> {
  const [command, ...files] = process.argv.slice(2);
  if (command === 'check') {
    const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
    const ids = loggedIds(atlas);
    const names = readdirSync(READINGS).filter((f) => f.endsWith('.yaml')).sort();
    const wanted = new Set(files.map((f) => basename(resolve(f))));
    const earlier: Reading[] = [];
    let problems = 0;
    for (const name of names) {
      let r: Reading;
      try {
        r = readReading(join(READINGS, name));
      } catch (e) {
        if (!wanted.size || wanted.has(name)) {
          console.log((e as Error).message);
          problems++;
        }
        continue;
      }
      if (!wanted.size || wanted.has(name)) {
        const found = checkReading(r, atlas, definedBy(earlier), ids);
        for (const p of found) console.log(p);
        problems += found.length;
        if (!found.length) console.log(`${name}: ok`);
      }
      earlier.push(r);
    }
    return problems ? 1 : 0;
  }
  if (command === 'apply') {
    const { applyAll } = await import('./review-session/apply.ts');
    return applyAll(allReadings());
  }
  console.error('usage: review-session.ts check [READING…] | apply');
  return 2;
}

process.exitCode = await main();
