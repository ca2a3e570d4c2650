/// <reference lib="dom" />
/**
 * Explorer benchmark, side by side in one run in real headless Chromium (software rendering): the
 * bundled atlas, drawn as labelled boxes, and a generated graph of 20,000 nodes, which opens on an
 * overview of its groups and is then drawn whole with WebGL. For each: the time to the first
 * interactive view (the page's own mark, counted from the navigation's start), and frame times
 * while the view pans continuously for three seconds. Run with `npm run bench`.
 */
import type { Page } from 'playwright-core';
import type { Atlas } from '../src/atlas/load.ts';
import { BUNDLED_ATLAS, loadAtlas } from '../src/atlas/load.ts';
import { launchChromium, startExplorer } from '../test/helpers/explorer.ts';
import { syntheticAtlas } from '../test/helpers/synthetic-atlas.ts';

const NODES = Number(process.env.BENCH_GRAPH_NODES ?? 20_000);
const PAN_MS = 3000;

// Sent as source text: the TypeScript loader would otherwise wrap named functions in a helper the page lacks.
const FRAME_TIMES = `(pan) => new Promise((resolve) => {
  const times = [];
  let last = performance.now();
  const start = last;
  function tick(now) {
    times.push(now - last);
    last = now;
    pan(Math.min(1, (now - start) / ${PAN_MS}));
    if (now - start < ${PAN_MS}) requestAnimationFrame(tick);
    else resolve(times.slice(1));
  }
  requestAnimationFrame(tick);
})`;

/** Pans the boxes as a drag does: the zoom layer's transform, moved a little every frame. */
const PAN_SVG = `(${FRAME_TIMES})((t) => document.querySelector('#graph g.layer').setAttribute('transform', 'translate(' + (8 - 300 * t) + ',' + (8 - 2500 * t) + ')'))`;
/** Pans the WebGL drawing as sigma does for a drag: one continuous camera animation, zoomed in (edges and labels hide while it moves). */
const PAN_WEBGL = `(async () => {
  const camera = window.greyzoneSigma.getCamera();
  await camera.animate({ x: 0.2, y: 0.5, ratio: 0.5 }, { duration: 200 });
  const frames = (${FRAME_TIMES})(() => undefined);
  await camera.animate({ x: 0.8, y: 0.4, ratio: 0.5 }, { duration: ${PAN_MS}, easing: 'linear' });
  return frames;
})()`;

const readyAt = (page: Page) => page.evaluate(`Math.round(performance.getEntriesByName('greyzone:system-ready').at(-1).startTime)`) as Promise<number>;

function frameRow(label: string, nodes: number, drawnAs: string, firstView: number, frames: number[]): string {
  const sorted = [...frames].sort((a, b) => a - b);
  const mean = frames.reduce((a, b) => a + b, 0) / frames.length;
  const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
  return `| ${label} | ${nodes.toLocaleString('en')} | ${drawnAs} | ${firstView} | ${mean.toFixed(1)} | ${p95.toFixed(1)} | ${(1000 / mean).toFixed(0)} |`;
}

async function measure(label: string, atlas: Atlas): Promise<string[]> {
  const explorer = await startExplorer(atlas);
  const browser = await launchChromium((process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${explorer.url}/`);
    await page.waitForSelector('#graph[data-ready="true"]', { timeout: 120_000 });
    const firstView = await readyAt(page);
    const boxes = await page.locator('#graph .node').count();
    const overview = await page.locator('#draw-webgl').count();
    const rows = [frameRow(label, boxes, overview ? 'overview of groups' : 'labelled boxes', firstView, (await page.evaluate(PAN_SVG)) as number[])];
    if (overview) {
      const t0 = Date.now();
      await page.click('#draw-webgl');
      await page.waitForSelector('#graph[data-drawn="webgl"]', { timeout: 120_000 });
      const webglView = Date.now() - t0;
      const nodes = (await page.evaluate('window.greyzoneSigma.getGraph().order')) as number;
      rows.push(frameRow(`${label}, whole`, nodes, 'WebGL points (after the overview)', webglView, (await page.evaluate(PAN_WEBGL)) as number[]));
    }
    return rows;
  } finally {
    await browser.close();
    await explorer.stop();
  }
}

const rows = [...(await measure('bundled atlas', loadAtlas(BUNDLED_ATLAS).atlas)), ...(await measure('generated graph', syntheticAtlas(NODES)))];
console.log(`\nExplorer, headless Chromium (software rendering), 1400×900, panning for ${PAN_MS / 1000} s:`);
console.log('| graph | nodes drawn | drawn as | first interactive view, ms | mean frame, ms | p95 frame, ms | frames/s |');
console.log('| --- | ---: | --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
