/**
 * @module cli/commands/serve
 * `greyzone serve`: the explorer and its API on the store, on loopback unless told otherwise.
 */
import { serve } from '@hono/node-server';
import { defineCommand } from 'citty';
import { createApp } from '../../server/app.ts';
import { loadContext } from '../../server/context.ts';
import { CliError } from '../error.ts';
import { dbArg, openStore } from '../store.ts';

export default defineCommand({
  meta: { name: 'serve', description: 'Serve the explorer and its API (http://127.0.0.1:8080 by default)' },
  args: {
    port: { type: 'string', description: 'Port (0 picks a free one)', default: '8080', valueHint: 'N' },
    host: { type: 'string', description: 'Address to listen on', default: '127.0.0.1' },
    ...dbArg,
  },
  async run({ args }) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not '${args.port}'`);
    const store = await openStore(args.db);
    const ctx = await loadContext(store);
    const app = createApp(() => ctx);
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch: app.fetch, port, hostname: args.host }, (info) => {
        process.stdout.write(`greyzone explorer on http://${args.host === '0.0.0.0' ? '127.0.0.1' : args.host}:${info.port}/ (${store.dialect} store)\n`);
      });
      server.on('error', (e: NodeJS.ErrnoException) => reject(new CliError(e.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port` : e.message)));
      const stop = () => server.close(() => store.close().then(resolve, resolve));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
});
