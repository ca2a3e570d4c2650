/**
 * @module names/translate
 * The words of a body's name in the languages of the services and lists greyzone serves (German,
 * French, Estonian, Lithuanian) as the English words the atlas's names use, so that
 * "chinesische Regierung", "Hiina Rahvavabastusarmee" and "ministère chinois de la Sécurité
 * publique" are compared with "Chinese government", "Chinese People's Liberation Army" and
 * "Ministry of Public Security".
 *
 * Only the vocabulary of bodies, programmes and operations is here, never a person's name: a
 * translated name is compared as an organisation's (names/match), and the words it came from are
 * named in the explanation. Keys are folded (names/fold); German adjectives and nouns are also
 * found without their case endings (chinesische → chinesisch).
 */

/** Folded word → the English words it stands for ('' drops it, like "of"). */
const GLOSSARY: Record<string, string> = {
  // German
  regierung: 'government', bundesregierung: 'federal government', ministerium: 'ministry', abteilung: 'department', amt: 'office',
  bundesamt: 'federal office', behorde: 'authority', dienst: 'service', nachrichtendienst: 'intelligence service', geheimdienst: 'intelligence service',
  partei: 'party', kommunistisch: 'communist', zentralkomitee: 'central committee', chinas: 'of china', chinesisch: 'chinese', volksrepublik: 'people republic',
  volksbefreiungsarmee: 'people liberation army', armee: 'army', staatssicherheit: 'state security', sicherheit: 'security', offentlich: 'public',
  internationale: 'international', internationalen: 'international', verbindungsabteilung: 'liaison department', einheitsfront: 'united front', arbeitsabteilung: 'work department',
  verfassungsschutz: 'protection of the constitution', parlament: 'parliament', justizministerium: 'ministry of justice', universitat: 'university',
  akademie: 'academy', wissenschaften: 'sciences', institut: 'institute', forschungszentrum: 'research centre', programm: 'programme', tausend: 'thousand',
  talente: 'talents', fuchsjagd: 'fox hunt', polizei: 'police', britisch: 'british', amerikanisch: 'american', deutsch: 'german',
  // French
  ministere: 'ministry', gouvernement: 'government', chinois: 'chinese', chinoise: 'chinese', securite: 'security', publique: 'public', etat: 'state',
  chasse: 'hunt', renard: 'fox', populaire: 'people', parti: 'party',
  communiste: 'communist', departement: 'department', mille: 'thousand',
  // Words that only join the others ("of the"), dropped; alone they make no translation.
  de: '', d: '', l: '', la: '', le: '', les: '', du: '', des: '', au: '', aux: '', et: '', der: '', die: '', das: '', und: '',
  // Estonian
  hiina: 'chinese', valitsus: 'government', rahvavabastusarmee: 'people liberation army', kommunistlik: 'communist', ministeerium: 'ministry',
  julgeoleku: 'security', riikliku: 'state', avaliku: 'public', uhendkuningriigi: 'united kingdom', uhendkuningriik: 'united kingdom', tuhande: 'thousand',
  talendi: 'talents', rebasejaht: 'fox hunt',
  // Lithuanian
  kinija: 'chinese', kinijos: 'chinese', vyriausybe: 'government', ministerija: 'ministry', valstybes: 'state', saugumo: 'security',
  komunistu: 'communist', partija: 'party', liaudies: 'people', islaisvinimo: 'liberation', armija: 'army', parlamentas: 'parliament',
};

/** German case endings, longest first. */
const ENDINGS = ['es', 'en', 'er', 'em', 'e', 's', 'n'];

/** The English words a folded word stands for, or undefined when it is not in the glossary. */
export function translateWord(word: string): string | undefined {
  const direct = GLOSSARY[word];
  if (direct !== undefined) return direct;
  for (const e of ENDINGS) {
    if (word.length > e.length + 3 && word.endsWith(e)) {
      const stem = GLOSSARY[word.slice(0, -e.length)];
      if (stem !== undefined) return stem;
    }
  }
  return undefined;
}

/** A folded name with every glossary word in English, and what was translated; undefined when nothing was. */
export function translateName(folded: string): { text: string; translated: [string, string][] } | undefined {
  const translated: [string, string][] = [];
  const text = folded
    .split(' ')
    .map((w) => {
      const t = translateWord(w);
      if (t === undefined) return w;
      if (t) translated.push([w, t]);
      return t;
    })
    .filter(Boolean)
    .join(' ');
  return translated.length ? { text, translated } : undefined;
}
