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
  { id: 'coercion', level: 'high', description: 'Pressure, threats, blackmail or legal compulsion are described', allOf: [[CONTROL]] },
  { id: 'repression', level: 'high', description: 'Monitoring, intimidation or pressure on dissidents or their relatives is described', allOf: [[REPRESSION]] },
  { id: 'cover-reward-collection', level: 'high', description: 'A cover identity, rewards and requests for information together: the pattern of a recruitment', allOf: [[COVER], [REWARD], [COLLECTION]] },
  { id: 'recruitment-reward', level: 'high', description: 'An offer to work for the other side, with rewards', allOf: [[RECRUITMENT], [REWARD]] },
  { id: 'collection-reward', level: 'high', description: 'Information is asked for and paid for', allOf: [[COLLECTION], [REWARD]] },
  { id: 'beyond-first-contact', level: 'elevated', description: 'A method beyond a first contact is described', allOf: [[COVER, CULTIVATION, RECRUITMENT, REWARD, COLLECTION, TRANSFER, INFLUENCE]] },
  { id: 'several-methods', level: 'elevated', description: 'Two or more methods are described together', allOf: [[...APPROACH, COVER, CULTIVATION, RECRUITMENT, REWARD, COLLECTION, TRANSFER, INFLUENCE]], minTechniques: 2 },
];

const ORDER: RiskLevel[] = ['low', 'elevated', 'high'];

export function assessRisk(detected: { id: string; tactics: string[] }[]): { level: RiskLevel; reasons: { rule: string; level: RiskLevel; description: string; techniques: string[] }[] } {
  const reasons = RISK_RULES.flatMap((rule) => {
    if (detected.length < (rule.minTechniques ?? 1)) return [];
    const used = new Set<string>();
    for (const group of rule.allOf) {
      const serving = detected.filter((t) => t.tactics.some((x) => group.includes(x)));
      if (!serving.length) return [];
      serving.forEach((t) => used.add(t.id));
    }
    return [{ rule: rule.id, level: rule.level, description: rule.description, techniques: [...used].sort() }];
  });
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
    { step: 'report', text: 'Report the contact to your security officer or research-security office now.' },
    { step: 'avoid', text: 'Do not confront the person or try to find out more yourself.' },
  ],
  high: [
    { step: 'stop', text: 'Stop: send nothing, accept nothing, and make no promises.' },
    { step: 'record', text: 'Keep every message, document and payment record unchanged; note dates, names and what was asked or threatened.' },
    { step: 'report', text: 'Report it today to your security officer; where threats or pressure on you or your family are involved, also to the national security service or the police.' },
    { step: 'avoid', text: 'Do not confront the person, do not delete anything, and do not travel to meet them before you have had advice.' },
  ],
};
