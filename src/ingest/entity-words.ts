/**
 * @module ingest/entity-words
 * The words that mark a name in the four languages reports are written in, declared as data so
 * that the entity finder stays the same for each: the head nouns that end or open the name of a
 * body ("… Ministry", "Ministry of …", "Bundesamt für …", "… departamentas", "…amet"), titles and
 * roles before a person's name, verbs of speech after or before one, the small words that may
 * stand inside a name ("of", "für", "ir", "ja") and the function words that open a sentence but
 * never a name. Lower case throughout.
 */

export type Language = 'en' | 'de' | 'lt' | 'et';
export const LANGUAGES: Language[] = ['en', 'de', 'lt', 'et'];

export interface EntityWords {
  /** Whole words that make a run of capitalised words a body's name. */
  heads: string[];
  /** Endings of compound words that are bodies ("Bundesnachrichtendienst", "Kaitsepolitseiamet"). */
  compoundHeads: string[];
  /** Words of a programme's name ("… Plan", "Operation …"). */
  programmeHeads: string[];
  programmeOpeners: string[];
  /** Titles and roles before a person's name; a name after one is a person's. */
  titles: string[];
  /** Verbs of speech next to a person's name ("Roe said", "sagte Roe"). */
  speech: string[];
  /** Small words that may stand between the capitalised words of one name. */
  connectors: string[];
  /** Capitalised at a sentence's start but never a name's first word. */
  openers: string[];
  /** Words a person's name is never made of (roles, offices, months, days). */
  notNames: string[];
  /** Inflection endings stripped before a head is looked up (Lithuanian and Estonian cases). */
  endings: string[];
}

const EN_HEADS = `ministry department bureau division directorate university institute academy company corporation corp inc ltd llc llp pllc plc group association society council committee office agency service services court party front commission administration laboratory laboratories lab labs center centre foundation federation union bank police army navy force forces command assembly congress parliament senate house government school college hospital times network forum alliance organization organisation authority board unit team section branch station embassy consulate mission secretariat confederation chamber league movement guard corps fund trust exchange institution tribunal cabinet directorate-general commissariat prosecutor's attorney's holdings technologies technology systems electronics telecom telecommunications industries industry media agency's club council's cell`;

