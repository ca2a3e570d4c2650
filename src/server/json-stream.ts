/**
 * @module server/json-stream
 * A long answer sent as it is made — a JSON list `{"<key>":[…]}`, or lines of a CSV — a batch at
 * a time, as fast as the client reads it, so the server holds one batch, never the whole answer.
 * The JSON has the shape a client would get from c.json, so any JSON reader takes it.
 */

/** Items made between two chances for other requests to run. */
const BATCH = 256;
/** A client that takes nothing for this long is gone or stalling; the work and what it holds are let go. */
export const IDLE_MS = 60_000;

interface Framing<T> {
  /** What comes before the first item. */
  open: string;
  /** One item's text; `first` tells whether a separator is due. */
  render: (item: T, first: boolean) => string;
  /** What comes after the last; `none` tells whether there was none. */
  close: string | ((none: boolean) => string);
}

export function itemStream<T>(items: AsyncGenerator<T>, framing: Framing<T>, idleMs = IDLE_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let first = true;
  let idle: NodeJS.Timeout | undefined;
  const waitForReader = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    idle = setTimeout(() => {
      controller.error(new Error(`the client took nothing for ${idleMs / 1000} s`));
      void items.return(undefined as never);
    }, idleMs);
    idle.unref();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (framing.open) controller.enqueue(encoder.encode(framing.open));
    },
    // Called when the client has taken what was sent: a slow reader slows the work, never piles it up.
    async pull(controller) {
      clearTimeout(idle);
      let chunk = '';
      for (let n = 0; n < BATCH; n++) {
        const next = await items.next();
        if (next.done) {
          controller.enqueue(encoder.encode(`${chunk}${typeof framing.close === 'string' ? framing.close : framing.close(first)}`));
          controller.close();
          return;
        }
        chunk += framing.render(next.value, first);
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
      waitForReader(controller);
    },
    async cancel() {
      clearTimeout(idle);
      await items.return(undefined as never);
    },
  });
}

export function jsonArrayStream(key: string, items: AsyncGenerator<unknown>, idleMs = IDLE_MS): ReadableStream<Uint8Array> {
  return itemStream(items, { open: `{${JSON.stringify(key)}:[`, render: (item, first) => `${first ? '' : ','}${JSON.stringify(item)}`, close: ']}' }, idleMs);
}
