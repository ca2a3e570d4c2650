/**
 * @module interop/stix/render
 * The words of a bundle that greyzone turns into claims, as a plain-text document: each intrusion
 * set's id and name, its associated group names, and its description, in the producer's own words
 * and a fixed order. The text is the source that imported claims quote with offsets; the same
 * objects always render to the same text, so a second import recognises its source.
 */
import { attackIdOf } from '../../atlas/frameworks.ts';

export interface RenderedSet {
  object: Record<string, unknown>;
  /** ATT&CK's group id (G0022), when the producer gives one. */
  externalId: string | undefined;
  name: string;
  aliases: string[];
  description: string | undefined;
  /** Lines of the text, as [start, end) code-point offsets. */
  header: [number, number];
  associated?: [number, number];
  body?: [number, number];
}

export const RENDER_TITLE = 'Intrusion sets in a STIX 2.1 bundle: identifiers, names, associated groups and descriptions';

export function renderIntrusionSets(objects: Record<string, unknown>[]): { text: string; sets: RenderedSet[] } {
  const sets = objects
    .map((object) => ({
      object,
      externalId: attackIdOf(object),
      name: String(object.name).trim(),
      aliases: ((object.aliases as string[] | undefined) ?? []).map((a) => a.trim()).filter(Boolean),
      description: typeof object.description === 'string' && object.description.trim() ? object.description.trim().replace(/\s*\n\s*/g, ' ') : undefined,
    }))
    .sort((a, b) => (a.externalId ?? '~').localeCompare(b.externalId ?? '~') || a.name.localeCompare(b.name) || String(a.object.id).localeCompare(String(b.object.id)));
  let text = `${RENDER_TITLE}\n\n`;
  let at = [...text].length;
  const line = (s: string): [number, number] => {
    const span: [number, number] = [at, at + [...s].length];
    text += `${s}\n`;
    at = span[1] + 1;
    return span;
  };
  const rendered = sets.map((s): RenderedSet => {
    const header = line(s.externalId ? `${s.externalId} ${s.name}` : s.name);
    const associated = s.aliases.length ? line(`Associated groups: ${s.aliases.join(', ')}`) : undefined;
    const body = s.description ? line(s.description) : undefined;
    line('');
    return { ...s, header, ...(associated ? { associated } : {}), ...(body ? { body } : {}) };
  });
  return { text, sets: rendered };
}