export const ENTITY_WORDS: Record<Language, EntityWords> = {
  en: {
    heads: EN_HEADS.split(/\s+/),
    compoundHeads: [],
    programmeHeads: ['plan', 'program', 'programme', 'initiative', 'project', 'strategy', 'campaign', 'scheme', 'scholar', 'scholars'],
    programmeOpeners: ['operation'],
    titles: `mr mrs ms miss dr prof professor assistant associate acting executive principal senior former charge judge justice senator sen rep representative congressman congresswoman minister secretary director president premier chairman chairwoman chair vice deputy chief general gen colonel col lieutenant lt captain capt major sergeant sgt admiral commander agent attorney ambassador consul commissioner inspector detective officer defendant defendants sir dame governor mayor speaker leader spokesperson spokesman spokeswoman councillor councilor magistrate prosecutor counsel solicitor barrister lawyer dean rector mp mep pastor father rabbi imam claimant claimants respondent respondents applicant applicants appellant appellants petitioner petitioners plaintiff plaintiffs appellee appellees defendant-appellant defendants-appellants plaintiff-appellee plaintiffs-appellees petitioner-appellant respondent-appellee`.split(/\s+/),
    speech: ['said', 'says', 'stated', 'added', 'told', 'noted', 'testified', 'explained', 'wrote', 'argued', 'warned', 'announced', 'asked', 'replied', 'remarked', 'commented', 'continued', 'concluded', 'emphasised', 'emphasized'],
    connectors: ['of', 'for', 'the', 'and', 'on', 'de', 'du', 'von', 'van', 'der', 'la', 'le', 'al', 'bin', 'da', 'di', '&'],
    openers: `one two three four five six seven eight nine ten several the a an in on at as by for from with and but or nor so yet this that these those his her their its our my your we he she they it i you there here when while where after before since during although though however moreover furthermore meanwhile according if unless because once then thus also both each every all some many most other such no not only even what which who whom whose why how today yesterday tomorrow last next under over between among against about into onto upon within without through throughout via per mr ms mrs dr`.split(/\s+/),
    notNames: `director division deputy bureau department attorney general officer agent secretary minister assistant acting special chief judge district court office ministry state states security justice national federal united province home house lords commons prime party government intelligence service police university committee council republic people's peoples central communist democratic foreign affairs defence defense public new north south east west eastern western northern southern january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday act law section article chapter part annex report statement update notes key messages threat overview program programme plan initiative strategy operation presiding argued submitted filed opinion pro hac san santa los las fort port saint lake mount alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming ontario quebec alberta queensland victoria tasmania`.split(/\s+/),
    endings: ['s'],
  },
  de: {
    heads: `ministerium bundesministerium landesministerium amt bundesamt landesamt behörde partei universität hochschule verband verein gesellschaft institut stiftung akademie kommission ausschuss botschaft konsulat generalkonsulat armee polizei gericht regierung landesregierung bundesregierung senat parlament rat kammer zentrum zentrale abteilung referat dienst büro agentur bank gmbh ag kg e.v. konzern gruppe union front liga bund kommando staatsanwaltschaft verfassungsschutz generalbundesanwalt bundesanwaltschaft bundestag bundesrat landtag bundesgerichtshof bundesnachrichtendienst bundeskriminalamt streitkräfte bundeswehr fraktion bundesverfassungsgericht oberlandesgericht landgericht amtsgericht verwaltungsgericht kammergericht städtetag landkreistag gemeindebund`.split(/\s+/),
    compoundHeads: ['ministerium', 'amt', 'ämter', 'senat', 'behörde', 'partei', 'universität', 'hochschule', 'gericht', 'gerichtshof', 'anwaltschaft', 'nachrichtendienst', 'kriminalamt', 'polizei', 'kommando', 'botschaft', 'konsulat', 'regierung', 'verband', 'institut', 'stiftung', 'akademie', 'kommission', 'ausschuss', 'bundestag', 'landtag', 'bundesrat', 'verfassungsschutz'],
    programmeHeads: ['plan', 'programm', 'initiative', 'projekt', 'strategie', 'kampagne'],
    programmeOpeners: ['operation', 'aktion'],
    titles: `herr herrn frau dr prof professor richter richterin minister ministerin bundesminister bundesministerin präsident präsidentin staatssekretär staatssekretärin abgeordnete abgeordneter abgeordneten botschafter botschafterin generalbundesanwalt generalbundesanwältin bundesanwalt vorsitzende vorsitzender sprecher sprecherin direktor direktorin leiter leiterin kanzler kanzlerin bundeskanzler bundeskanzlerin beschuldigte beschuldigten angeklagte angeklagten mitangeklagte mitangeklagten mitarbeiter mitarbeiterin`.split(/\s+/),
    speech: ['sagte', 'sagt', 'erklärte', 'erklärt', 'betonte', 'betont', 'warnte', 'teilte', 'sagten', 'berichtete', 'antwortete', 'schrieb'],
    connectors: ['für', 'der', 'des', 'und', 'von', 'zur', 'zum', 'beim', 'of', 'for', 'the', 'and', '&'],
    openers: `der die das den dem des ein eine einer eines einem einen im am in an auf aus bei mit nach seit von vor zu zur zum und oder aber doch denn wie wenn als ob dass da so auch noch nur schon sehr hier dort heute gestern morgen dieser diese dieses diesem diesen jener welche welcher welches es er sie wir ihr ich man sein seine ihre ihr unser zudem außerdem jedoch allerdings darüber hierbei dabei damit danach davor insbesondere nach laut gemäß gegen ohne über unter zwischen durch für um bis alle viele einige mehrere weitere andere neben trotz wegen während`.split(/\s+/),
    notNames: `januar februar märz april mai juni juli august september oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag bundes landes regierung ministerium amt herr frau`.split(/\s+/),
    endings: ['es', 's', 'en', 'n', 'e'],
  },
  lt: {
    heads: ['ministerija', 'departamentas', 'tarnyba', 'komitetas', 'seimas', 'teismas', 'prokuratūra', 'universitetas', 'partija', 'biuras', 'agentūra', 'institutas', 'bendrovė', 'taryba', 'komisija', 'policija', 'ambasada', 'konsulatas', 'vyriausybė', 'centras', 'asociacija', 'draugija', 'sąjunga', 'fondas', 'akademija', 'direktoratas', 'parlamentas', 'valdyba', 'inspekcija', 'kariuomenė', 'skyrius'],
    compoundHeads: [],
    programmeHeads: ['programa', 'planas', 'iniciatyva', 'projektas', 'strategija'],
    programmeOpeners: ['operacija'],
    titles: ['ponas', 'ponia', 'prezidentas', 'prezidentė', 'ministras', 'ministrė', 'direktorius', 'direktorė', 'pirmininkas', 'pirmininkė', 'teisėjas', 'teisėja', 'prokuroras', 'prokurorė', 'ambasadorius', 'generolas', 'dr', 'prof', 'kaltinamasis', 'kaltinamoji'],
    speech: ['sakė', 'teigė', 'pažymėjo', 'pabrėžė', 'pareiškė', 'nurodė'],
    connectors: ['ir'],
    openers: ['tai', 'šis', 'ši', 'šie', 'tačiau', 'be', 'taip', 'pat', 'jis', 'ji', 'jie', 'jos', 'kai', 'kad', 'kaip', 'nors', 'o', 'bet', 'ir', 'su', 'iš', 'į', 'per', 'prie', 'po', 'nuo', 'iki', 'dėl', 'pagal', 'apie', 'tarp', 'mes', 'kiti', 'kitos', 'daugelis', 'kinijos'],
    notNames: ['sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio'],
    endings: ['os', 'ai', 'ą', 'oje', 'a', 'ų', 'oms', 'as', 'o', 'ui', 'u', 'e', 'ams', 'us', 'uose', 'ė', 'ės', 'ei', 'ę', 'ių', 'iai', 'ijos', 'ijai', 'iją', 'ijoje', 'ija'],
  },
  et: {
    heads: ['ministeerium', 'amet', 'kohus', 'prokuratuur', 'ülikool', 'partei', 'erakond', 'selts', 'liit', 'instituut', 'keskus', 'komitee', 'komisjon', 'kogu', 'nõukogu', 'teenistus', 'politsei', 'saatkond', 'konsulaat', 'valitsus', 'akadeemia', 'sihtasutus', 'ühing', 'büroo', 'agentuur', 'riigikogu', 'riigikohus', 'kaitsevägi', 'osakond'],
    compoundHeads: ['ministeerium', 'amet', 'kohus', 'prokuratuur', 'ülikool', 'partei', 'erakond', 'teenistus', 'politsei', 'saatkond', 'valitsus', 'akadeemia', 'keskus', 'komisjon', 'kogu', 'nõukogu', 'vägi'],
    programmeHeads: ['programm', 'kava', 'algatus', 'projekt', 'strateegia'],
    programmeOpeners: ['operatsioon'],
    titles: ['härra', 'proua', 'president', 'minister', 'direktor', 'peadirektor', 'esimees', 'kohtunik', 'prokurör', 'suursaadik', 'kindral', 'dr', 'prof', 'süüdistatav', 'peaminister'],
    speech: ['ütles', 'sõnas', 'kinnitas', 'märkis', 'rõhutas', 'lisas', 'teatas'],
    connectors: ['ja'],
    openers: ['see', 'need', 'ta', 'nad', 'me', 'kui', 'et', 'kuid', 'ning', 'ja', 'samuti', 'lisaks', 'aga', 'või', 'selle', 'nende', 'mis', 'kes', 'kus', 'seal', 'siin', 'nii', 'ka', 'veel', 'pärast', 'enne', 'alates', 'hiina'],
    notNames: ['jaanuar', 'veebruar', 'märts', 'aprill', 'mai', 'juuni', 'juuli', 'august', 'september', 'oktoober', 'november', 'detsember'],
    endings: ['s', 'st', 'le', 'lt', 'l', 'ga', 'ks', 'na', 'ni', 'ta', 'i', 'd', 'de', 'te', 'sse', 'se', 'ist', 'isse', 'iga', 'ile', 'ilt'],
  },
};

