import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameIndex, type Qualifier } from './match.ts';

const index = new NameIndex([
  { id: 'org-a', name: 'Ministry of State Security', kind: 'organisation', country: 'cn', names: [{ text: 'Ministry of State Security', type: 'primary' }, { text: '国家安全部', type: 'native' }] },
  { id: 'person-a', name: 'Xu Yanjun', kind: 'person', names: [{ text: 'Xu Yanjun', type: 'primary' }, { text: 'Zhang Hui', type: 'weak-alias' }] },
  { id: 'org-b', name: 'Federal Bureau of Investigation', kind: 'organisation', country: 'us', names: [{ text: 'Federal Bureau of Investigation', type: 'primary' }] },
]);

const top = (q: string, o = {}) => index.match(q, o)[0];
const qualifiers = (q: string, o = {}) => (top(q, { ...o, threshold: 0 })?.reasons.slice(1) ?? []) as Qualifier[];

test('exact', () => assert.equal(top('ministry of state security')?.reasons[0] && (top('ministry of state security')!.reasons[0] as { feature: string }).feature, 'exact'));
test('romanised: pinyin of a name in characters', () => assert.equal((top('Guojia Anquanbu')!.reasons[0] as { feature: string }).feature, 'romanised'));
test('token set: order and fillers', () => assert.equal((top('State Security, Ministry of')!.reasons[0] as { feature: string }).feature, 'token-set'));
test('fuzzy: a long organisation name with typos', () => assert.equal((top('Ministery of State Securty')!.reasons[0] as { feature: string }).feature, 'fuzzy'));
test('acronym made from an organisation’s words supports but does not make a match', () => {
  assert.equal(top('FBI'), undefined);
  assert.equal((top('FBI', { threshold: 0.7 })!.reasons[0] as { feature: string }).feature, 'acronym');
});
test('a person’s name is never matched fuzzily', () => assert.equal(top('Xu Yanjin'), undefined));
test('a weak alias alone never makes a match', () => {
  assert.equal(top('Zhang Hui'), undefined);
  assert.deepEqual(qualifiers('Zhang Hui').map((q) => q.qualifier), ['weak-alias-only']);
});
test('a kind mismatch lowers the score', () => assert.deepEqual(qualifiers('Xu Yanjun', { kind: 'organisation' }).map((q) => q.qualifier), ['kind-mismatch']));
test('a country mismatch lowers an organisation’s score below the threshold', () => {
  assert.equal(top('Ministry of State Security', { country: 'DE' }), undefined);
  assert.deepEqual(qualifiers('Ministry of State Security', { country: 'DE' }).map((q) => q.qualifier), ['country-mismatch']);
});
test('a person is never qualified by country', () => assert.deepEqual(qualifiers('Xu Yanjun', { country: 'US' }), []));
test('the threshold is the caller’s', () => assert.equal(index.match('Ministery of State Securty', { threshold: 0.95 }).length, 0));
test('an empty or punctuation-only query matches nothing', () => {
  assert.deepEqual(index.match(''), []);
  assert.deepEqual(index.match('—!?'), []);
});
