/**
 * @module model/roles
 * The part an entity plays in the atlas, for screening: whether a match is a hit (an actor of the
 * system, its instrument, or the subject of a case) or someone on the other side (a target or a
 * victim, an investigator, a prosecutor or a court), which a screening must never present as a
 * hit. Declared as data: what an organisation's subtype, a case's actor role and a relation's end
 * say of the entity. Precedence is the order of ATLAS_ROLES: the first that holds wins.
 */
import type { ORGANISATION_SUBTYPES } from './entity.ts';

export const ATLAS_ROLES = {
  system: { label: 'an actor of the system (a service, a party body, or a state or party organ)', hit: true },
  instrument: { label: 'an instrument of the system (a documented link to a service or party body)', hit: true },
  investigator: { label: 'an investigator, prosecutor, court or warning body', hit: false },
  'case-subject': { label: 'the subject of a case or public warning', hit: true },
  target: { label: 'a target or victim', hit: false },
  none: { label: 'named in the atlas, with no documented role in the system', hit: false },
} as const;
export type AtlasRole = keyof typeof ATLAS_ROLES;

/** Kinds of record that are the system's instruments by what they are: its programmes, operations and intrusion sets. */
export const KIND_ROLES: Partial<Record<string, AtlasRole>> = {
  programme: 'instrument',
  operation: 'instrument',
  'intrusion-set': 'instrument',
};

/** Subtypes that say on which side an organisation stands (the system's core is SYSTEM_CORE_SUBTYPES). */
export const SUBTYPE_ROLES: Partial<Record<(typeof ORGANISATION_SUBTYPES)[number], AtlasRole>> = {
  // The party, the state and its army direct the services (NTA 2024): of the system, though not its core.
  party: 'system',
  government: 'system',
  military: 'system',
  'foreign-intelligence-service': 'investigator',
  'law-enforcement': 'investigator',
  prosecutor: 'investigator',
  court: 'investigator',
  legislature: 'target',
  'funding-agency': 'target',
  industry: 'target',
};

/** The roles case files give actors and people (free slugs), by the side they say the entity stood on. */
export const CASE_ROLES: Record<string, AtlasRole> = {
  prosecution: 'investigator',
  prosecutor: 'investigator',
  'counter-intelligence': 'investigator',
  'warning-agency': 'investigator',
  'alert-issuer': 'investigator',
  'announcing-agency': 'investigator',
  target: 'target',
  victim: 'target',
  'restitution-recipient': 'target',
  funder: 'target',
  // A defendant's employer is whose information was at stake; an employer on the system's side has
  // a documented link to it, which comes first.
  employer: 'target',
  defendant: 'case-subject',
  'subject-of-warning': 'case-subject',
  perpetrator: 'case-subject',
  principal: 'case-subject',
  'directing-authority': 'case-subject',
  'parent-body': 'case-subject',
  'affiliated-body': 'case-subject',
  'funding-channel': 'case-subject',
  'talent-programme': 'case-subject',
  operation: 'case-subject',
  beneficiary: 'case-subject',
  'recipient-of-information': 'case-subject',
};

/** What a relation says of its ends' roles, beyond the ties that link them into the system. */
export const RELATION_ROLES: Partial<Record<string, { subject?: AtlasRole; object?: AtlasRole }>> = {
  approaches: { object: 'target' },
  targets: { object: 'target' },
  'collects-on': { object: 'target' },
  monitors: { object: 'target' },
  intimidates: { object: 'target' },
  warned: { subject: 'investigator', object: 'case-subject' },
  investigated: { subject: 'investigator', object: 'case-subject' },
};
