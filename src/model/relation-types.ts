/**
 * @module model/relation-types
 * The kinds of edge, declared as data (FollowTheMoney's way): a label, the label read backwards,
 * and which kinds may stand at either end. The graph, the explorer and the exports read this table;
 * no other code lists relation types.
 */
import type { EntityKind } from './entity-kinds.ts';

export interface RelationType {
  label: string;
  reverse: string;
  subject: readonly EntityKind[];
  object: readonly EntityKind[];
  /**
   * Whether the edge ties one end into the system the other end belongs to, and which way:
   * 'up' — the subject is tied to the object (works for, is part of); 'down' — the object is tied
   * to the subject (is tasked by, gives cover to). Edges without it (targets, warned …) link an
   * entity to the system as its target or its adversary, never as part of it.
   */
  link?: 'up' | 'down';
  /**
   * Which chain of command the edge belongs to, where the sources tell two apart: 'formal' — the
   * hierarchy on paper (a ministry under the government); 'real' — who in fact tasks and directs
   * (the Party leadership over the same ministry). Drawings tell the two apart.
   */
  chain?: 'formal' | 'real';
}

const ACTORS = ['organisation', 'person', 'programme', 'operation', 'country'] as const;
const ORG_OR_PERSON = ['organisation', 'person'] as const;
const TARGETS = ['organisation', 'person', 'target-group', 'sector', 'country'] as const;

export const RELATION_TYPES = {
  tasks: { label: 'tasks', reverse: 'is tasked by', subject: ORG_OR_PERSON, object: ACTORS, link: 'down', chain: 'real' },
  coordinates: { label: 'coordinates', reverse: 'is coordinated by', subject: ORG_OR_PERSON, object: [...ACTORS, 'target-group'], link: 'down', chain: 'real' },
  'under-jurisdiction-of': { label: 'is under the jurisdiction of', reverse: 'has jurisdiction over', subject: ['organisation'], object: ['organisation'], link: 'up', chain: 'formal' },
  'part-of': { label: 'is part of', reverse: 'includes', subject: ['organisation', 'programme', 'operation'], object: ['organisation', 'programme', 'operation'], link: 'up' },
  uses: { label: 'uses / exploits', reverse: 'is used / exploited by', subject: [...ORG_OR_PERSON, 'country'], object: ['organisation', 'programme', 'operation'], link: 'down' },
  commands: { label: 'has at its disposal', reverse: 'is at the disposal of', subject: ['organisation'], object: ['organisation'], link: 'down', chain: 'real' },
  conducts: { label: 'conducts', reverse: 'is conducted by', subject: ORG_OR_PERSON, object: ['operation', 'programme'], link: 'down' },
  'uses-cover-of': { label: 'uses the cover of', reverse: 'gives cover to', subject: ORG_OR_PERSON, object: ['organisation'], link: 'down' },
  'works-for': { label: 'works for', reverse: 'employs', subject: ['person'], object: ['organisation'], link: 'up' },
  'affiliated-with': { label: 'is affiliated with', reverse: 'has as affiliate', subject: ORG_OR_PERSON, object: ['organisation', 'programme'], link: 'up' },
  'member-of': { label: 'is a member of', reverse: 'has as member', subject: ORG_OR_PERSON, object: ['organisation'], link: 'up' },
  'participated-in': { label: 'participated in', reverse: 'had as participant', subject: ORG_OR_PERSON, object: ['programme', 'operation'], link: 'up' },
  'maintains-ties-with': { label: 'maintains ties with', reverse: 'maintains ties with', subject: ORG_OR_PERSON, object: ORG_OR_PERSON, link: 'up' },
  'stationed-at': { label: 'is stationed at', reverse: 'hosts staff of', subject: ORG_OR_PERSON, object: ['organisation'], link: 'down' },
  funds: { label: 'funds / pays', reverse: 'is funded / paid by', subject: ORG_OR_PERSON, object: [...ORG_OR_PERSON, 'target-group'], link: 'down' },
  recruits: { label: 'recruits', reverse: 'is recruited by', subject: ORG_OR_PERSON, object: [...ORG_OR_PERSON, 'target-group'], link: 'down' },
  approaches: { label: 'approaches', reverse: 'is approached by', subject: ORG_OR_PERSON, object: [...ORG_OR_PERSON, 'target-group'] },
  // A method targets those the source says it is aimed at (technique → target group): what an organisation's exposure reads.
  targets: { label: 'targets', reverse: 'is targeted by', subject: [...ACTORS, 'intrusion-set', 'technique'], object: TARGETS },
  'collects-on': { label: 'collects information on', reverse: 'is the subject of collection by', subject: ORG_OR_PERSON, object: TARGETS },
  monitors: { label: 'monitors', reverse: 'is monitored by', subject: [...ORG_OR_PERSON, 'operation'], object: [...ORG_OR_PERSON, 'target-group'] },
  intimidates: { label: 'intimidates', reverse: 'is intimidated by', subject: [...ORG_OR_PERSON, 'operation'], object: [...ORG_OR_PERSON, 'target-group'] },
  mobilises: { label: 'mobilises', reverse: 'is mobilised by', subject: ORG_OR_PERSON, object: [...ORG_OR_PERSON, 'target-group'] },
  assists: { label: 'assists', reverse: 'is assisted by', subject: ORG_OR_PERSON, object: ORG_OR_PERSON, link: 'up' },
  'shares-information-with': { label: 'shares information with', reverse: 'receives information from', subject: ORG_OR_PERSON, object: ORG_OR_PERSON },
  'attributed-to': { label: 'is attributed to', reverse: 'has attributed to it', subject: ['organisation', 'operation', 'intrusion-set'], object: ORG_OR_PERSON, link: 'up' },
  'has-requirement': { label: 'seeks information on', reverse: 'is an intelligence requirement of', subject: [...ACTORS], object: ['requirement'] },
  pursues: { label: 'pursues', reverse: 'is pursued by', subject: [...ACTORS], object: ['goal'] },
  'uses-technique': { label: 'uses', reverse: 'is used by', subject: [...ACTORS, 'intrusion-set'], object: ['technique'] },
  warned: { label: 'publicly warned about', reverse: 'was publicly warned about by', subject: ['organisation'], object: [...ORG_OR_PERSON, 'operation'] },
  investigated: { label: 'investigated or prosecuted', reverse: 'was investigated or prosecuted by', subject: ['organisation'], object: ORG_OR_PERSON },
} as const satisfies Record<string, RelationType>;

export type RelationTypeName = keyof typeof RELATION_TYPES;

/** The chain of command a relation type belongs to, if the sources tell one apart. */
export function chainOf(type: string): 'formal' | 'real' | undefined {
  return (RELATION_TYPES[type as RelationTypeName] as RelationType | undefined)?.chain;
}

/** The words that tell the two chains apart wherever a relation is shown: "formally: is under the jurisdiction of". */
export const CHAIN_WORDS = { formal: 'formally', real: 'in reality' } as const;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as [RelationTypeName, ...RelationTypeName[]];
