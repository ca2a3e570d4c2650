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
  const browser = await launchChromium((process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${explorer.url}/`);
    await page.waitForSelector('#graph[data-ready="true"]', { timeout: 120_000 });
    const firstView = Date.now() - t0;
    // Sent as source text: the TypeScript loader would otherwise wrap named functions in a helper the page lacks.
    const frames = (await page.evaluate(`(async () => {
      const sigma = window.greyzoneSigma;
      const times = [];
      let last = performance.now();
      let running = true;
      function tick(now) { times.push(now - last); last = now; if (running) requestAnimationFrame(tick); }
      requestAnimationFrame(tick);
      // One continuous pan across the graph, zoomed in, as a user drags it.
      const camera = sigma.getCamera();
      await camera.animate({ x: 0.2, y: 0.5, ratio: 0.5 }, { duration: 200 });
      times.length = 0;
      await camera.animate({ x: 0.8, y: 0.4, ratio: 0.5 }, { duration: ${PAN_MS}, easing: 'linear' });
      running = false;
      return times.slice(1);
    })()`)) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    const nodes = (await page.evaluate('window.greyzoneSigma.getGraph().order')) as number;
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
