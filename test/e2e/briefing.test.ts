/// <reference lib="dom" />
/**
 * Exposure and briefing in real headless Chromium: a parliament's staff office described in the
 * form; the methods that bear on it ranked with their reasons, the matrix coloured by them; the
 * profile kept in the address; the briefing opened to print (its own styles applied) and
 * downloaded as a PDF.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { BUNDLED_ATLAS, loadAtlas } from '../../src/atlas/load.ts';
import { ARTIFACTS, explorerForTests } from '../helpers/explorer.ts';

const session = explorerForTests(() => loadAtlas(BUNDLED_ATLAS).atlas);

test('a profile filled in the form gives the ranked methods, the matrix coloured by them, a briefing to print and a PDF', async () => {
  const context = await session.browser.newContext({ viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${session.explorer.url}/briefing`);
  await page.waitForSelector('form.profile-form');
  await page.fill('#profile-organisation', "A parliament's staff office");
  await page.fill('#profile-country', 'GB');
  for (const staff of ['politicians', 'political-staff', 'officials']) await page.check(`input[name="staff"][value="${staff}"]`);
  await page.fill('#profile-travel', 'CN');
  await page.click('form.profile-form button[type="submit"]');
  await page.waitForSelector('ol.exposure-methods > li');
  const top = await page.$$eval('ol.exposure-methods > li', (lis) => lis.map((li) => li.getAttribute('data-id')));
  assert.equal(top[0], 'GZT0029');
  for (const id of ['GZT0016', 'GZT0017', 'GZT0012']) assert.ok(top.includes(id), `${id} in ${top.join(', ')}`);
  assert.match(await page.locator('ol.exposure-methods > li').first().innerText(), /aimed at Foreign politicians \(your politicians \(elected members\)\)/);
  assert.match(await page.locator('td[data-technique="GZT0029"]').first().getAttribute('class') ?? '', /heat-4/);
  // The answer's first screen: what bears on it, the ranked methods with their reasons.
  const answer = (await page.locator('[aria-live] h2').boundingBox())!;
  await page.screenshot({ path: `${ARTIFACTS}/briefing-page.png`, fullPage: true, clip: { x: 0, y: Math.max(0, answer.y - 20), width: 1300, height: 1100 } });

  // The profile is in the address: a reload brings the same answer back.
  assert.match(page.url(), /\/briefing\?profile=[\w-]+$/);
  await page.reload();
  await page.waitForSelector('ol.exposure-methods > li');
  assert.equal(await page.inputValue('#profile-organisation'), "A parliament's staff office");

  // The briefing to print, with its own styles (the server's policy for it allows them, and nothing else).
  const href = `${page.url().replace('/briefing?', '/api/brief?')}&format=html`;
  const printable = await context.newPage();
  await printable.goto(href);
  assert.match(await printable.locator('h1').innerText(), /^What this system means for A parliament's staff office$/);
  // 17pt is 22.67px: the briefing's own style, not the browser's default h1.
  assert.equal(Math.round(parseFloat(await printable.locator('h1').evaluate((el) => getComputedStyle(el).fontSize))), 23, 'the inline styles apply');
  assert.ok((await printable.locator('.fact').count()) > 10);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#brief-pdf')]);
  const pdf = readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.deepEqual(errors, []);
});
