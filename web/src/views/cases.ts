/**
 * The documented cases: a list, a timeline of their events (one row per case) and a world map of
 * the countries involved. Everything is drawn here from bundled data — the map's shapes come from
 * the `world-atlas` package, so the page makes no request beyond the greyzone API.
 */
import isoCountries from 'i18n-iso-countries';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json' with { type: 'json' };
import { api } from '../api.ts';
import { entityHref, h } from '../dom.ts';

interface CaseEvent {
  date: string;
  date_to: string | null;
  type: string;
  description: string;
}
interface CaseItem {
  id: string;
  title: string;
  date: string;
  countries: string[];
  people: { id: string; name: string; role: string; standing: string }[];
  outcome: string;
  events: CaseEvent[];
}
interface Country {
  id: string;
  iso: string;
  name: string;
}


const SVG_NS = 'http://www.w3.org/2000/svg';
type SvgChild = Node | string | number | null | undefined | false;
/** Like `h`, for SVG elements: attributes are set as attributes and text is always text. */
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number | undefined> = {}, ...children: (SvgChild | SvgChild[])[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2021" / "2021-05" / "2021-05-14" as words: "2021", "May 2021", "14 May 2021". */
export function formatPartialDate(date: string): string {
  const [y, m, d] = String(date).split('-');
  if (!m) return y ?? '';
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** The first instant of a partial date's period (UTC ms): "2021" → 1 Jan 2021, "2021-05" → 1 May 2021. */
export function periodStart(date: string): number {
  const [y, m, d] = String(date).split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** The instant just past a partial date's period: "2019" → 1 Jan 2020. */
function periodEnd(date: string): number {
  const [y, m, d] = String(date).split('-').map(Number);
  if (d !== undefined) return Date.UTC(y!, m! - 1, d + 1);
  if (m !== undefined) return Date.UTC(y!, m, 1);
  return Date.UTC(y! + 1, 0, 1);
}

/** Event types grouped for the markers' colours. */
const EVENT_GROUPS: { label: string; colour: string; types: string[] }[] = [
  { label: 'Approach, contact, payment', colour: '#1f5fae', types: ['approach', 'contact', 'payment'] },
  { label: 'Warning, intervention', colour: '#b35c00', types: ['warning', 'intervention'] },
  { label: 'Arrest, charge, trial, conviction, sentence', colour: '#8b1020', types: ['arrest', 'extradition', 'charge', 'indictment', 'plea', 'trial', 'conviction', 'sentence'] },
  // An acquittal or a dismissal is drawn as prominently as a conviction, in a colour of its own.
  { label: 'Acquittal, dismissal, charges dropped', colour: '#1b7a3a', types: ['acquittal', 'dismissal'] },
  { label: 'Other', colour: '#4d5566', types: [] },
];
const groupOf = (type: string) => EVENT_GROUPS.find((g) => g.types.includes(type)) ?? EVENT_GROUPS[EVENT_GROUPS.length - 1]!;

/** A case's title before its colon: "Xu Yanjun: MSS officer …" → "Xu Yanjun". */
const shortTitle = (title: string) => {
  const t = title.split(':')[0]!.trim();
  return t.length > 30 ? `${t.slice(0, 28).trimEnd()}…` : t;
};

export default async function cases(root: HTMLElement): Promise<void> {
  const [{ items }, { items: countries }] = await Promise.all([api<{ total: number; items: CaseItem[] }>('/cases'), api<{ items: Country[] }>('/countries')]);
  document.title = 'Cases — greyzone';
  const list = [...items].sort((a, b) => String(a.date).localeCompare(String(b.date)) || a.title.localeCompare(b.title));
  const countryById = new Map(countries.map((c) => [c.id, c]));
  const countryName = (id: string) => countryById.get(id)?.name ?? id;

  root.append(
    h('h1', {}, 'Cases'),
    h('p', { class: 'muted' }, `${list.length} documented ${list.length === 1 ? 'case' : 'cases'}, each built from the claims of its public sources.`),
    h(
      'table',
      { class: 'cases-table' },
      h('caption', {}, 'Documented cases, oldest first'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Case'), h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Countries'), h('th', { scope: 'col' }, 'How it ended'))),
      h(
        'tbody',
        {},
        list.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, h('a', { href: `/case/${encodeURIComponent(c.id)}` }, c.title)),
            h('td', { class: 'nowrap' }, h('time', { datetime: String(c.date) }, formatPartialDate(c.date))),
            h(
              'td',
              {},
              c.countries.flatMap((id, i) => [i ? ', ' : '', h('a', { href: entityHref(id) }, countryName(id))]),
            ),
            // Each person's standing as the latest record gives it, an acquittal as plainly as a conviction.
            h(
              'td',
              { class: 'case-ending', title: c.outcome },
              c.people.length
                ? c.people.map((p) => h('div', {}, h('span', { class: `standing standing-${p.standing}` }, p.standing), ' ', p.name))
                : h('span', { class: 'muted' }, c.outcome.length > 60 ? `${c.outcome.slice(0, 58).trimEnd()}…` : c.outcome),
            ),
          ),
        ),
      ),
    ),
    h('h2', { id: 'timeline-heading' }, 'Timeline'),
    timeline(list),
    eventList(list),
    h('h2', { id: 'map-heading' }, 'Countries involved'),
    worldMap(list, countries),
  );
}

