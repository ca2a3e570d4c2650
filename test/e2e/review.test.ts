/// <reference lib="dom" />
/**
 * From document to reviewed claims in real headless Chromium: a document ingested, two claims
 * accepted, one rejected, a candidate merged into an existing entity and the merge undone; the
 * atlas then shows exactly the accepted claims, with their quotes, on the entity's page.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BUNDLED_ATLAS, loadAtlas } from '../../src/atlas/load.ts';
import { Ingester } from '../../src/ingest/ingest.ts';
import { atlasFromStore } from '../../src/store/as-atlas.ts';
import { corpusDocument } from '../helpers/corpus-document.ts';
import { launchChromium, startExplorer, type Explorer } from '../helpers/explorer.ts';

const ARTIFACTS = 'test-artifacts';
const DOC = corpusDocument('08-us-doj-xu-yanjun-2021-convicted.txt');
let browser: Browser;
let explorer: Explorer;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  explorer = await startExplorer(loadAtlas(BUNDLED_ATLAS).atlas);
  await new Ingester(explorer.store, await atlasFromStore(explorer.store)).ingest(DOC, 'tests', 'clear', { reliability: 'B', credibility: 2 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await explorer?.stop();
});

/** Clicks a button of a proposal and waits for the page to show the decision. */
async function decide(page: Page, id: string, button: 'accept' | 'reject' | 'merge' | 'undo', expected: string): Promise<void> {
  await page.click(`#proposal-${id} button.${button}`);
  await page.waitForSelector(`#proposal-${id}.proposal-${expected}`);
}

test('ingest, accept two claims, reject one, merge a candidate and undo the merge; the atlas shows exactly the accepted claims', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${explorer.url}/review`);
  await page.click(`a[href="/review/${DOC.sha256}"]`);
  await page.waitForSelector('ol.proposals li');
  assert.ok((await page.locator('.review-text mark').count()) > 3, 'the proposed spans are marked in the text');
  // Issue 23: what ingestion captured is shown, a missing field as missing; the document's grade is the form's default.
  const meta = await page.locator('dl.document-metadata').innerText();
  assert.match(meta, /Title\s+Jury Convicts Chinese Intelligence Officer/);
  assert.match(meta, /Publisher\s+missing/);
  assert.match(meta, /Date\s+2021-11-05/);
  assert.match(meta, /Grade\s+B2/);
  const firstForm = page.locator('form.proposal-form').first();
  assert.deepEqual([await firstForm.locator('select[name="reliability"]').inputValue(), await firstForm.locator('select[name="credibility"]').inputValue()], ['B', '2']);

  const proposals = await explorer.store.documents.proposals(DOC.sha256);
  const claims = proposals.filter((p) => p.kind === 'claim' && p.data.entity_id === 'person-xu-yanjun');
  assert.ok(claims.length >= 3, 'three claims about Xu Yanjun are proposed');
  const [a, b, c] = claims as [typeof claims[0], typeof claims[0], typeof claims[0]];
  await decide(page, a.id, 'accept', 'accepted');
  await decide(page, b.id, 'accept', 'accepted');
  await decide(page, c.id, 'reject', 'rejected');

  const candidate = proposals.find((p) => p.kind === 'new-entity')!;
  const aliases = async () => ((await (await page.request.get(`${explorer.url}/api/entities/org-mss`)).json()) as { record: { names: { text: string }[] } }).record.names.map((n) => n.text);
  // Issue 23: the entity is chosen by its name in Chinese characters, with the keyboard; its id is sent.
  const into = page.locator(`#proposal-${candidate.id} input[name="into"]`);
  await into.fill('');
  await into.pressSequentially('国家安全部');
  const option = page.locator(`#proposal-${candidate.id} [role="listbox"] [role="option"][data-id="org-mss"]`);
  await option.waitFor();
  assert.match(await option.innerText(), /Ministry of State Security/);
  assert.equal(await into.getAttribute('aria-expanded'), 'true');
  const index = await page.locator(`#proposal-${candidate.id} [role="option"]`).evaluateAll((os) => os.findIndex((o) => o.getAttribute('data-id') === 'org-mss'));
  for (let i = 0; i <= index; i++) await into.press('ArrowDown');
  assert.equal(await into.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
  await into.press('Enter');
  assert.equal(await into.inputValue(), 'Ministry of State Security', 'the field shows the chosen name');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/proposals/${encodeURIComponent(candidate.id)}/merge`));
  await decide(page, candidate.id, 'merge', 'merged');
  assert.equal(((await sent).postDataJSON() as { into: string }).into, 'org-mss', 'the chosen entity’s id is sent');
  assert.ok((await aliases()).includes(candidate.data.name as string), 'merged: the name is an alias of the MSS');
  await decide(page, candidate.id, 'undo', 'proposed');
  assert.ok(!(await aliases()).includes(candidate.data.name as string), 'undone: the alias is gone');
  // A raw id typed as it is still works.
  await page.fill(`#proposal-${candidate.id} input[name="into"]`, 'org-mss');
  await decide(page, candidate.id, 'merge', 'merged');
  assert.ok((await aliases()).includes(candidate.data.name as string), 'merged by id');
  await decide(page, candidate.id, 'undo', 'proposed');
  assert.ok(!(await aliases()).includes(candidate.data.name as string), 'undone: the alias is gone');

  // Issue 23: the candidate accepted with one relation, its type chosen by label and its entity found by name and clicked.
  const form = page.locator(`#proposal-${candidate.id}`);
  await form.locator('select[name="relation_type"]').selectOption({ label: 'is part of' });
  assert.match(await form.locator('fieldset.direction').innerText(), new RegExp(`${candidate.data.name as string} is part of the entity below`));
  const related = form.locator('input[name="related"]');
  await related.pressSequentially('Ministry of State Sec');
  await form.locator('[role="option"][data-id="org-mss"]').click();
  const accepted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/proposals/${encodeURIComponent(candidate.id)}/accept`));
  await decide(page, candidate.id, 'accept', 'accepted');
  const edits = ((await accepted).postDataJSON() as { edits: Record<string, unknown> }).edits;
  assert.deepEqual([edits.relation_type, edits.related, edits.related_is_subject], ['part-of', 'org-mss', false]);
  const made = (await explorer.store.documents.proposal(candidate.id))!.changes.map((c) => c.id);
  assert.ok(made.some((id) => id.startsWith('rel-')) && made.some((id) => id.startsWith('org-')), `the body and its relation: ${made.join(', ')}`);
  await page.screenshot({ path: `${ARTIFACTS}/review.png`, fullPage: false });
  await decide(page, candidate.id, 'undo', 'proposed');

  await page.goto(`${explorer.url}/entity/person-xu-yanjun`);
  await page.waitForSelector('main h1');
  const quotes = await page.locator('figure.claim blockquote').allInnerTexts();
  const fromDoc = quotes.filter((q) => [a, b, c].some((p) => q === `“${p.quote}”`));
  assert.deepEqual(fromDoc.sort(), [a, b].map((p) => `“${p.quote}”`).sort(), 'exactly the two accepted claims, with their quotes');
  assert.deepEqual(errors, []);
});

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
test('accessibility: the review pages have no serious or critical violations', async () => {
  for (const path of ['/review', `/review/${DOC.sha256}`]) {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(explorer.url + path);
    await page.waitForSelector(path === '/review' ? 'table.documents' : 'ol.proposals li');
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.html).join(' | ')}`);
    });
    assert.deepEqual(violations, [], path);
  }
});
