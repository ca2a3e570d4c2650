/// <reference lib="dom" />
/**
 * The explorer of a team server in real headless Chromium: signing in with a token, seeing only
 * what one's clearance allows, the admin's audit log, and signing out.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startExplorer, type Explorer } from '../helpers/explorer.ts';
import { markedAtlas, RED_MARKERS } from '../helpers/marked-atlas.ts';

const ARTIFACTS = 'test-artifacts';
let browser: Browser;
let explorer: Explorer;
const tokens: Record<string, string> = {};

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  explorer = await startExplorer(markedAtlas(), 'server');
  tokens.viewer = (await explorer.store.accounts.add('vera', 'viewer', 'green', 'tests')).token;
  tokens.admin = (await explorer.store.accounts.add('ada', 'admin', 'red', 'tests')).token;
  tokens.analyst = (await explorer.store.accounts.add('ana', 'analyst', 'red', 'tests')).token;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await explorer?.stop();
});

async function signedIn(who: 'viewer' | 'admin' | 'analyst', path = '/'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(explorer.url + path);
  await page.waitForSelector('form.signin');
  await page.fill('#token', tokens[who]!);
  await page.click('form.signin button');
  await page.waitForSelector('.account .who');
  return page;
}

test('a server asks for a token first, and says plainly when it is wrong', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${explorer.url}/entity/org-mss`);
  await page.waitForSelector('form.signin');
  assert.equal(await page.locator('main h1').innerText(), 'Sign in');
  await page.fill('#token', 'gz_000000000000_' + 'A'.repeat(32));
  await page.click('form.signin button');
  await page.waitForSelector('form.signin [role=alert]:not([hidden])');
  assert.match(await page.locator('form.signin [role=alert]').innerText(), /not valid/);
  await page.screenshot({ path: `${ARTIFACTS}/signin.png` });
});

test('a GREEN viewer sees the MSS without its RED alias, and no RED organisation anywhere', async () => {
  const page = await signedIn('viewer', '/entity/org-mss');
  await page.waitForSelector('main h1:has-text("Ministry of State Security")');
  assert.equal(await page.locator('.account .who').innerText(), 'vera · viewer · cleared TLP:GREEN');
  assert.doesNotMatch(await page.locator('main').innerText(), RED_MARKERS);
  await page.goto(`${explorer.url}/search?q=Lantern`);
  await page.waitForSelector('main h1');
  assert.doesNotMatch(await page.locator('main').innerText(), /Zephyr|Lantern Bureau/);
  assert.equal(await page.locator('header nav a[href="/audit"]').count(), 0, 'no audit log for a viewer');
  await page.goto(`${explorer.url}/entity/org-zephyr-lantern`);
  await page.waitForSelector('main h1');
  assert.equal(await page.locator('main h1').innerText(), 'Not found');
});

test('a RED admin sees the RED alias with its marking, and the audit log', async () => {
  const page = await signedIn('admin', '/entity/org-mss');
  await page.waitForSelector('main h1:has-text("Ministry of State Security")');
  const main = await page.locator('main').innerText();
  assert.match(main, /Lantern Bureau/);
  assert.match(main, /TLP:RED/);
  await page.click('header nav a[href="/audit"]');
  await page.waitForSelector('table.audit');
  assert.match(await page.locator('table.audit').innerText(), /session\.start/);
  await page.screenshot({ path: `${ARTIFACTS}/audit.png` });
});

test('signing out returns to the sign-in form, and the old session no longer works', async () => {
  const page = await signedIn('viewer');
  await page.click('.account button');
  await page.waitForSelector('form.signin');
  const status = await page.evaluate(async () => (await fetch('/api/entities')).status);
  assert.equal(status, 401);
});

test('an analyst edits a record in the explorer; a second editor of the same version is told, and loses nothing', async () => {
  const first = await signedIn('analyst', '/entity/org-ufwd');
  const second = await signedIn('analyst', '/entity/org-ufwd');
  for (const page of [first, second]) {
    await page.waitForSelector('details.edit');
    await page.click('details.edit summary');
    await page.waitForFunction(() => (document.getElementById('record-yaml') as HTMLTextAreaElement).value.includes('id: org-ufwd'));
  }
  const edit = (page: Page, words: string) => page.evaluate((w) => {
    const area = document.getElementById('record-yaml') as HTMLTextAreaElement;
    area.value = area.value.replace(/^description: .*$/m, `description: ${w}`);
  }, words);
  await edit(first, 'Edited in the browser by the first analyst');
  await first.click('form.edit-record button[type=submit]');
  await first.waitForSelector('main p:has-text("Edited in the browser by the first analyst")');
  await edit(second, 'Edited in the browser by the second analyst');
  await second.click('form.edit-record button[type=submit]');
  await second.waitForSelector('.edit-status:has-text("changed by someone else")');
  assert.match(await second.locator('#record-yaml').inputValue(), /by the second analyst/, 'the second analyst’s text is still there');
  const viewer = await signedIn('viewer', '/entity/org-ufwd');
  await viewer.waitForSelector('main h1');
  assert.equal(await viewer.locator('details.edit').count(), 0, 'a viewer gets no edit form');
});

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
test('accessibility: the sign-in form and the audit log have no serious or critical violations', async () => {
  for (const [who, path] of [[undefined, '/'], ['admin', '/audit']] as const) {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    if (who) {
      await page.goto(explorer.url + '/');
      await page.waitForSelector('form.signin');
      await page.fill('#token', tokens[who]!);
      await page.click('form.signin button');
      await page.waitForSelector('.account .who');
    }
    await page.goto(explorer.url + path);
    await page.waitForSelector(who ? 'table.audit' : 'form.signin');
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => (n as { html: string }).html))}`);
    });
    assert.deepEqual(violations, [], path);
  }
});