/** Acronyms in capitals that are not bodies: numerals, currencies, common abbreviations (kept in capitals). */
export const NOT_BODIES = new Set(
  `StGB StPO GG BGB AWG ITAR EAR U.S.C. USC CFR UKHL UKSC EWCA EWHC AC QB KB WLR HRA RIPA U.S. D.C. SAC ASAC AUSA DPP DNSA KC QC I II III IV V VI VII VIII IX X XI XII XIII XIV XV XX AI IT TV ID OK AM PM CEO CFO CTO COO PDF GDP COVID SARS USD EUR CNY RMB GBP CAD AUD CHF PHD PH.D DNA VPN IP IOT USB GPS SIM SMS FAQ NB PS CV HR PR QC KC MP MPS MEP MEPS UK US USA PRC EU UN NGO NGOS SOE SOES R&D RFID 5G 4G 3G IOS PC HQ ISBN ISSN URL HTML NOTE NR NO ABS BZW VGL DR PROF MR MS MRS ST JR SR CO INC LTD LLC PLC GMBH AG KG EV OTS UTC GMT CET CEST AD BC BCE CE A.M P.M`
    .split(/\s+/)
    .map((a) => a.toUpperCase()),
);

/** Bodies, alliances, platforms and companies known by a name that has no head word. */
export const WELL_KNOWN_BODIES = new Set(
  `NATO G7 G8 G20 ASEAN OSCE Interpol Europol Eurojust Frontex UN EU OECD WTO WHO IMF BRICS Quad AUKUS Huawei ZTE Alibaba Tencent Baidu ByteDance TikTok WeChat Weibo Douyin Xiaohongshu Hikvision Dahua DJI SMIC Lenovo Xiaomi Sinopec CNOOC COSCO Xinhua CGTN CCTV LinkedIn Facebook Twitter Google Microsoft Apple Amazon Meta Instagram YouTube Telegram WhatsApp Signal Zoom Nuctech Boeing Airbus Siemens Volkswagen BASF Bosch Nvidia Intel Qualcomm Samsung Kaspersky Wikipedia Reuters Bloomberg Politico Congress`
    .split(/\s+/)
    .concat(['Five Eyes', 'Falun Gong']),
);