function timeline(list: CaseItem[]): HTMLElement {
  const events = list.flatMap((c) => c.events);
  if (!events.length) return h('p', { class: 'muted' }, 'No dated events.');
  const years = events.flatMap((e) => [periodStart(e.date), e.date_to ? periodEnd(e.date_to) - 1 : periodStart(e.date)]).map((t) => new Date(t).getUTCFullYear());
  const y0 = Math.min(...years);
  const y1 = Math.max(...years) + 1;
  const t0 = Date.UTC(y0, 0, 1);
  const t1 = Date.UTC(y1, 0, 1);

  const width = 1100;
  const labelW = 220;
  const right = 20;
  const rowH = 34;
  const top = 14;
  const axisH = 30;
  const height = top + list.length * rowH + axisH;
  const x = (t: number) => labelW + ((t - t0) / (t1 - t0)) * (width - labelW - right);
  const step = y1 - y0 > 30 ? 5 : y1 - y0 > 14 ? 2 : 1;

  const ticks: SVGElement[] = [];
  for (let y = y0; y <= y1; y += step) {
    const tx = x(Date.UTC(y, 0, 1));
    ticks.push(
      s('line', { class: 'tick', x1: tx, x2: tx, y1: top - 6, y2: top + list.length * rowH }),
      s('text', { class: 'tick-label', x: tx, y: top + list.length * rowH + 18, 'text-anchor': 'middle' }, y),
    );
  }

  const rows = list.map((c, i) => {
    const cy = top + i * rowH + rowH / 2;
    return s(
      'g',
      { class: 'timeline-row' },
      s('title', {}, c.title),
      s('line', { class: 'row-line', x1: labelW, x2: width - right, y1: cy, y2: cy }),
      s('text', { class: 'row-label', x: labelW - 10, y: cy + 4, 'text-anchor': 'end' }, shortTitle(c.title)),
      c.events.map((e) => {
        const ex = x(periodStart(e.date));
        const g = groupOf(e.type);
        const when = e.date_to ? `${formatPartialDate(e.date)} – ${formatPartialDate(e.date_to)}` : formatPartialDate(e.date);
        return s(
          'g',
          { class: 'event', 'data-date': String(e.date), 'data-type': e.type },
          s('title', {}, `${when} · ${e.type} · ${e.description}`),
          e.date_to ? s('line', { class: 'span', x1: ex, x2: x(periodEnd(e.date_to)), y1: cy, y2: cy, stroke: g.colour }) : null,
          s('circle', { cx: ex, cy, r: 6, fill: g.colour }),
        );
      }),
    );
  });

  const svg = s(
    'svg',
    {
      class: 'timeline',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': `Timeline of ${events.length} events in ${list.length} cases, ${y0} to ${y1 - 1}, one row per case; the list of events follows.`,
      preserveAspectRatio: 'xMinYMin meet',
    },
    ticks,
    rows,
  );
  return h(
    'figure',
    { class: 'timeline-figure' },
    svg,
    h(
      'figcaption',
      {},
      h(
        'ul',
        { class: 'legend inline-legend' },
        // The colour is an SVG attribute, not an inline style: the page's content security policy forbids those.
        EVENT_GROUPS.map((g) => h('li', {}, s('svg', { class: 'marker-swatch', viewBox: '0 0 14 14', width: 14, height: 14, 'aria-hidden': 'true' }, s('circle', { cx: 7, cy: 7, r: 6, fill: g.colour })), g.label)),
      ),
      h('p', { class: 'muted' }, 'A date given only as a year or a month is placed at the start of that year or month; a span runs to the end of its last period. Hover a marker for its date, type and description.'),
    ),
  );
}

