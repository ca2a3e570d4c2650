/**
 * @module interop/stix/render
 * The words of a bundle that greyzone turns into claims, as a plain-text document: each intrusion
 * set's id, name, associated groups and description; each actor the atlas already knows, with its
 * aliases and description; and each relationship between them — in the producer's own words and a
 * fixed order. The text is the source that imported claims quote with offsets; the same objects
 * always render to the same text, so a second import recognises its source.
 */
import { attackIdOf } from '../../atlas/frameworks.ts';

type Span = [number, number];
type StixObject = Record<string, unknown>;

interface Described {
  object: StixObject;
  name: string;
  aliases: string[];
  description: string | undefined;
  /** Lines of the text, as [start, end) code-point offsets. */
  header: Span;
  aliasLine?: Span;
  body?: Span;
}

export interface RenderedSet extends Described {
  /** ATT&CK's group id (G0022), when the producer gives one. */
  externalId: string | undefined;
}

export type RenderedActor = Described;

export interface RenderedLink {
  object: StixObject;
  /** The relationship as a sentence: `APT1 attributed-to Communist Party of China`. */
  line: Span;
  body?: Span;
}

export interface LinkInput {
  object: StixObject;
  sourceName: string;
  targetName: string;
}

const TITLE = 'Intrusion sets in a STIX 2.1 bundle: identifiers, names, associated groups and descriptions';
const TITLE_WITH_ACTORS = 'Intrusion sets, actors and their relationships in a STIX 2.1 bundle: identifiers, names, aliases and descriptions';

const clean = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() ? s.trim().replace(/\s*\n\s*/g, ' ') : undefined);
const aliasesOf = (o: StixObject): string[] => [...((o.aliases as string[] | undefined) ?? []), ...((o.x_opencti_aliases as string[] | undefined) ?? [])].map((a) => String(a).trim()).filter(Boolean);
const byName = (a: { name: string; object: StixObject }, b: { name: string; object: StixObject }) => a.name.localeCompare(b.name) || String(a.object.id).localeCompare(String(b.object.id));

export function renderBundle(intrusionSets: StixObject[], actors: StixObject[] = [], links: LinkInput[] = []): { text: string; sets: RenderedSet[]; actors: RenderedActor[]; links: RenderedLink[] } {
  let text = `${actors.length || links.length ? TITLE_WITH_ACTORS : TITLE}\n\n`;
  let at = [...text].length;
  const line = (s: string): Span => {
    const span: Span = [at, at + [...s].length];
    text += `${s}\n`;
    at = span[1] + 1;
    return span;
  };
  const described = <T extends { name: string; aliases: string[]; description: string | undefined }>(d: T, header: string, aliasLabel: string): T & Pick<Described, 'header' | 'aliasLine' | 'body'> => {
    const head = line(header);
    const aliasLine = d.aliases.length ? line(`${aliasLabel}: ${d.aliases.join(', ')}`) : undefined;
    const body = d.description ? line(d.description) : undefined;
    line('');
    return { ...d, header: head, ...(aliasLine ? { aliasLine } : {}), ...(body ? { body } : {}) };
  };

  const sets = intrusionSets
    .map((object) => ({ object, externalId: attackIdOf(object), name: String(object.name).trim(), aliases: aliasesOf(object), description: clean(object.description) }))
    .sort((a, b) => (a.externalId ?? '~').localeCompare(b.externalId ?? '~') || byName(a, b))
    .map((s) => described(s, s.externalId ? `${s.externalId} ${s.name}` : s.name, 'Associated groups'));
  const renderedActors = actors
    .map((object) => ({ object, name: String(object.name).trim(), aliases: aliasesOf(object), description: clean(object.description) }))
    .sort(byName)
    .map((a) => described(a, a.name, 'Aliases'));
  const renderedLinks = links
    .map((l) => ({ ...l, sentence: `${l.sourceName} ${String(l.object.relationship_type)} ${l.targetName}` }))
    .sort((a, b) => a.sentence.localeCompare(b.sentence) || String(a.object.id).localeCompare(String(b.object.id)))
    .map((l): RenderedLink => {
      const span = line(l.sentence);
      const description = clean(l.object.description);
      const body = description ? line(description) : undefined;
      line('');
      return { object: l.object, line: span, ...(body ? { body } : {}) };
    });
  return { text, sets, actors: renderedActors, links: renderedLinks };
}
