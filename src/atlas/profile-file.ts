/**
 * @module atlas/profile-file
 * An exposure profile read from a YAML (or JSON) file, checked by its schema and against the atlas
 * (its sectors must be the atlas's), every problem as `file:line: message` — as `validate` reports.
 */
import type { z } from 'zod';
import { profileSchema, type Profile } from '../model/profile.ts';
import { matchSectors, ProfileError } from './exposure.ts';
import type { Atlas } from './load.ts';
import { FileProblem } from './text.ts';
import { parseYaml } from './yaml-file.ts';

/** A profile that cannot be used: the message is `file:line: problem`. */
export class ProfileFileError extends Error {}

/** The profile's data checked by its schema, or the first problem with where it is. */
export function checkProfile(data: unknown, atlas: Atlas): { profile: Profile } | { path: PropertyKey[]; message: string } {
  const parsed = profileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]! as z.core.$ZodIssue;
    const field = issue.path.map(String).join('.');
    return { path: issue.path, message: field ? `${field}: ${issue.message}` : issue.message };
  }
  try {
    matchSectors(atlas, parsed.data);
  } catch (e) {
    if (e instanceof ProfileError) return { path: e.path, message: `${e.path.join('.')}: ${e.message}` };
    throw e;
  }
  return { profile: parsed.data };
}

export function readProfile(text: string, file: string, atlas: Atlas): Profile {
  let parsed: ReturnType<typeof parseYaml>;
  try {
    parsed = parseYaml(text);
  } catch (e) {
    if (e instanceof FileProblem) throw new ProfileFileError(`${file}:${e.line}: ${e.message}`);
    throw e;
  }
  const checked = checkProfile(parsed.data, atlas);
  if ('profile' in checked) return checked.profile;
  throw new ProfileFileError(`${file}:${parsed.lineOf(checked.path)}: ${checked.message}`);
}
