/**
 * @module drawing/png
 * An SVG drawing rasterised to PNG with resvg (a maintained SVG renderer, shipped for each platform
 * as an npm package), using the machine's fonts. It renders in a child process: resvg is native
 * code, and a fault in it ends the process it runs in — which must not be the server.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const RESVG = createRequire(import.meta.url).resolve('@resvg/resvg-js');
const TIMEOUT_MS = 60_000;

/** Twice the drawing's size, sharp enough for a slide. */
const OPTIONS = { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' };
const CHILD = `const { Resvg } = require(${JSON.stringify(RESVG)});
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => process.stdout.write(new Resvg(Buffer.concat(chunks).toString('utf8'), ${JSON.stringify(OPTIONS)}).render().asPng()));`;

export class PngError extends Error {}

export function svgToPng(svg: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => reject(new PngError(`cannot start the PNG renderer: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out));
      const why = signal === 'SIGTERM' ? `took over ${TIMEOUT_MS / 1000} s` : Buffer.concat(err).toString('utf8').trim().split('\n').find((l) => /error|panic/i.test(l)) ?? `exit ${code ?? signal}`;
      reject(new PngError(`the PNG renderer failed: ${why}`));
    });
    child.stdin.end(svg);
  });
}
