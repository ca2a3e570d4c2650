/// <reference lib="dom" />
/**
 * Explorer benchmark: time to a first interactive system view on localhost, and frame times while
 * panning, for the bundled atlas and for a generated graph of 20,000 nodes, side by side in real
 * headless Chromium. Run with `npm run bench`.
 */
import type { Atlas, LoadedRecord } from '../src/atlas/load.ts';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { SYSTEM_GROUPS } from '../src/model/display.ts';
import { launchChromium, startExplorer } from '../test/helpers/explorer.ts';

const NODES = Number(process.env.BENCH_GRAPH_NODES ?? 20_000);
const PAN_MS = 3000;

/** A synthetic atlas: organisations spread over the system's groups, each tied to two others. */
function syntheticAtlas(nodes: number): Atlas {
  const base = loadAtlas(BUNDLED_ATLAS).atlas;
  const records = new Map<string, LoadedRecord>();
  const subtypes = ['party-body', 'state-security-service', 'government', 'university', 'company', 'embassy', 'ngo'];
  const rec = (kind: LoadedRecord['kind'], data: { id: string }): LoadedRecord => ({ kind, id: data.id, file: 'synthetic', data: data as never, lineOf: () => 1 });
  for (let i = 0; i < nodes; i++) {
    const id = `org-syn-${i}`;
    records.set(id, rec('organisation', { id, subtype: subtypes[i % subtypes.length], country: 'country-cn', collective: false, tlp: 'clear', names: [{ text: `Synthetic body ${i}`, type: 'primary', lang: 'en' }], claims: [] } as never));
  }
  for (let i = 1; i < nodes; i++) {
    for (const [k, other] of [[0, Math.floor(i / 2)], [1, (i * 7919) % i]] as const) {
      const id = `rel-syn-${i}-${k}`;
      records.set(id, rec('relation', { id, type: 'part-of', subject: `org-syn-${i}`, object: `org-syn-${other}`, tlp: 'clear', claims: [] } as never));
    }
  }
  return { ...base, records, texts: new Map(), claims: [] };
}

async function measure(label: string, atlas: Atlas): Promise<string> {
  const explorer = await startExplorer(atlas);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${explorer.url}/`);
    await page.waitForSelector('#graph[data-ready="true"]', { timeout: 120_000 });
    const firstView = Date.now() - t0;
    const frames = await page.evaluate(async (ms) => {
      const sigma = (window as unknown as { greyzoneSigma: { getCamera(): { animate(s: object, o: object): Promise<void>; getState(): { x: number; y: number } } } }).greyzoneSigma;
      const times: number[] = [];
      let last = performance.now();
      let running = true;
      const tick = (now: number) => {
        times.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const camera = sigma.getCamera();
      const end = performance.now() + ms;
      for (let i = 0; performance.now() < end; i++) {
        await camera.animate({ x: 0.5 + 0.3 * Math.cos(i), y: 0.5 + 0.3 * Math.sin(i) }, { duration: 250 });
      }
      running = false;
      return times.slice(1);
    }, PAN_MS);
    const sorted = [...frames].sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    const nodes = await page.evaluate(() => (window as unknown as { greyzoneSigma: { getGraph(): { order: number; size: number } } }).greyzoneSigma.getGraph().order);
    return `| ${label} | ${nodes} | ${firstView} | ${mean.toFixed(1)} | ${p95.toFixed(1)} | ${(1000 / mean).toFixed(0)} |`;
  } finally {
    await browser.close();
    await explorer.stop();
  }
}

const rows = [await measure('bundled atlas', loadAtlas(BUNDLED_ATLAS).atlas), await measure(`generated graph`, syntheticAtlas(NODES))];
console.log(`\nExplorer, headless Chromium (software rendering, ${SYSTEM_GROUPS.length} groups), panning for ${PAN_MS / 1000} s:`);
console.log('| graph | nodes drawn | first interactive view, ms | mean frame, ms | p95 frame, ms | frames/s |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
