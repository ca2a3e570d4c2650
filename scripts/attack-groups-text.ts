/**
 * Renders the intrusion sets of the carried ATT&CK subset as a plain-text document, so that atlas
 * claims can quote ATT&CK's own words with offsets like any other source. Run:
 *   npx tsx scripts/attack-groups-text.ts > atlas/sources/src-mitre-attack-v18-1-groups.txt
 * The output is deterministic: groups in ATT&CK id order, ATT&CK's wording unchanged.
 */
import { readFileSync } from 'node:fs';
import { STANDARDS_DIR } from '../src/frameworks/load.ts';

interface Group {
  type: string;
  name: string;
  aliases?: string[];
  description: string;
  external_references: { source_name: string; external_id?: string }[];
}

const bundle = JSON.parse(readFileSync(`${STANDARDS_DIR}/attack/china-state-groups-bundle.json`, 'utf8')) as { objects: Group[] };
const groups = bundle.objects
  .filter((o) => o.type === 'intrusion-set')
  .map((g) => ({ ...g, attackId: g.external_references.find((r) => r.source_name === 'mitre-attack')?.external_id ?? '' }))
  .sort((a, b) => a.attackId.localeCompare(b.attackId));

const out = ['MITRE ATT&CK Enterprise v18.1: China state-linked groups (descriptions and associated group names)', ''];
for (const g of groups) {
  out.push(`${g.attackId} ${g.name}`, `Associated groups: ${(g.aliases ?? [g.name]).join(', ')}`, g.description.trim(), '');
}
process.stdout.write(out.join('\n'));
