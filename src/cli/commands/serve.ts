/**
 * @module cli/commands/serve
 * `greyzone serve`: the explorer and its API on the store. Embedded mode (the default) is one
 * analyst's explorer with no signing in, so it listens only on loopback. `--server` is the team's:
 * every request must name an account, and it will not start until an admin account exists.
 */
import { serve } from '@hono/node-server';
import { defineCommand } from 'citty';
import { createApp, warmUp } from '../../server/app.ts';
import { trustedProxySet } from '../../server/client-address.ts';
import { isLoopbackName } from '../../server/host-check.ts';
import { FAILED_PER_ADDRESS_FACTOR } from '../../server/limits.ts';
import { Views } from '../../server/views.ts';
import { CliError } from '../error.ts';
import { dbArg, openStore } from '../store.ts';

export const DEFAULT_RATE_LIMIT = 600;

export default defineCommand({
  meta: { name: 'serve', description: 'Serve the explorer and its API (http://127.0.0.1:8080 by default)' },
  args: {
    port: { type: 'string', description: 'Port (0 picks a free one)', default: '8080', valueHint: 'N' },
    host: { type: 'string', description: 'Address to listen on (beyond loopback only with --server)', default: '127.0.0.1' },
    server: { type: 'boolean', description: 'Server mode: accounts, roles and clearances; needs an admin account (greyzone user add)', default: false },
    'rate-limit': { type: 'string', description: `Server mode: requests per minute per account (0: no limit); failed sign-ins are limited per token and, ${FAILED_PER_ADDRESS_FACTOR}× higher, per address`, default: String(DEFAULT_RATE_LIMIT), valueHint: 'N' },
    'trusted-proxy': { type: 'string', description: 'Addresses of reverse proxies whose X-Forwarded-For names the client (comma-separated)', valueHint: 'ADDR,…' },
    'allow-host': { type: 'string', description: 'Host names to answer besides loopback ones (comma-separated): always checked in embedded mode, in server mode once given', valueHint: 'NAME,…' },
    ...dbArg,
  },
  async run({ args }) {
    const port = Number(args.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, not '${args.port}'`);
    const rateLimit = Number(args['rate-limit']);
    if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new CliError(`--rate-limit must be a whole number of requests per minute, not '${args['rate-limit']}'`);
    if (!args.server && !isLoopbackName(args.host)) {
      throw new CliError(`the embedded explorer has no signing in, so it listens only on loopback; to listen on ${args.host}, use --server`);
    }
    const store = await openStore(args.db);
    if (args.server && !(await store.accounts.hasActiveAdmin())) {
      await store.close();
      throw new CliError('server mode needs an admin account first: greyzone user add NAME --role admin --clearance red');
    }
    const mode = args.server ? 'server' : 'embedded';
    const list = (value: string | undefined) => (value ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    try {
      trustedProxySet(list(args['trusted-proxy']));
    } catch (e) {
      throw new CliError(`--trusted-proxy: ${(e as Error).message}`);
    }
    const views = await Views.load(store);
    await warmUp(views, mode);
    const stopDeliveries = views.startDeliveries();
    const app = createApp(views, { mode, rateLimit: args.server ? rateLimit : 0, trustedProxies: list(args['trusted-proxy']), allowedHosts: list(args['allow-host']) });
    // Requests still being answered when asked to stop; the store closes only after the last.
    let inFlight = 0;
    const fetch = async (req: Request, env: unknown): Promise<Response> => {
      inFlight++;
      try {
        return await app.fetch(req, env);
      } finally {
        inFlight--;
      }
    };
    await new Promise<void>((resolve, reject) => {
      const server = serve({ fetch, port, hostname: args.host }, (info) => {
        const shown = args.host === '0.0.0.0' || args.host === '::' ? '127.0.0.1' : args.host;
        process.stdout.write(`greyzone explorer on http://${shown.includes(':') ? `[${shown}]` : shown}:${info.port}/ (${store.dialect} store, ${mode} mode)\n`);
      });
      server.on('error', (e: NodeJS.ErrnoException) => reject(new CliError(e.code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --port` : e.message)));
      const stop = () => {
        stopDeliveries();
        server.close();
        (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
        const deadline = Date.now() + 10_000;
        const finish = () => (inFlight > 0 && Date.now() < deadline ? setTimeout(finish, 20) : void views.idle().then(() => store.close()).then(resolve, resolve));
        finish();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
});
