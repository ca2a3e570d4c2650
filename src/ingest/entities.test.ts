import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EntityFinder } from './entities.ts';
import type { Language } from './entity-words.ts';

const found = (text: string, language: Language = 'en') => new EntityFinder(language).find(text).map((e) => `${e.kind}: ${e.text}`);

test('bodies without a head word: alliances, platforms, companies', () => {
  assert.deepEqual(found('The G7 and ASEAN met; the OSCE observed. TikTok and Alibaba were named.'), ['organisation: G7', 'organisation: ASEAN', 'organisation: OSCE', 'organisation: TikTok', 'organisation: Alibaba']);
});

test('offices inside offices, with their possessors', () => {
  assert.deepEqual(found('Agents of the FBI’s Boston Field Office arrested him.'), ['organisation: FBI’s Boston Field Office', 'organisation: FBI']);
  assert.deepEqual(found('The case was handled by the Justice Department’s Criminal Division.'), ['organisation: Justice Department’s Criminal Division', 'organisation: Justice Department']);
  assert.ok(found('It was brought by the U.S. Attorney’s Office for the District of Massachusetts.').includes('organisation: U.S. Attorney’s Office for the District of Massachusetts'));
});

test('a person after a title or a role keeps only the name; suffixes stay', () => {
  assert.deepEqual(found('Deputy Director Jane Roe spoke first.'), ['person: Jane Roe']);
  assert.deepEqual(found('The opinion is by Chief Judge A. B. Smith Jr. of the court.'), ['person: A. B. Smith Jr.']);
  assert.deepEqual(found('The panel was Milan D. Smith, Jr., and Sandra Ikuta.'), ['person: Milan D. Smith, Jr.', 'person: Sandra Ikuta'], 'a middle initial makes a name even when the given name is a city');
  assert.deepEqual(found('FBI Director Christopher Wray said so.'), ['organisation: FBI', 'person: Christopher Wray']);
  assert.deepEqual(found('A statement by Assistant Attorney General Matthew G. Olsen of the Justice Department’s National Security Division followed.'), [
    'person: Matthew G. Olsen',
    'organisation: Justice Department’s National Security Division',
    'organisation: Justice Department',
  ]);
});

test('court and tribunal forms: judges in capitals, letters after a name, particles, a judge’s title', () => {
  assert.deepEqual(found('Before\n\nJUDGE RUPERT JONES\n\nJonathan Glasson KC and Ramby de Mello appeared; Lord Justice Singh presided.'), ['person: RUPERT JONES', 'person: Jonathan Glasson', 'person: Ramby de Mello', 'person: Singh']);
});

test('a name written in pinyin is a person with no role nearby', () => {
  assert.deepEqual(found('The report mentions Wang Lijun twice.'), ['person: Wang Lijun']);
});

test('family names that are also two-letter country codes (Li, Ma, Hu, Lu, Ye) are names; a given name that is also a city is too', () => {
  assert.deepEqual(found('Premier Li Keqiang met Anming Hu, and Ma Jian and Lu Xun spoke with Ye Fei.'), ['person: Li Keqiang', 'person: Anming Hu', 'person: Ma Jian', 'person: Lu Xun', 'person: Ye Fei']);
});

test('headlines, role phrases and ordinary capitalised words are not names', () => {
  assert.deepEqual(found('Members of Parliament discussed it until the end of the Second World War.'), []);
  assert.deepEqual(found('Select Committees will hear evidence.'), []);
  assert.deepEqual(found('Navy Sailor Sentenced to Prison for Transmitting Military Information'), []);
  assert.deepEqual(found('Committee Notes: CSIS Key Messages & Threat Overview for PROC'), ['organisation: CSIS', 'organisation: PROC'], 'acronyms in a headline still count');
  assert.deepEqual(found('He met the Secretary of State for the Home Department.'), []);
});

test('an acronym is a body when short, mixed-case or defined; a word in capitals is not', () => {
  assert.deepEqual(found('The BfV warned. MORITZ, Circuit Judge, concurred.'), ['organisation: BfV', 'person: MORITZ']);
  assert.deepEqual(found('Under the Federal Tort Claims Act (FTCA), the FTCA applies.'), []);
  assert.deepEqual(found('The National Security and Intelligence Committee of Parliamentarians (NSICOP) reported; NSICOP said more.'), [
    'organisation: National Security and Intelligence Committee of Parliamentarians',
    'organisation: NSICOP',
    'organisation: NSICOP',
  ]);
});

test('German: the body starts at its head and takes one complement; initials end a name', () => {
  assert.deepEqual(found('Ein Sicherheitshinweis des Bundesamtes für Verfassungsschutz für Politik und Verwaltung.', 'de'), ['organisation: Bundesamtes für Verfassungsschutz']);
  assert.deepEqual(found('Der Generalbundesanwalt beim Bundesgerichtshof hat Anklage gegen Jian G. erhoben.', 'de'), ['organisation: Generalbundesanwalt beim Bundesgerichtshof', 'person: Jian G.']);
  assert.deepEqual(found('Die Beamten des Bundeskriminalamts nahmen Thomas R. fest.', 'de'), ['organisation: Bundeskriminalamts', 'person: Thomas R.']);
  assert.deepEqual(found('Die Kommunistische Partei Chinas', 'de'), ['organisation: Kommunistische Partei Chinas']);
});

