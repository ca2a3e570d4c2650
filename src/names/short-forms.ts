/**
 * @module names/short-forms
 * The customary short forms of a Chinese party or state body's name, made by rule from its full
 * name in characters, as Chinese-language sources and lists write them:
 *
 * Only names that close with a body's word (部, 局, 厅, 委员会 …) are shortened.
 *
 * 1. **Prefix dropped**: 中华人民共和国 / 中国 / 中共中央 / 中央 / 中共 off the front
 *    (中共中央统一战线工作部 → 统一战线工作部).
 * 2. **Key characters**: the first character of each word of the name (words as ICU's Chinese
 *    dictionary cuts them; 工作 "work" left out) and the body's closing word (部, 局, 厅 …):
 *    国家安全部 → 国安部, 统一战线工作部 → 统战部, 军事情报局 → 军情局. A place at the front is kept
 *    whole (江苏省国家安全厅 → 江苏省国安厅).
 * 3. **Central departments**: a name under the Central Committee as 中 and the key character of its
 *    last word: 中共中央对外联络部 → 中联部, 中共中央宣传部 → 中宣部.
 *
 * Limits: the rules give the regular forms only. Irregular customary forms (a character taken from
 * the middle of a word) are missed, and a rule may make a form nobody uses — harmless, since a
 * query must still be written that way. Forms are generated, not documented: they match with a
 * lower score and say so (names/match); a form an atlas claim documents is an ordinary name.
 */

const PREFIXES = ['中华人民共和国', '中国', '中共中央', '中共', '中央'];
const CENTRAL = ['中共中央', '中央'];
/** The words that close a body's name, longest first. */
const CLOSING = ['委员会', '办公室', '办公厅', '检察院', '法院', '部', '局', '厅', '处', '委', '院', '署', '会'];
/** Words left out of a short form. */
const SKIPPED = new Set(['工作']);
/** Places at the front of a name: a province, a city, a district. */
const PLACE = /^(.{2,3}?[省市区县])/u;

const words = new Intl.Segmenter('zh', { granularity: 'word' });

/** The short forms of a full name in (simplified) characters; the name itself is not among them. */
export function shortForms(name: string): string[] {
  const out = new Set<string>();
  let rest = name.replace(/\s+/g, '');
  let central = false;
  for (let found = true; found; ) {
    found = false;
    for (const p of PREFIXES) {
      if (rest.length > p.length + 1 && rest.startsWith(p)) {
        central ||= CENTRAL.includes(p);
        rest = rest.slice(p.length);
        found = true;
      }
    }
  }
  // Only a body's name (one that closes with 部, 局, 厅 …) is shortened: 中国政府 is not 政府.
  const closing = CLOSING.find((c) => rest.endsWith(c) && rest.length > c.length);
  if (closing) {
    out.add(rest);
    let body = rest.slice(0, -closing.length);
    const place = PLACE.exec(body)?.[1] ?? '';
    body = body.slice(place.length);
    const parts = [...words.segment(body)].map((w) => w.segment).filter((w) => !SKIPPED.has(w));
    // 国家安全 is one dictionary word; its key characters are those of its halves (国 + 安).
    const keys = parts.flatMap((w) => (w.length === 4 ? [w[0]!, w[2]!] : [w[0]!]));
    if (keys.length >= 2) out.add(place + keys.join('') + closing);
    if (central && parts.length) out.add(`中${parts.at(-1)![0]}${closing}`);
  }
  // "People's" and a place's own suffix are often left out (汉阳区检察院, 武汉公安局).
  for (const f of [name, ...out]) {
    if (f.includes('人民') && f.length > 4) out.add(f.replace('人民', ''));
    const place = PLACE.exec(f)?.[1];
    if (place && place.length === 3 && closing) out.add(place.slice(0, 2) + f.slice(3));
  }
  out.delete(name);
  return [...out].filter((f) => f.length >= 2);
}
