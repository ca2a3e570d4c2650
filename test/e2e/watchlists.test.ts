/// <reference lib="dom" />
/**
 * Watchlists in real headless Chromium: a list added from a CSV on the page and shown with its
 * rows' matches (a name holding markup shown as text); a change to the atlas through the API
 * raises an alert that the header counts, the Alerts page shows with its claim, and
 * acknowledging it clears.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../../src/atlas/load.ts';
import type { Name } from '../../src/model/name.ts';
import { atlasFromStore } from '../../src/store/as-atlas.ts';
import { ARTIFACTS, explorerForTests } from '../helpers/explorer.ts';
import { aliased, withoutAliases } from '../helpers/watch-aliases.ts';

const bundled = loadAtlas(BUNDLED_ATLAS).atlas;
const [chosen] = aliased(bundled);
const session = explorerForTests(() => withoutAliases(bundled, [chosen!]));

test('a list added on the page is screened and re-screened; its alert is counted, shown with its claim, and acknowledged', async () => {
  const page = await (await session.browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${session.explorer.url}/watchlists`);
  await page.waitForSelector('main h1');
  assert.match(await page.locator('main').innerText(), /No watchlists yet\./);
  const csv = `name,affiliation\n${chosen!.alias.text},\nUnited Front Work Department,\n"<img src=x onerror=""window.__xss=1"">",\nXu Yanjun,Ministry of State Security\n`;
  await page.fill('#watchlist-name', 'Visiting researchers');
  await page.setInputFiles('#watchlist-file', { name: 'visitors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.click('form.watchlist-add button');
  await page.waitForURL(/\/watchlists\/visiting-researchers-[0-9a-f]{6}$/);
  const listUrl = page.url();
  await page.waitForSelector('table.watchlist-rows tbody tr');
  assert.equal(await page.locator('table.watchlist-rows tbody tr').count(), 4);
  assert.equal(await page.locator('table.watchlist-rows tr.hit').count(), 2, 'UFWD and Xu Yanjun with his affiliation are hits');
  assert.match(await page.locator('main').innerText(), /<img src=x onerror="window.__xss=1">/);
  assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
  assert.equal(await page.locator('#alert-count').innerText(), '');

  // The atlas learns the alias again (an edit through the API, as the explorer's edit form sends it).
  const atlas = await atlasFromStore(session.explorer.store);
  const data = atlas.records.get(chosen!.id)!.data as { names: Name[] };
  const { version } = (await (await fetch(`${session.explorer.url}/api/entities/${chosen!.id}`)).json()) as { version: number };
  const put = await fetch(`${session.explorer.url}/api/entities/${chosen!.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version, record: { ...data, names: [...data.names, chosen!.alias] } }) });
  assert.equal(put.status, 200);

  await page.reload();
  await page.waitForFunction(() => document.getElementById('alert-count')?.textContent === '1');
  await page.waitForSelector('ul.alerts li');
  assert.match(await page.locator('ul.alerts li').first().innerText(), new RegExp(`^New hit: row 1 “${chosen!.alias.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
  await page.click('header nav a[href="/alerts"]');
  await page.waitForSelector('li.alert-item.new');
  const item = await page.locator('li.alert-item').first().innerText();
  assert.match(item, /in Visiting researchers/);
  assert.ok(chosen!.alias.claims!.some((c) => item.includes(c.quote)), 'the alert quotes the claim that caused it');
  await page.screenshot({ path: `${ARTIFACTS}/alerts.png` });
  await page.click('li.alert-item.new button');
  await page.waitForSelector('li.alert-item.acknowledged');
  await page.waitForFunction(() => document.getElementById('alert-count')?.textContent === '');
  await page.goto(listUrl);
  await page.waitForSelector('table.watchlist-rows tr.hit');
  assert.equal(await page.locator('table.watchlist-rows tr.hit').count(), 3);
  await page.screenshot({ path: `${ARTIFACTS}/watchlist.png`, fullPage: true });
  assert.deepEqual(errors, []);
});
