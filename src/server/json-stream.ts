/**
 * @module server/json-stream
 * A long list sent as it is made: `{"<key>":[…]}` written a batch at a time, as fast as the client
 * reads it, so the server holds one batch, never the whole answer. The shape is the one a client
 * would get from c.json, so any JSON reader takes it.
 */

/** Items made between two chances for other requests to run. */
const BATCH = 256;
/** A client that takes nothing for this long is gone or stalling; the work and what it holds are let go. */
export const IDLE_MS = 60_000;

export function jsonArrayStream(key: string, items: AsyncGenerator<unknown>, idleMs = IDLE_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let idle: NodeJS.Timeout | undefined;
  const waitForReader = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    idle = setTimeout(() => {
      controller.error(new Error(`the client took nothing for ${idleMs / 1000} s`));
      void items.return(undefined);
    }, idleMs);
    idle.unref();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`{${JSON.stringify(key)}:[`));
    },
    // Called when the client has taken what was sent: a slow reader slows the work, never piles it up.
    async pull(controller) {
      clearTimeout(idle);
      let chunk = '';
      for (let n = 0; n < BATCH; n++) {
        const next = await items.next();
        if (next.done) {
          controller.enqueue(encoder.encode(`${chunk}]}`));
          controller.close();
          return;
        }
        chunk += `${first ? '' : ','}${JSON.stringify(next.value)}`;
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
      waitForReader(controller);
    },
    async cancel() {
      clearTimeout(idle);
      await items.return(undefined);
    },
  });
}
