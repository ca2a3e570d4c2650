/**
 * A case page: what happened, to whom, by whom, with which methods and how it ended — every
 * section followed by the claims that support it, quoted from their sources. A person's standing
 * is shown exactly as the sources give it ("alleged" stays "alleged").
 */
import { api, type Claim } from '../api.ts';
import { claimView } from '../claims.ts';
import { entityHref, h } from '../dom.ts';
import { stixDownload } from '../downloads.ts';

interface Span {
  source: string;
  start: number;
  end: number;
}
interface CaseRecord {
  id: string;
  title: string;
  summary: string;
  date: string;
  countries: { country: string; role: string; claims: Span[] }[];
  people: { person: string; role: string; standing: string; claims: Span[] }[];
  actors: { entity: string; role: string; claims: Span[] }[];
  events: { date: string; date_to?: string; type: string; person?: string; term?: string; description: string; claims: Span[] }[];
  techniques: { technique: string; by?: string; claims: Span[] }[];
  sectors: { sector: string; claims: Span[] }[];
  target_groups: { target_group: string; claims: Span[] }[];
  amounts: { amount: number; currency: string; approximate: boolean; what: string; claims: Span[] }[];
  outcome: { text: string; claims: Span[] };
  claims: Span[];
}
interface RecordView {
  id: string;
  kind: string;
  name: string;
  record: CaseRecord;
  claims: Claim[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2021" / "2021-05" / "2021-05-14" as words: "2021", "May 2021", "14 May 2021". */
function formatDate(date: string): string {
  const [y, m, d] = String(date).split('-');
  if (!m) return y ?? '';
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** An ISO 8601 duration in words: P20Y → "20 years", P37M → "37 months", P1Y6M → "1 year 6 months". */
export function formatTerm(term: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(term);
  if (!m) return term;
  const parts = [
    [m[1], 'year', 'years'],
    [m[2], 'month', 'months'],
    [m[3], 'day', 'days'],
  ]
    .filter(([n]) => n !== undefined)
    .map(([n, one, many]) => `${Number(n)} ${Number(n) === 1 ? one : many}`);
  return parts.join(' ') || term;
}

/** An amount with its currency: "about £500,000" when the source gives it as approximate. */
export function formatAmount(amount: number, currency: string, approximate: boolean): string {
  let text: string;
  try {
    text = new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 }).format(amount);
  } catch {
    text = `${amount.toLocaleString('en-GB')} ${currency}`;
  }
  return approximate ? `about ${text}` : text;
}

/** A kebab-case role as words: "intelligence-officer" → "intelligence officer". */
const words = (slug: string) => slug.replace(/-/g, ' ');

/**
 * Hands out the case's claims to the parts of the page they support, each claim once: a part takes
 * the claims of its section's predicate that match its key and, where possible, the spans its
 * record entry cites.
 */
class ClaimPool {
  private readonly used = new Set<string>();
  constructor(private readonly all: Claim[]) {}

  take(match: (c: Claim) => boolean, spans?: Span[]): Claim[] {
    const free = this.all.filter((c) => !this.used.has(c.id) && match(c));
    const cited = spans?.length ? free.filter((c) => spans.some((s) => s.source === c.source && s.start === c.start && s.end === c.end)) : [];
    const taken = cited.length ? cited : free;
    for (const c of taken) this.used.add(c.id);
    return taken;
  }

