/**
 * @module model/profile
 * An organisation's exposure profile: what it does and who works there, written in a few minutes
 * (YAML for the command line, a form in the explorer), from which greyzone picks the atlas's
 * methods, cases and actors that bear on it. Which target groups a kind of staff belongs to is
 * greyzone's classification, declared here as data; the groups themselves, and whom each method
 * and case targets, are sourced claims in the atlas.
 *
 * One field is about members' origins (`diaspora`). It selects nothing and ranks nothing: it only
 * adds the advice that protects those members from transnational repression (test/briefing.test.ts
 * proves that nothing else changes).
 */
import { z } from 'zod';

/** Kinds of staff, and the atlas's target groups each belongs to (never a group defined by origin). */
export const STAFF_ROLES = {
  researchers: { label: 'researchers and scientists', groups: ['tg-foreign-scientists'] },
  engineers: { label: 'engineers and technical staff', groups: ['tg-foreign-scientists'] },
  officials: { label: 'officials and civil servants', groups: ['tg-foreign-officials', 'tg-people-with-access'] },
  politicians: { label: 'politicians (elected members)', groups: ['tg-foreign-politicians', 'tg-members-of-parliament', 'tg-political-parties'] },
  'political-staff': { label: 'staff of politicians, parties and parliaments', groups: ['tg-foreign-officials', 'tg-political-parties', 'tg-people-with-access'] },
  military: { label: 'serving or retired military personnel', groups: ['tg-military-personnel-29c8a3', 'tg-retired-military-officers-0f47bb'] },
  executives: { label: 'executives and business staff', groups: ['tg-foreign-companies'] },
  'ngo-members': { label: 'members of NGOs', groups: ['tg-ngo-members'] },
  students: { label: 'students', groups: [] },
} as const satisfies Record<string, { label: string; groups: readonly string[] }>;
export type StaffRole = keyof typeof STAFF_ROLES;

/** Holding a security clearance puts staff in these groups. */
export const CLEARANCE_GROUPS = ['tg-cleared-defence-staff', 'tg-people-with-access'] as const;
/** Staff who live or travel in China are, there, in this group. */
export const IN_CHINA_GROUP = 'tg-foreign-citizens-in-china';

/**
 * Communities among members whom the state's services watch and press abroad, with the target
 * groups whose transnational-repression advice protects them.
 */
export const DIASPORA_COMMUNITIES = {
  chinese: { label: 'Chinese', groups: ['tg-chinese-diaspora', 'tg-dissidents'] },
  uyghur: { label: 'Uyghur', groups: ['tg-uyghur-diaspora-d694fe'] },
  tibetan: { label: 'Tibetan', groups: ['tg-tibetan-diaspora-5e4171'] },
  'hong-kong': { label: 'Hong Kong', groups: ['tg-autonomy-supporters', 'tg-dissidents'] },
  taiwanese: { label: 'Taiwanese', groups: ['tg-autonomy-supporters'] },
  'falun-gong': { label: 'Falun Gong practitioners', groups: ['tg-falun-gong-practitioners-b95999'] },
} as const satisfies Record<string, { label: string; groups: readonly string[] }>;
export type DiasporaCommunity = keyof typeof DIASPORA_COMMUNITIES;

/** A line of text a person types: no control characters (a message quoting it stays one line). */
const line = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}]*$/u, 'no control characters');

const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'a country is its ISO 3166-1 alpha-2 code, such as EE or DE')
  .transform((c) => c.toLowerCase());

export const profileSchema = z
  .strictObject({
    organisation: z.string().trim().min(1, 'name the organisation').max(200).regex(/^[^\p{Cc}]*$/u, 'no control characters'),
    country: countryCode.meta({ description: 'Where the organisation is' }),
    sectors: z.array(line(200)).max(50).default([]).meta({ description: "The atlas's sectors the organisation works in: their ids (sector-semiconductors) or names (Semiconductors)" }),
    fields: z.array(line(200)).max(50).default([]).meta({ description: 'Research or technology fields, in your words; those that name one of the atlas’s sectors count as it' }),
    staff: z.array(z.enum(Object.keys(STAFF_ROLES) as [StaffRole, ...StaffRole[]])).default([]).meta({ description: 'Kinds of staff' }),
    clearances: z.boolean().default(false).meta({ description: 'Whether staff hold security clearances' }),
    partner_countries: z.array(countryCode).default([]).meta({ description: 'Countries of its partners' }),
    travel: z.array(countryCode).default([]).meta({ description: 'Countries its staff travel to or are posted in' }),
    diaspora: z
      .array(z.enum(Object.keys(DIASPORA_COMMUNITIES) as [DiasporaCommunity, ...DiasporaCommunity[]]))
      .default([])
      .meta({ description: 'Communities among its members who may be watched and pressed abroad: only adds the advice that protects them' }),
    contact: line(500).optional().meta({ description: 'Whom staff call first: the organisation’s security officer' }),
  })
  .meta({ id: 'Profile', description: 'An organisation’s exposure profile' });
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
