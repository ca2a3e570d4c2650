/**
 * @module documents/worker
 * The worker thread that parses one document (started by sandbox.ts, which has already loaded the
 * parser's packages into this thread): it loads the extractor for its kind, says it is ready, parses
 * the one job it is sent and replies with the result or a one-line refusal. The main thread ends the
 * worker afterwards, or earlier when it runs past its time or memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Job, Reply } from './sandbox.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread (see sandbox.ts)');
const reply = (message: Reply<unknown>) => port.postMessage(message);

const { kind } = workerData as { kind: Job['kind'] };
const extractor: { extract(job: Job): Promise<unknown>; failure(error: unknown): string } =
  kind === 'pdf' ? await import('./pdf-extract.ts') : await import('./html-extract.ts');

port.once('message', (job: Job) => {
  extractor.extract(job).then(
    (result) => reply({ type: 'done', result }),
    (error: unknown) => reply({ type: 'failed', message: extractor.failure(error) }),
  );
});
reply({ type: 'ready' });
