/**
 * @module screen/risk
 * The risk of a described approach, from transparent rules over the tactics its techniques
 * serve, each rule that fires named in the result; and the first steps to take, in order.
 * Rules speak of tactics, not of actors or people: the level never depends on who someone is.
 */
export type RiskLevel = 'low' | 'elevated' | 'high';

export interface RiskRule {
  id: string;
  level: RiskLevel;
  description: string;
  /** Fires when, for every group, at least one detected technique serves one of its tactics. */
  allOf: string[][];
  /** And at least this many distinct techniques are detected. */
  minTechniques?: number;
  /** A technique that also serves one of these tactics does not count for the rule. */
  unless?: string[];
  /** Only a technique with a sign of it in the text counts (not one the model suggests from the words alone). */
  needsSigns?: boolean;
}

const COVER = 'GZTA02';
const APPROACH = ['GZTA03', 'GZTA04'];
const CULTIVATION = 'GZTA05';
const RECRUITMENT = 'GZTA06';
const REWARD = 'GZTA07';
const CONTROL = 'GZTA08';
const COLLECTION = 'GZTA09';
const TRANSFER = 'GZTA10';
const INFLUENCE = 'GZTA11';
const REPRESSION = 'GZTA12';

export const RISK_RULES: RiskRule[] = [
  // A high level for pressure rests on a sign of it in the text, not on the model's reading of the words alone.
  // Pressure that is also mobilisation (organising protests, keeping associations in line) is not by itself pressure on a person.
  { id: 'coercion', level: 'high', description: 'Pressure, threats, blackmail or legal compulsion are described', allOf: [[CONTROL]], unless: [INFLUENCE], needsSigns: true },
  { id: 'repression', level: 'high', description: 'Monitoring, intimidation or pressure on dissidents or their relatives is described', allOf: [[REPRESSION]], unless: [INFLUENCE], needsSigns: true },
  { id: 'mobilisation', level: 'elevated', description: 'Diaspora organisations are mobilised or kept in line', allOf: [[REPRESSION, CONTROL]] },
  { id: 'cover-reward-collection', level: 'high', description: 'A cover identity, rewards and requests for information together: the pattern of a recruitment', allOf: [[COVER], [REWARD], [COLLECTION]] },
  { id: 'recruitment-reward', level: 'high', description: 'An offer to work for the other side, with rewards', allOf: [[RECRUITMENT], [REWARD]] },
  { id: 'collection-reward', level: 'high', description: 'Information is asked for and paid for', allOf: [[COLLECTION], [REWARD]] },
  { id: 'beyond-first-contact', level: 'elevated', description: 'A method beyond a first contact is described', allOf: [[COVER, CULTIVATION, RECRUITMENT, REWARD, COLLECTION, TRANSFER, INFLUENCE]] },
  { id: 'several-methods', level: 'elevated', description: 'Two or more methods are described together', allOf: [[...APPROACH, COVER, CULTIVATION, RECRUITMENT, REWARD, COLLECTION, TRANSFER, INFLUENCE]], minTechniques: 2 },
];

const ORDER: RiskLevel[] = ['low', 'elevated', 'high'];

/** What a model trained on analysts' ratings reads in a description: the chances of at least elevated, of high, and of a threat to someone. */
export interface LearnedRisk {
  elevated: number;
  high: number;
  threat?: number;
}

/**
 * The risk by the rules, and — where a model trained on analysts' ratings is given — by how
 * analysts rated descriptions like this one (`learned`: the chances of at least elevated, and of
 * high). The level is the highest any reason gives; every reason is named.
 */
