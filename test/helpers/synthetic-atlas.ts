/**
 * A generated atlas for drawing tests and the explorer benchmark: organisations spread over the
 * system's groups, each tied to two others, with names of every length — short, long enough to
 * wrap, too long for a box, in Chinese characters — so that label placement is tried as the atlas
 * grows.
 */
import type { Atlas, LoadedRecord } from '../../src/atlas/load.ts';
import { BUNDLED_ATLAS, loadAtlas } from '../../src/atlas/load.ts';

const SUBTYPES = ['party-body', 'state-security-service', 'government', 'university', 'company', 'embassy', 'ngo'];
const WORDS = ['Provincial', 'Institute', 'of', 'Applied', 'Electronics', 'Research', 'Bureau', 'Joint', 'Laboratory', 'for', 'Overseas', 'Liaison', 'Aerospace', 'Association', 'Technology', 'Group', 'Corporation', 'Limited'];
const HAN = ['第十二研究所', '国际交流协会', '联络部', '航天科技集团有限公司第九研究院第七七一研究所'];

function nameOf(i: number): string {
  if (i % 11 === 5) return HAN[i % HAN.length]!;
  const words = 1 + ((i * 7) % 13);
  return [...Array(words).keys()].map((k) => WORDS[(i + k * 5) % WORDS.length]).join(' ') + ` ${i}`;
}

export function syntheticAtlas(nodes: number): Atlas {
  const base = loadAtlas(BUNDLED_ATLAS).atlas;
  const records = new Map<string, LoadedRecord>();
  const rec = (kind: LoadedRecord['kind'], data: { id: string }): LoadedRecord => ({ kind, id: data.id, file: 'synthetic', data: data as never, lineOf: () => 1 });
  for (let i = 0; i < nodes; i++) {
    const id = `org-syn-${i}`;
    records.set(id, rec('organisation', { id, subtype: SUBTYPES[i % SUBTYPES.length], country: 'country-cn', collective: false, tlp: 'clear', names: [{ text: nameOf(i), type: 'primary', lang: /\p{Script=Han}/u.test(nameOf(i)) ? 'zh-Hans' : 'en' }], claims: [] } as never));
  }
  for (let i = 1; i < nodes; i++) {
    for (const [k, other] of [[0, Math.floor(i / 2)], [1, (i * 7919) % i]] as const) {
      const id = `rel-syn-${i}-${k}`;
      records.set(id, rec('relation', { id, type: 'part-of', subject: `org-syn-${i}`, object: `org-syn-${other}`, tlp: 'clear', claims: [] } as never));
    }
  }
  return { ...base, records, texts: new Map(), claims: [] };
}
