/**
 * @module model/display
 * How the system is drawn: the groups the source describes it in, in order from the party's
 * leadership out to the targets abroad, each with a colour; and which group a record belongs to.
 * The explorer's graph, legend and filters read this table.
 */
import type { RecordKind } from './kinds.ts';

export const SYSTEM_GROUPS = [
  { id: 'party', label: 'Party leadership', colour: '#b2182b' },
  { id: 'services', label: 'Services and party bodies', colour: '#e4572e' },
  { id: 'state', label: 'Government, police and army', colour: '#f29e4c' },
  { id: 'instruments', label: 'Instruments (universities, companies, embassies, programmes, associations, NGOs)', colour: '#7b6d8d' },
  { id: 'operations', label: 'Operations, programmes and intrusion sets', colour: '#5c4d7d' },
  { id: 'people', label: 'People in the cases', colour: '#2a9d8f' },
  { id: 'targets', label: 'Target groups and sectors abroad', colour: '#457b9d' },
  { id: 'foreign', label: 'Foreign bodies in the cases', colour: '#8d99ae' },
] as const;
export type SystemGroup = (typeof SYSTEM_GROUPS)[number]['id'];

const BY_SUBTYPE: Record<string, SystemGroup> = {
  'party-authority': 'party',
  party: 'party',
  'party-body': 'services',
  'state-security-service': 'services',
  'public-security-service': 'services',
  'military-intelligence': 'services',
  'intelligence-community': 'services',
  police: 'state',
  military: 'state',
  government: 'state',
};

const BY_KIND: Partial<Record<RecordKind, SystemGroup>> = {
  person: 'people',
  programme: 'operations',
  operation: 'operations',
  'intrusion-set': 'operations',
  'target-group': 'targets',
  sector: 'targets',
};

/** The group a record is drawn in, or undefined for records the system view leaves out. */
export function groupOf(kind: RecordKind, data: { subtype?: string; country?: string }): SystemGroup | undefined {
  if (kind !== 'organisation') return BY_KIND[kind];
  if (data.country && data.country !== 'country-cn') return 'foreign';
  return BY_SUBTYPE[data.subtype ?? ''] ?? (data.country === 'country-cn' ? 'instruments' : 'foreign');
}