  rest(): Claim[] {
    return this.take(() => true);
  }
}

/** The claims behind a part of the page, open so the quotes can be read at once. */
function supporting(claims: Claim[], label = 'Supporting claims'): HTMLElement | null {
  if (!claims.length) return null;
  return h('details', { class: 'supporting', open: true }, h('summary', {}, `${label} (${claims.length})`), h('div', { class: 'claims' }, claims.map(claimView)));
}

function section(id: string, title: string, ...body: (Node | null | false | (Node | null)[])[]): HTMLElement {
  return h('section', { class: 'case-section', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

export default async function casePage(root: HTMLElement, ctx: { params: string[]; query: URLSearchParams }): Promise<void> {
  const id = ctx.params[0] ?? '';
  const [view, names] = await Promise.all([api<RecordView>(`/entities/${encodeURIComponent(id)}`), api<{ items: { id: string; kind: string; name: string }[] }>('/entities?limit=1000')]);
  if (view.kind !== 'case') {
    document.title = `${view.name} — greyzone`;
    root.append(h('h1', {}, view.name), h('p', {}, `This record is a ${view.kind}, not a case. `, h('a', { href: entityHref(view.id) }, 'Open its page'), '.'));
    return;
  }
  const rec = view.record;
  const nameById = new Map(names.items.map((x) => [x.id, x.name]));
  const nameOf = (ref: string) => nameById.get(ref) ?? ref;
  const ref = (ref: string) => h('a', { href: entityHref(ref) }, nameOf(ref));
  const pool = new ClaimPool(view.claims);
  const pred = (p: string) => (c: Claim) => c.predicate === p;
  document.title = `${rec.title} — greyzone`;

  const countries = rec.countries ?? [];
  const people = rec.people ?? [];
  const actors = rec.actors ?? [];
  const events = rec.events ?? [];
  const techniques = rec.techniques ?? [];
  const sectors = rec.sectors ?? [];
  const groups = rec.target_groups ?? [];
  const amounts = rec.amounts ?? [];

  const sections: (HTMLElement | null)[] = [];

  // Summary: the case's own description.
  sections.push(
    section(
      'case-summary',
      'Summary',
      h('p', { class: 'case-summary' }, rec.summary),
      h('p', { class: 'muted' }, 'The summary is written in greyzone’s own words; the quotes below are the sources’.'),
      supporting(pool.take(pred('described-as'), rec.claims)),
    ),
  );

  if (countries.length) {
    const items = countries.map((c) => {
      const claims = pool.take((x) => x.predicate === 'involved-country' && x.object === c.country && (x.value === null || x.value === c.role), c.claims);
      return h('li', {}, h('p', { class: 'item-line' }, ref(c.country), ' — ', h('span', { class: 'role' }, words(c.role))), supporting(claims));
    });
    sections.push(section('case-countries', 'Countries', h('ul', { class: 'case-items' }, items), supporting(pool.take(pred('involved-country')), 'Further claims')));
  }

  if (people.length) {
    const items = people.map((p) => {
      const claims = pool.take((x) => x.predicate === 'role-in-case' && x.subject === p.person && (x.value === null || x.value === p.role), p.claims);
      return h(
        'li',
        { 'data-person': p.person },
        h(
          'p',
          { class: 'item-line' },
          ref(p.person),
          ' — ',
          h('span', { class: 'role' }, words(p.role)),
          ' ',
          h('span', { class: `standing standing-${p.standing}`, title: 'Standing in the sources, as they give it' }, p.standing),
        ),
        supporting(claims),
      );
    });
    sections.push(
      section(
        'case-people',
        'People',
        h('p', { class: 'muted' }, 'The badge gives each person’s standing exactly as the sources state it.'),
        h('ul', { class: 'case-items' }, items),
        supporting(pool.take((x) => x.predicate === 'role-in-case' && people.some((p) => p.person === x.subject)), 'Further claims'),
      ),
    );
  }

  if (actors.length) {
    const items = actors.map((a) => {
      const claims = pool.take((x) => x.predicate === 'role-in-case' && x.subject === a.entity && (x.value === null || x.value === a.role), a.claims);
      return h('li', { 'data-actor': a.entity }, h('p', { class: 'item-line' }, ref(a.entity), ' — ', h('span', { class: 'role' }, words(a.role))), supporting(claims));
    });
    sections.push(
      section(
        'case-actors',
        'Actors',
        h('ul', { class: 'case-items' }, items),
        supporting(pool.take((x) => x.predicate === 'role-in-case' && actors.some((a) => a.entity === x.subject)), 'Further claims'),
      ),
    );
  }

  if (events.length) {
    const items = events.map((e) => {
      const claims = pool.take(
        (x) => x.predicate === `event-${e.type}` && (x.value === null || String(x.value) === String(e.date)) && (!e.person || x.object === null || x.object === e.person),
        e.claims,
      );
      return h(
        'li',
        { 'data-type': e.type },
        h(
          'p',
          { class: 'item-line' },
          h('time', { datetime: String(e.date), class: 'event-date' }, formatDate(e.date)),
          e.date_to ? [' – ', h('time', { datetime: String(e.date_to), class: 'event-date' }, formatDate(e.date_to))] : null,
          ' ',
          h('span', { class: 'event-type' }, words(e.type)),
          ' ',
          e.person ? [ref(e.person), ': '] : null,
          e.description,
          e.term ? [' ', h('span', { class: 'term' }, `Term: ${formatTerm(e.term)}`)] : null,
        ),
        supporting(claims),
      );
    });
    sections.push(section('case-events', 'Events', h('ol', { class: 'case-items case-events' }, items), supporting(pool.take((x) => x.predicate.startsWith('event-')), 'Further claims')));
  }

  if (techniques.length) {
    const items = techniques.map((t) => {
      const claims = pool.take((x) => x.predicate === 'used-technique' && x.object === t.technique && (!t.by || x.subject === t.by), t.claims);
      return h(
        'li',
        { 'data-technique': t.technique },
        h(
          'p',
          { class: 'item-line' },
          h('a', { href: entityHref(t.technique) }, h('span', { class: 'tid' }, t.technique), ' ', nameOf(t.technique)),
          t.by ? [' — by ', ref(t.by)] : null,
        ),
        supporting(claims),
      );
    });
    sections.push(
      section(
        'case-techniques',
        'Techniques',
        h('p', {}, h('a', { href: `/matrix?case=${encodeURIComponent(rec.id)}` }, 'Show these techniques in the approach matrix')),
        h('ul', { class: 'case-items' }, items),
        supporting(pool.take(pred('used-technique')), 'Further claims'),
      ),
    );
  }

  if (sectors.length) {
    const items = sectors.map((x) => h('li', {}, h('p', { class: 'item-line' }, ref(x.sector)), supporting(pool.take((c) => c.predicate === 'targeted-sector' && c.object === x.sector, x.claims))));
    sections.push(section('case-sectors', 'Sectors', h('ul', { class: 'case-items' }, items), supporting(pool.take(pred('targeted-sector')), 'Further claims')));
  }

  if (groups.length) {
    const items = groups.map((x) =>
      h('li', {}, h('p', { class: 'item-line' }, ref(x.target_group)), supporting(pool.take((c) => c.predicate === 'targeted-group' && c.object === x.target_group, x.claims))),
    );
    sections.push(section('case-target-groups', 'Target groups', h('ul', { class: 'case-items' }, items), supporting(pool.take(pred('targeted-group')), 'Further claims')));
  }

  if (amounts.length) {
    const items = amounts.map((a) => {
      const claims = pool.take((c) => c.predicate === 'amount' && (c.value === null || String(c.value) === `${a.amount} ${a.currency}`), a.claims);
      return h('li', {}, h('p', { class: 'item-line' }, h('strong', { class: 'amount' }, formatAmount(a.amount, a.currency, a.approximate)), ' — ', a.what), supporting(claims));
    });
    sections.push(section('case-amounts', 'Amounts', h('ul', { class: 'case-items' }, items), supporting(pool.take(pred('amount')), 'Further claims')));
  }

  if (rec.outcome) {
    sections.push(section('case-outcome', 'Outcome', h('p', {}, rec.outcome.text), supporting(pool.take(pred('outcome'), rec.outcome.claims))));
  }

  // Anything left: claims whose predicate no section above shows.
  const rest = pool.rest();
  if (rest.length) sections.push(section('case-other-claims', 'Other claims', h('div', { class: 'claims' }, rest.map(claimView))));

  root.append(
    h(
      'header',
      { class: 'case-header' },
      h('p', { class: 'muted kind' }, h('a', { href: '/cases' }, 'Cases'), ' › case'),
      h('h1', {}, rec.title),
      h(
        'p',
        { class: 'case-meta' },
        'Known by ',
        h('time', { datetime: String(rec.date) }, formatDate(rec.date)),
        countries.length ? [' · ', ...[...new Set(countries.map((c) => c.country))].flatMap((c, i) => [i ? ', ' : '', ref(c)])] : null,
        ' · ',
        `${view.claims.length} claims`,
        ' · ',
        stixDownload({ case: rec.id }, rec.id),
      ),
      // How it ended, first: an acquittal or a dismissal is read before anything the charge alleged.
      rec.outcome
        ? h(
            'p',
            { class: 'case-ending' },
            h('a', { href: '#case-outcome' }, 'How it ended'),
            ': ',
            people.flatMap((p) => [h('span', { class: `standing standing-${p.standing}` }, p.standing), ' ', ref(p.person), ' ']),
            people.length ? '— ' : '',
            rec.outcome.text,
          )
        : null,
    ),
    h(
      'nav',
      { class: 'case-toc', 'aria-label': 'Sections of this case' },
      h(
        'ul',
        {},
        sections.filter((x): x is HTMLElement => x !== null).map((x) => {
          const heading = x.querySelector('h2');
          return h('li', {}, h('a', { href: `#${heading?.id ?? ''}`, onclick: (e: Event) => jumpTo(e, heading) }, heading?.textContent ?? ''));
        }),
      ),
    ),
    ...sections.filter((x): x is HTMLElement => x !== null),
  );
}

/**
 * Moves to a section of this page without asking the router for a new view (which would
 * re-render the page): the heading is scrolled into view and takes the focus.
 */
function jumpTo(e: Event, heading: HTMLElement | null): void {
  e.preventDefault();
  e.stopPropagation();
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}