test('Lithuanian and Estonian bodies, written with lower-case words before the head', () => {
  assert.deepEqual(found('Valstybės saugumo departamentas paskelbė grėsmių vertinimą.', 'lt'), ['organisation: Valstybės saugumo departamentas']);
  assert.deepEqual(found('Kaitsepolitseiamet avaldas aastaraamatu.', 'et'), ['organisation: Kaitsepolitseiamet']);
});

test('every span is the text at its offsets', () => {
  const text = 'Der Generalbundesanwalt beim Bundesgerichtshof (GBA) und das Bundesamt für Verfassungsschutz; FBI Director Christopher Wray.';
  for (const language of ['en', 'de'] as const) for (const e of new EntityFinder(language).find(text)) assert.equal(text.slice(e.start, e.end), e.text);
});

test('a role joined with hyphens is a title; a name still ends a role that names its field', () => {
  assert.deepEqual(found('It was announced by FBI Special-Agent-in-Charge Joseph E. Carrico today.'), ['organisation: FBI', 'person: Joseph E. Carrico']);
  assert.deepEqual(found('“This is the latest case,” said Assistant Attorney General for National Security John C. Demers.  “It will not be the last one we see in this district or elsewhere in the country, we expect.”'), ['person: John C. Demers']);
  assert.deepEqual(found('The Secretary of State for the Home Department made a statement to the House.'), [], 'a role alone names no one');
});

test('parliamentary records: a name in brackets after a role, a name with its seat and party', () => {
  assert.deepEqual(found('Dan Jarvis Portrait The Minister for Security (Dan Jarvis)\nI will make a statement.'), ['person: Dan Jarvis']);
  assert.deepEqual(found('The debate went on. Priti Patel (Witham) (Con) asked about it.'), ['person: Priti Patel']);
  const why = (text: string) => new EntityFinder('en').find(text).map((e) => e.why);
  assert.deepEqual(why('The Minister for Security (Dan Jarvis)\nI will make a statement.'), ['named after a role, in brackets']);
  assert.ok(!why('As was noted in the report (Dan Jarvis) on page two of it.').includes('named after a role, in brackets'), 'brackets with no role before them are no evidence');
});

test('a court’s bench, a caption in capitals, a caption that wraps, a judge named after the court', () => {
  assert.deepEqual(found('Before TYMKOVICH, BRISCOE, and MORITZ, Circuit Judges.'), ['person: TYMKOVICH', 'person: BRISCOE', 'person: MORITZ']);
  assert.deepEqual(found('Opinion text.\nUNITED STATES DISTRICT COURT EASTERN DISTRICT OF TENNESSEE\nJan 26, 2021'), ['organisation: UNITED STATES DISTRICT COURT EASTERN DISTRICT OF TENNESSEE']);
  assert.deepEqual(found('Opinion text.\nFOCUS ON CHINA\nJan 26, 2021'), [], 'a heading in capitals with no head is no body');
  assert.deepEqual(found('    Appeals from the United States District Court\n    for the Northern District of California\n    Jeffrey S. White, District Judge, Presiding'), [
    'organisation: United States District Court\n    for the Northern District of California',
    'person: Jeffrey S. White',
  ]);
  const long = 'It was an appeal from the United States District Court for the Central District of California Cormac J. Carney, District Judge, Presiding, and it was argued and submitted in the spring of that year in the courthouse.';
  assert.deepEqual(found(long), ['organisation: United States District Court for the Central District of California', 'person: Cormac J. Carney']);
});

test('law firms are bodies; a state’s code after a town is not', () => {
  assert.deepEqual(found('Counsel: Arent Fox LLP, Washington, DC, and Nixon Peabody LLP, Boston, MA, for the defendant.'), ['organisation: Arent Fox LLP', 'organisation: Nixon Peabody LLP']);
  assert.deepEqual(found('Leaders of China, EU, and NATO met in the spring.'), ['organisation: EU', 'organisation: NATO'], 'a body’s acronym in a list stays one');
});

test('an acronym inside a run that names nothing as a whole (German nouns) is still a body', () => {
  assert.deepEqual(found('Ihr Interesse gilt Staatsangehörigen aus Mitgliedsländern der EU und der NATO.', 'de'), ['organisation: EU', 'organisation: NATO']);
});

test('a well-known body is never a person, even written in pinyin syllables or at the end of a run; a channel’s number stays with its acronym', () => {
  assert.deepEqual(found('Ziel sind Anhänger von Falun Gong in Deutschland, berichtete der Fernsehsender CCTV7 am Montag.', 'de'), ['organisation: Falun Gong', 'organisation: CCTV7']);
  assert.deepEqual(found('The report mentions Wang Lijun twice and Falun Gong once.'), ['person: Wang Lijun', 'organisation: Falun Gong']);
});
