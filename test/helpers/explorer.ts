/**
 * The explorer for browser tests and benchmarks: a server on a free loopback port over a fresh
 * SQLite store, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { after, before } from 'node:test';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import type { Atlas } from '../../src/atlas/load.ts';
import { WEB_DIST, createApp, warmUp } from '../../src/server/app.ts';
import type { Mode } from '../../src/server/auth.ts';
import { Views } from '../../src/server/views.ts';
import { Store } from '../../src/store/store.ts';

export const CHROMIUM = '/usr/bin/chromium';

export interface Explorer {
  url: string;
  store: Store;
  stop(): Promise<void>;
}

export async function startExplorer(atlas: Atlas, mode: Mode = 'embedded'): Promise<Explorer> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('the web app is not built; run npm run build:web');
  const store = await Store.open(join(mkdtempSync(join(tmpdir(), 'greyzone-e2e-')), 'g.sqlite'));
  await store.importAtlas(atlas, 'tests');
  const views = await Views.load(store);
  // As greyzone serve does before it listens.
  await warmUp(views, mode);
  const app = createApp(views, { mode });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => void store.close().then(() => resolve()));
        // A browser may keep a connection open; the test is over, so it is closed.
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      }),
  };
}

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error('Debian chromium is not installed; run scripts/install-test-deps.sh');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extraArgs],
  });
}

export const ARTIFACTS = 'test-artifacts';

/**
 * A test file's explorer and browser: started before its tests on `atlas`, stopped after them.
 * The returned object's fields are set once the file's `before` hook has run.
 */
export function explorerForTests(atlas: () => Atlas): { explorer: Explorer; browser: Browser } {
  const session = {} as { explorer: Explorer; browser: Browser };
  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    session.explorer = await startExplorer(atlas());
    session.browser = await launchChromium();
  });
  after(async () => {
    await session.browser?.close();
    await session.explorer?.stop();
  });
  return session;
}
