/**
 * Approach screening benchmark: descriptions per second and p99 latency for texts of 100 and of
 * 5,000 words, beside a naive baseline that scans every indicator's cues over the text with
 * regular expressions, one by one. Run with `npm run bench`.
 */
import { BUNDLED_ATLAS, loadAtlas, recordsOf } from '../src/atlas/load.ts';
import { ApproachScreener } from '../src/screen/approach.ts';

const atlas = loadAtlas(BUNDLED_ATLAS).atlas;
const screener = new ApproachScreener(atlas);
const techniques = recordsOf(atlas, 'technique').map((r) => r.data);

const SENTENCES = [
  'A researcher from a policy institute I did not know contacted me on LinkedIn last spring.',
  'He offered a generous fee for short reports on trends in my field and suggested we meet in person.',
  'Later he invited me to a seminar in Shanghai with all travel and hotel costs covered by the hosts.',
  'During dinner he asked for my views on matters that are not public and said it should stay between us.',
  'My colleague said the same person had approached two others in our department with similar offers.',
  'We discussed the weather, the conference programme and a paper I had published two years ago.',
];

function text(words: number): string {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const s = SENTENCES[i % SENTENCES.length]!;
    out.push(s);
    n += s.split(' ').length;
  }
  return out.join(' ');
}

/** The naive way: one regular expression per cue word, every indicator tested over the whole text. */
function naive(t: string): string[] {
  const found = new Set<string>();
  for (const tech of techniques) {
    for (const ind of tech.indicators) {
      if (ind.cues.every((set) => set.some((cue) => new RegExp(`\\b${cue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(t)))) found.add(tech.id);
    }
  }
  return [...found];
}

function measure(label: string, run: () => unknown, iterations: number): string {
  // Steady state: tables loaded on first use (the gazetteer, WordNet) and the JIT warmed, for both systems alike.
  for (let i = 0; i < Math.min(20, iterations); i++) run();
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return `| ${label} | ${iterations} | ${(iterations / seconds).toFixed(1)} | ${times[Math.floor(times.length / 2)]!.toFixed(2)} | ${times[Math.floor(times.length * 0.99)]!.toFixed(2)} |`;
}

console.log('\nApproach screening:');
console.log('| system | texts | texts/s | p50 ms | p99 ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [words, iterations] of [[100, 2000], [5000, 60]] as const) {
  const t = text(words);
  console.log(measure(`greyzone, ${words} words`, () => screener.screen({ text: t }), iterations));
  console.log(measure(`naive regular expressions, ${words} words`, () => naive(t), iterations));
}