export function assessRisk(
  detected: { id: string; tactics: string[]; signs?: number }[],
  learned?: LearnedRisk,
): { level: RiskLevel; reasons: { rule: string; level: RiskLevel; description: string; techniques: string[] }[] } {
  const reasons = RISK_RULES.flatMap((rule) => {
    if (detected.length < (rule.minTechniques ?? 1)) return [];
    const used = new Set<string>();
    for (const group of rule.allOf) {
      const serving = detected.filter((t) => t.tactics.some((x) => group.includes(x)) && !t.tactics.some((x) => rule.unless?.includes(x)) && (!rule.needsSigns || (t.signs ?? 1) > 0));
      if (!serving.length) return [];
      serving.forEach((t) => used.add(t.id));
    }
    return [{ rule: rule.id, level: rule.level, description: rule.description, techniques: [...used].sort() }];
  });
  // A threat to a person or to those close to them is high whatever method it serves; the reason names it.
  if (learned?.threat !== undefined && learned.threat >= 0.5) {
    reasons.push({ rule: 'threat-described', level: 'high', description: `A threat to someone or to those close to them is described (model trained on labelled descriptions: probability ${learned.threat.toFixed(2)})`, techniques: [] });
  }
  if (learned && (learned.high >= 0.5 || learned.elevated >= 0.5)) {
    const high = learned.high >= 0.5;
    const p = high ? learned.high : learned.elevated;
    reasons.push({ rule: 'like-rated-descriptions', level: high ? 'high' : 'elevated', description: `Analysts rated descriptions like this one ${high ? 'high' : 'elevated or high'} (model trained on labelled descriptions: probability ${p.toFixed(2)})`, techniques: [] });
  }
  const level = reasons.reduce<RiskLevel>((best, r) => (ORDER.indexOf(r.level) > ORDER.indexOf(best) ? r.level : best), 'low');
  return { level, reasons: reasons.length ? reasons : [{ rule: 'no-method', level: 'low', description: detected.length ? 'Only a first contact is described' : 'No documented method is described', techniques: detected.map((t) => t.id) }] };
}

/** First steps, whatever the technique: stop, record, report, and what not to do. */
export const FIRST_STEPS: Record<RiskLevel, { step: string; text: string }[]> = {
  low: [
    { step: 'record', text: 'Keep the messages and note who contacted you, when and how; it costs nothing and helps if the contact goes further.' },
    { step: 'report', text: 'If the contact continues or asks for more, tell your security officer or research-security office.' },
  ],
  elevated: [
    { step: 'stop', text: 'Do not send anything further or accept anything offered until you have spoken to your security officer.' },
    { step: 'record', text: 'Keep every message, invitation and payment record as it is; write down dates, names and what was asked.' },
    { step: 'report', text: 'Tell your security officer or research-security office about the contact now.' },
    { step: 'avoid', text: 'Do not confront the person or try to find out more yourself.' },
  ],
  high: [
    { step: 'stop', text: 'Send nothing, accept nothing, and make no promises.' },
    { step: 'record', text: 'Keep every message, document and payment record unchanged; note dates, names and what was asked or threatened.' },
    { step: 'report', text: 'Tell your security officer today; where threats or pressure on you or your family are involved, also the national security service or the police.' },
    { step: 'avoid', text: 'Do not confront the person, do not delete anything, and do not travel to meet them before you have had advice.' },
  ],
};

/** Whom to call first when someone, or their family, is threatened: before any report. */
export const SAFETY_STEP = {
  step: 'safety',
  text: 'If you or anyone in your family is in danger or has been threatened, call the police now (112 in the EU, 999 in the UK, 911 in the US); tell them a foreign state may be behind it. Relatives abroad should not be asked to act on your behalf.',
};

/** Who advice is for, in the order it is shown. */
export const AUDIENCES = ['individual', 'security-officer', 'institution'] as const;

/** How each audience's advice is headed, on the page and in the terminal. */
export const AUDIENCE_HEADINGS: Record<string, string> = { individual: 'For you', 'security-officer': 'For the security officer', institution: 'For the institution' };

export interface Advice {
  step: string;
  audience: string;
  text: string;
  technique?: string;
}

/**
 * What to do, grouped by audience (the person first, then the security officer, then the
 * institution), each text once: the first steps for the risk level — led by whom to call when
 * pressure or threats are described — then each technique's own advice.
 */
export function adviceFor(level: RiskLevel, detected: { id: string; tactics: string[] }[], specific: { audience: string; text: string; technique: string }[]): Advice[] {
  const threatened = detected.some((t) => t.tactics.includes(CONTROL) || t.tactics.includes(REPRESSION));
  const steps: Advice[] = [...(threatened ? [SAFETY_STEP] : []), ...FIRST_STEPS[level]].map((s) => ({ ...s, audience: 'individual' }));
  for (const a of specific) steps.push({ step: 'specific', ...a });
  const seen = new Set<string>();
  const unique = steps.filter((a) => !seen.has(a.text) && seen.add(a.text));
  const rank = (audience: string) => {
    const i = (AUDIENCES as readonly string[]).indexOf(audience);
    return i < 0 ? AUDIENCES.length : i;
  };
  return unique.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a.audience) - rank(y.a.audience) || x.i - y.i).map((x) => x.a);
}