/** The timeline's events as text, for reading and for screen readers. */
function eventList(list: CaseItem[]): HTMLElement {
  return h(
    'details',
    { class: 'event-list' },
    h('summary', {}, 'The events as a list'),
    list.map((c) =>
      h(
        'section',
        {},
        h('h3', {}, h('a', { href: `/case/${encodeURIComponent(c.id)}` }, c.title)),
        h(
          'ol',
          {},
          [...c.events]
            .sort((a, b) => periodStart(a.date) - periodStart(b.date))
            .map((e) =>
              h(
                'li',
                {},
                h('time', { datetime: String(e.date) }, formatPartialDate(e.date)),
                e.date_to ? [' – ', h('time', { datetime: String(e.date_to) }, formatPartialDate(e.date_to))] : null,
                ' ',
                h('span', { class: 'event-type' }, e.type),
                ' ',
                e.description,
              ),
            ),
        ),
      ),
    ),
  );
}

function worldMap(list: CaseItem[], countries: Country[]): HTMLElement {
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const shapes = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;

  // Numeric id → the cases involving that country.
  const involved = new Map<string, { country: Country; cases: CaseItem[] }>();
  const unmapped: Country[] = [];
  for (const country of countries) {
    const cs = list.filter((c) => c.countries.includes(country.id));
    if (!cs.length) continue;
    // world-atlas keys its shapes by the ISO 3166-1 numeric code; the ISO tables give it for every country.
    const num = isoCountries.alpha2ToNumeric(country.iso.toUpperCase());
    if (num) involved.set(num, { country, cases: cs });
    else unmapped.push(country);
  }

  const width = 960;
  const height = 500;
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const named = [...involved.values()].map((v) => v.country.name).sort();

  const svg = s(
    'svg',
    {
      class: 'world-map',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': named.length ? `World map; countries involved in the cases are highlighted: ${named.join(', ')}.` : 'World map; no country is recorded in the cases.',
    },
    s('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }),
    shapes.features.map((f) => {
      const id = String(f.id ?? '');
      const hit = involved.get(id);
      const d = path(f) ?? '';
      if (!d) return null;
      return s(
        'path',
        { class: hit ? 'country involved' : 'country', d, 'data-country': hit?.country.iso, 'data-numeric': id || undefined },
        s('title', {}, hit ? `${hit.country.name}: ${hit.cases.map((c) => c.title).join('; ')}` : (f.properties?.name ?? '')),
      );
    }),
  );
  return h(
    'figure',
    { class: 'map-figure' },
    svg,
    h(
      'figcaption',
      {},
      h(
        'ul',
        { class: 'legend inline-legend' },
        h('li', {}, h('span', { class: 'swatch map-swatch involved', 'aria-hidden': 'true' }), 'Involved in at least one case'),
        h('li', {}, h('span', { class: 'swatch map-swatch', 'aria-hidden': 'true' }), 'Not involved'),
      ),
      h(
        'ul',
        { class: 'map-countries' },
        [...involved.values(), ...unmapped.map((country) => ({ country, cases: list.filter((c) => c.countries.includes(country.id)) }))]
          .sort((a, b) => a.country.name.localeCompare(b.country.name))
          .map(({ country, cases: cs }) =>
            h(
              'li',
              {},
              h('a', { href: entityHref(country.id) }, country.name),
              ': ',
              cs.flatMap((c, i) => [i ? '; ' : '', h('a', { href: `/case/${encodeURIComponent(c.id)}` }, shortTitle(c.title))]),
            ),
          ),
      ),
      h('p', { class: 'muted' }, 'Boundaries: Natural Earth 1:110m via world-atlas, drawn in the page; no map tiles are loaded.'),
    ),
  );
}
