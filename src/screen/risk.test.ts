import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessRisk } from './risk.ts';

const pressure = { id: 'GZT0011', tactics: ['GZTA12'], signs: 1 };

test('a described threat is high whatever method it serves, and the reason says so', () => {
  const r = assessRisk([], { elevated: 0.4, high: 0.3, threat: 0.8 });
  assert.equal(r.level, 'high');
  assert.deepEqual(
    r.reasons.map((x) => x.rule),
    ['threat-described'],
  );
  assert.match(r.reasons[0]!.description, /threat .* 0\.80/);
});

test('an unlikely threat adds no reason', () => {
  assert.equal(assessRisk([], { elevated: 0.1, high: 0.1, threat: 0.2 }).level, 'low');
});

test('pressure the model only guesses from words (no sign in the text) is not high by the rules', () => {
  assert.notEqual(assessRisk([{ ...pressure, signs: 0 }]).level, 'high');
  assert.equal(assessRisk([pressure]).level, 'high');
});

test('the level never rests on who someone is: rules read tactics only', () => {
  const r = assessRisk([{ id: 'GZT0001', tactics: ['GZTA03'] }]);
  assert.equal(r.level, 'low');
  assert.equal(r.reasons[0]!.rule, 'no-method');
});
