/**
 * @module documents/sandbox
 * PDFs and HTML pages are parsed in a worker thread (worker.ts), because their parsers trust the file:
 * pdf.js inflates a decompression bomb into one buffer of hundreds of megabytes, linkedom's parser
 * takes time quadratic in the nesting depth and some 80 MB of memory per MB of HTML. Each document gets
 * a fresh worker with a heap limit and a wall-clock limit; and, since inflated PDF streams live in
 * ArrayBuffers that no heap limit counts, the main thread watches how far the process grows while the
 * worker parses and stops it past a budget. Documents are parsed one at a time, so that growth is the
 * worker's alone; the worker is ended after every document, so nothing a document did outlives it.
 */
import { Worker } from 'node:worker_threads';
import { DocumentError } from './error.ts';

export interface PdfJob {
  kind: 'pdf';
  bytes: Uint8Array;
  maxPages: number;
  maxTextChars: number;
}
export interface HtmlJob {
  kind: 'html';
  html: string;
}
export type Job = PdfJob | HtmlJob;
export type Reply<R> = { type: 'ready' } | { type: 'done'; result: R } | { type: 'failed'; message: string };

export interface SandboxLimits {
  timeoutMs: number;
  /** V8 old-generation limit of the worker. */
  heapMb: number;
  /** Growth of the process's resident memory, from when the worker is ready, that stops the worker. */
  growthMb: number;
  /** What the messages call the document: 'PDF', 'HTML'. */
  what: string;
}

/**
 * Packages the worker loads before anything else. Loaded through tsx's loader, pdf.js's 3 MB of
 * JavaScript take ten times as long (a second instead of a tenth); loaded first, they are already in
 * the module map when the worker's TypeScript imports them.
 */
const PRELOAD: Record<Job['kind'], string[]> = {
  pdf: ['pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs'],
  html: ['linkedom', '@mozilla/readability'],
};

/**
 * The worker's first lines. It runs TypeScript, but loaders registered in this thread do not carry
 * over to workers, and `--import tsx` in a worker's execArgv comes too late for its entry module on
 * Node 20; so it starts from JavaScript that preloads, registers tsx, then imports the real entry.
 * Every module is resolved here, so this works whatever the current directory.
 */
function boot(kind: Job['kind']): string {
  const url = (specifier: string) => JSON.stringify(import.meta.resolve(specifier));
  return `Promise.all([${PRELOAD[kind].map(url).join(', ')}].map((url) => import(url)))
    .then(() => import(${url('tsx/esm/api')}))
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); });`;
}

function runWorker<R>(job: Job, transfer: ArrayBuffer[], limits: SandboxLimits): Promise<R> {
  const { what } = limits;
  const tooMuchMemory = (mb: number) => new DocumentError(`${what} needs too much memory: parsing it took over ${mb} MiB${what === 'PDF' ? ' (a decompression bomb?)' : ''}`);
  return new Promise((resolve, reject) => {
    const worker = new Worker(boot(job.kind), { eval: true, execArgv: [], workerData: { kind: job.kind }, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb } });
    let ready = false;
    let settled = false;
    let watch: NodeJS.Timeout | undefined;
    const finish = (outcome: { result: R } | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      // Settle only once the worker is gone, so its memory is free before the next document.
      void worker.terminate().finally(() => (outcome instanceof Error ? reject(outcome) : resolve(outcome.result)));
    };
    const timer = setTimeout(() => finish(new DocumentError(`${what} took too long: stopped after ${limits.timeoutMs / 1000} s, the most greyzone gives one document`)), limits.timeoutMs);

    worker.on('message', (message: Reply<R>) => {
      if (message.type === 'done') return finish({ result: message.result });
      if (message.type === 'failed') return finish(new DocumentError(message.message));
      ready = true;
      // Measured from here, the growth is the parse's own, not the cost of starting the worker.
      const base = process.memoryUsage.rss();
      watch = setInterval(() => {
        if (process.memoryUsage.rss() - base > limits.growthMb * 1024 * 1024) finish(tooMuchMemory(limits.growthMb));
      }, 20);
      worker.postMessage(job, transfer);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(tooMuchMemory(limits.heapMb));
      else if (ready) finish(new DocumentError(`unreadable ${what}: ${error.message.split('\n')[0]}`));
      // Before the worker is ready the fault is greyzone's, not the document's.
      else finish(new Error(`cannot start the document worker: ${error.message}`));
    });
    worker.on('exit', () => finish(ready ? new DocumentError(`unreadable ${what}: the worker reading it stopped`) : new Error('cannot start the document worker: it exited')));
  });
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `job` in a fresh worker once every earlier job is done; `transfer` moves buffers instead of copying them. */
export function runInWorker<R>(job: Job, transfer: ArrayBuffer[], limits: SandboxLimits): Promise<R> {
  const run = queue.then(() => runWorker<R>(job, transfer, limits));
  queue = run.catch(() => undefined);
  return run;
}
