/**
 * @module interop/stix/validate
 * STIX 2.1 validation: each object against the OASIS JSON Schema of its own type (carried in
 * `standards/stix2.1-json-schemas`), plus the rules the schemas cannot express, and a bundle's
 * envelope, duplicate ids and dangling references. `common/bundle.json` is not used: its
 * `oneOf` rejects valid location, note, grouping, opinion, incident, extension-definition and
 * custom objects, so objects are checked one by one and the envelope by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import { STANDARDS_DIR } from '../../util/standards.ts';
import { compareTimestamps } from '../../util/stix-time.ts';
import { TLP1_MARKING_IDS } from './tlp.ts';

export interface StixProblem {
  /** The object's id; '' (validateStixObject) or `objects[<index>]` (checkBundle) when it has no usable one. */
  id: string;
  /** JSON pointer to the offending property ('' for the object itself); a missing property is named. */
  field: string;
  message: string;
}

/** Where the schemas' relative `$ref`s resolve: their `$id`s, not the files' location. */
const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const SCHEMA_DIRS = ['common', 'sdos', 'sros', 'observables'] as const;
/** The object types whose schema sits in common/ (the rest of common/ are building blocks). */
const COMMON_OBJECT_TYPES = new Set(['marking-definition', 'language-content', 'extension-definition']);
const CORE = 'common/core.json';

/** An RFC 4122 UUID (versions 1–5, variant 10xx), the form the schemas' identifier.json requires. */
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const EXTENSION_DEFINITION_ID = /^extension-definition--/;

/**
 * Ids that need not be in a bundle: the four TLP 1.0 marking-definitions STIX 2.1 predefines, and
 * CISA's identity, the `created_by_ref` of the OASIS TLP 2.0 extension-definition — OASIS publishes
 * no object for it, so a bundle carrying the TLP 2.0 markings could never resolve it.
 */
export const WELL_KNOWN_IDS: ReadonlySet<string> = new Set([
  ...Object.keys(TLP1_MARKING_IDS),
  'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
]);

interface Schemas {
  ajv: Ajv2020;
  /** STIX type → schema path under SCHEMA_BASE, for the types the schemas define. */
  pathOfType: Map<string, string>;
  /** Compiled validators by schema path, filled on first use of each. */
  compiled: Map<string, ValidateFunction>;
  /** The parsed schema files by file name (unique across the four folders), to explain errors. */
  raw: Map<string, unknown>;
}

let schemas: Schemas | undefined;
// Ajv and ajv-formats (CommonJS) are required on first use too: loading them alone adds ~60 ms to
// the start of every process that imports this module.
const require = createRequire(import.meta.url);

/** The Ajv instance with every schema added; built on first use, since reading and adding 57 files costs time. */
function loadSchemas(): Schemas {
  if (schemas) return schemas;
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;
  // unicodeRegExp off: core.json's type pattern has `\-`, an invalid escape under the `u` flag.
  // Not verbose: properties.json's anyOf makes throwaway errors for every property, and verbose
  // ones cost a third of the speed; the few messages that need the subschema look it up instead.
  const ajv = new Ajv({ unicodeRegExp: false, strictTypes: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('idn-hostname', true); // ajv-formats has none; hostnames are not worth a punycode check here
  const pathOfType = new Map<string, string>();
  const raw = new Map<string, unknown>();
  for (const dir of SCHEMA_DIRS) {
    for (const file of readdirSync(`${STANDARDS_DIR}/stix2.1-json-schemas/${dir}`)) {
      if (!file.endsWith('.json')) continue;
      const schema = JSON.parse(readFileSync(`${STANDARDS_DIR}/stix2.1-json-schemas/${dir}/${file}`, 'utf8')) as object;
      ajv.addSchema(schema);
      raw.set(file, schema);
      const type = file.slice(0, -'.json'.length);
      if (dir !== 'common' || COMMON_OBJECT_TYPES.has(type)) pathOfType.set(type, `${dir}/${file}`);
    }
  }
  schemas = { ajv, pathOfType, compiled: new Map(), raw };
  return schemas;
}

/** The schema path for a type: its own schema, or core.json for custom and unknown types. */
function schemaPathOf(type: unknown): string {
  return (typeof type === 'string' && loadSchemas().pathOfType.get(type)) || CORE;
}

function validatorFor(path: string): ValidateFunction {
  const { ajv, compiled } = loadSchemas();
  let validate = compiled.get(path);
  if (!validate) {
    validate = ajv.getSchema(SCHEMA_BASE + path);
    if (!validate) throw new Error(`STIX schema ${path} did not load`);
    compiled.set(path, validate);
  }
  return validate;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pointerStep = (key: string | number): string => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** The value a JSON pointer names, or undefined. */
function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const step of pointer.split('/').slice(1)) {
    const key = step.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * The subschema an Ajv schemaPath names. Ajv restarts the path at each $ref: `../dir/f.json/kw` for
 * a keyword at that file's root, else `#/…` in whichever file was entered last, which is not
 * recorded — so `#/…` is looked up in the type's own file, then the two cores, then any file.
 */
function subschemaAt(typePath: string, schemaPath: string): unknown {
  const { raw } = loadSchemas();
  if (!schemaPath.startsWith('#')) {
    const end = schemaPath.indexOf('.json') + '.json'.length;
    return valueAt(raw.get(schemaPath.slice(schemaPath.lastIndexOf('/', end - 1) + 1, end)), schemaPath.slice(end));
  }
  const own = typePath.slice(typePath.lastIndexOf('/') + 1);
  for (const file of [own, 'core.json', 'cyber-observable-core.json', ...raw.keys()]) {
    const found = valueAt(raw.get(file), schemaPath.slice(1));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Keywords whose failure only says a branch failed; the branch's own errors say why. */
const COMPOSITE = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'then', 'else']);

/** Ajv's wording for a `not`, made to say what was not allowed. */
function notMessage(obj: Record<string, unknown>, typePath: string, e: ErrorObject): { field: string; message: string } {
  const schema = subschemaAt(typePath, e.schemaPath);
  const field = e.instancePath;
  if (!isRecord(schema)) return { field, message: 'must NOT be valid' };
  if (typeof schema.pattern === 'string') return { field, message: `must not match pattern "${schema.pattern}"` };
  if (Array.isArray(schema.enum)) return { field, message: `must not be any of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` };
  // Forbidden properties (core.json's STIX 2.0-era names, exclusive pairs in observables): name the one present.
  const names = (Array.isArray(schema.anyOf) ? schema.anyOf : [schema]).flatMap((s: unknown) => (isRecord(s) && Array.isArray(s.required) ? (s.required as string[]) : []));
  const data = valueAt(obj, field);
  const present = names.find((n) => isRecord(data) && Object.hasOwn(data, n));
  if (present !== undefined) return { field: field + pointerStep(present), message: `must not have property '${present}' here` };
  return { field, message: 'must NOT be valid' };
}

function problemOf(obj: Record<string, unknown>, id: string, typePath: string, e: ErrorObject): StixProblem {
  const params = e.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[]; allowedValue?: unknown };
  let field = e.instancePath;
  let message = e.message ?? e.keyword;
  if (e.keyword === 'not') ({ field, message } = notMessage(obj, typePath, e));
  else if (e.keyword === 'pattern') message = patternMessage(typePath, e.schemaPath) ?? message;
  if (params.missingProperty !== undefined) field += pointerStep(params.missingProperty);
  if (params.additionalProperty !== undefined) {
    field += pointerStep(params.additionalProperty);
    message = 'is not an allowed property name';
  }
  if (params.allowedValues) message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  if (params.allowedValue !== undefined) message += `: ${JSON.stringify(params.allowedValue)}`;
  return { id, field, message };
}

/** The three patterns nearly every object meets, said in words rather than as regular expressions. */
function patternMessage(typePath: string, schemaPath: string): string | undefined {
  if (schemaPath.endsWith('identifier.json/pattern')) return "must be '<type>--' and an RFC 4122 UUID";
  if (schemaPath.endsWith('timestamp.json/pattern')) return 'must be an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.fraction]Z)';
  const parent = subschemaAt(typePath, schemaPath.slice(0, -'/pattern'.length));
  if (isRecord(parent) && parent.title === 'timestamp_millis') return 'must be precise to the millisecond (…T00:00:00.000Z)';
  return undefined;
}

/**
 * marking-definition.json is a oneOf of "any marking" and "one of the four TLP 1.0 markings" (itself
 * a oneOf of four), and Ajv reports every branch's failures; keep only the branch the id says was meant.
 */
function relevantToMarking(obj: Record<string, unknown>, e: ErrorObject): boolean {
  const tlp1 = typeof obj.id === 'string' && Object.hasOwn(TLP1_MARKING_IDS, obj.id);
  if (!tlp1) return !e.schemaPath.startsWith('#/oneOf/1/') && !e.schemaPath.startsWith('#/definitions/tlp_');
  if (e.schemaPath.startsWith('#/oneOf/0/') || e.schemaPath.startsWith('#/definitions/statement')) return false;
  const tlpDefinition = /^#\/definitions\/(tlp_[a-z]+)\//.exec(e.schemaPath)?.[1];
  return tlpDefinition === undefined || valueAt(loadSchemas().raw.get('marking-definition.json'), `/definitions/${tlpDefinition}/properties/id/enum/0`) === obj.id;
}

/**
 * An anyOf/oneOf that failed reports every branch's errors. Branches that only miss properties are
 * taken as the ones meant over branches whose values do not fit (external-reference's "cve" and
 * "capec" branches, for a reference with neither), and what the remaining branches ask for at one
 * place is joined into one problem ("must be array, or be string, …").
 */
function joinAlternatives(obj: Record<string, unknown>, id: string, typePath: string, errors: readonly ErrorObject[]): { rest: ErrorObject[]; joined: StixProblem[] } {
  let rest = [...errors];
  const joined: StixProblem[] = [];
  const valueComposites = new Set<ErrorObject>();
  const missesOnly = (e: ErrorObject) => e.keyword === 'required' || (COMPOSITE.has(e.keyword) && !valueComposites.has(e));
  // Ajv reports a composite after its branches, so inner ones are joined before outer ones see them.
  for (const composite of errors) {
    if ((composite.keyword !== 'anyOf' && composite.keyword !== 'oneOf') || !rest.includes(composite)) continue;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of rest) {
      const within = e.instancePath === composite.instancePath || e.instancePath.startsWith(`${composite.instancePath}/`);
      if (e === composite || !within || !e.schemaPath.startsWith(`${composite.schemaPath}/`)) continue;
      const branch = e.schemaPath.slice(composite.schemaPath.length + 1).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size < 2) continue;
    const fitting = [...branches.values()].filter((es) => es.every(missesOnly));
    const kept = fitting.length > 0 ? fitting : [...branches.values()];
    if (fitting.length === 0) valueComposites.add(composite);
    const dropped = new Set([...branches.values()].filter((es) => !kept.includes(es)).flat());
    rest = rest.filter((e) => !dropped.has(e));
    const leavesOf = (es: ErrorObject[]) => es.filter((e) => !COMPOSITE.has(e.keyword));
    if (kept.length < 2 || !kept.every((es) => leavesOf(es).length > 0 && leavesOf(es).every((e) => e.instancePath === composite.instancePath))) continue;
    const wants = kept.map((es) => [...new Set(leavesOf(es).map((e) => problemOf(obj, id, typePath, e).message.replace(/^must /, '')))].join(' and '));
    joined.push({ id, field: composite.instancePath, message: `must ${wants.join(', or ')}` });
    const used = new Set(kept.flatMap(leavesOf));
    rest = rest.filter((e) => !used.has(e));
  }
  return { rest, joined };
}

/** Ajv's errors as problems: alternatives joined, composites dropped when a leaf explains them, repeats dropped. */
function schemaProblems(obj: Record<string, unknown>, id: string, typePath: string, errors: readonly ErrorObject[]): StixProblem[] {
  const relevant = obj.type === 'marking-definition' ? errors.filter((e) => relevantToMarking(obj, e)) : errors;
  const { rest, joined } = joinAlternatives(obj, id, typePath, relevant);
  const leaves = rest.filter((e) => !COMPOSITE.has(e.keyword));
  if (leaves.length === 0 && joined.length === 0) return dedupe(relevant.map((e) => problemOf(obj, id, typePath, e)));
  return dedupe([...leaves.map((e) => problemOf(obj, id, typePath, e)), ...joined]);
}

function dedupe(problems: StixProblem[]): StixProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.id}\0${p.field}\0${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Compares two STIX timestamps exactly (Date would drop DISARM's microseconds); undefined if either is malformed. */

/** The marking references of an object, with where each stands. */
function markingRefs(obj: Record<string, unknown>): { field: string; ref: unknown }[] {
  const out: { field: string; ref: unknown }[] = [];
  const { object_marking_refs: omr, granular_markings: gm } = obj;
  if (Array.isArray(omr)) omr.forEach((ref, i) => out.push({ field: `/object_marking_refs/${i}`, ref }));
  if (Array.isArray(gm)) {
    gm.forEach((g, i) => {
      if (isRecord(g)) out.push({ field: `/granular_markings/${i}/marking_ref`, ref: g.marking_ref });
    });
  }
  return out;
}

/** Whether a granular-marking selector (`a.b.[0].c`) names something present in the object. */
function selects(obj: Record<string, unknown>, selector: string): boolean {
  let at: unknown = obj;
  for (const step of selector.split('.')) {
    const index = /^\[(\d+)\]$/.exec(step);
    if (index) {
      if (!Array.isArray(at) || Number(index[1]) >= at.length) return false;
      at = at[Number(index[1])];
    } else {
      if (!isRecord(at) || !Object.hasOwn(at, step)) return false;
      at = at[step];
    }
  }
  return true;
}

/**
 * The spec's rules the schemas miss (their README lists them), those cheap enough to check on
 * every object: the id's type and UUID, created ≤ modified, what common references point at, a
 * marking-definition not marked by itself, and granular selectors that select something.
 */
function ruleProblems(obj: Record<string, unknown>, id: string, idFlagged: boolean): StixProblem[] {
  const problems: StixProblem[] = [];
  const add = (field: string, message: string) => problems.push({ id, field, message });
  const { type } = obj;

  // identifier.json checks the UUID but not, for custom types, that the prefix is the type.
  if (!idFlagged && typeof type === 'string' && typeof obj.id === 'string') {
    if (!obj.id.startsWith(`${type}--`)) add('/id', `must start with '${type}--', the object's type`);
    else if (!UUID.test(obj.id.slice(type.length + 2))) add('/id', 'must end in an RFC 4122 UUID');
  }
  if (compareTimestamps(obj.created, obj.modified) === 1) add('/modified', `must not be earlier than created (${String(obj.created)})`);
  // Spans the spec orders: an end strictly after its start, or a last sighting not before the first.
  for (const [from, to, strict] of [['start_time', 'stop_time', true], ['valid_from', 'valid_until', true], ['first_seen', 'last_seen', false], ['first_observed', 'last_observed', false]] as const) {
    const order = compareTimestamps(obj[from], obj[to]);
    if (order === 1 || (strict && order === 0)) add(`/${to}`, `must be ${strict ? 'later than' : 'no earlier than'} ${from} (${String(obj[from])})`);
  }
  if (typeof obj.created_by_ref === 'string' && !obj.created_by_ref.startsWith('identity--')) {
    add('/created_by_ref', "must refer to an identity (start with 'identity--')");
  }
  for (const { field, ref } of markingRefs(obj)) {
    if (typeof ref !== 'string') continue;
    if (!ref.startsWith('marking-definition--')) add(field, "must refer to a marking-definition (start with 'marking-definition--')");
    else if (type === 'marking-definition' && ref === obj.id) add(field, 'a marking-definition must not mark itself');
  }
  if (Array.isArray(obj.granular_markings)) {
    obj.granular_markings.forEach((g, i) => {
      if (!isRecord(g) || !Array.isArray(g.selectors)) return;
      g.selectors.forEach((s, j) => {
        if (typeof s === 'string' && !selects(obj, s)) add(`/granular_markings/${i}/selectors/${j}`, `selects nothing in the object: '${s}'`);
      });
    });
  }
  return problems;
}

/**
 * Problems of one object: the schema of its type (compiled lazily, once per type; core.json for
 * custom and unknown types) and the rules the schemas miss — the id is `<type>--<RFC 4122 UUID>`
 * with the object's own type, created ≤ modified, created_by_ref names an identity and marking
 * references name marking-definitions, no marking-definition marks itself, and every
 * granular-marking selector selects something present.
 */
export function validateStixObject(obj: unknown): StixProblem[] {
  if (!isRecord(obj)) return [{ id: '', field: '', message: 'must be a JSON object' }];
  const id = typeof obj.id === 'string' ? obj.id : '';
  const typePath = schemaPathOf(obj.type);
  const validate = validatorFor(typePath);
  const problems = validate(obj) ? [] : schemaProblems(obj, id, typePath, validate.errors ?? []);
  const idFlagged = problems.some((p) => p.field === '/id');
  return dedupe([...problems, ...ruleProblems(obj, id, idFlagged)]);
}

/** Each reference with the JSON pointer where it stands (see referencesOf). */
function referencesWithFields(obj: Record<string, unknown>): { field: string; ref: string }[] {
  const out: { field: string; ref: string }[] = [];
  const walk = (value: unknown, field: string, parentType: unknown) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${field}/${i}`, undefined));
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, v] of Object.entries(value)) {
      const at = field + pointerStep(key);
      // observed-data's deprecated `objects` is a local dictionary: refs inside it name its own keys.
      if (key === 'objects' && parentType === 'observed-data') continue;
      if (key.endsWith('_ref') && typeof v === 'string') out.push({ field: at, ref: v });
      else if (key.endsWith('_refs') && Array.isArray(v)) {
        v.forEach((r, i) => {
          if (typeof r === 'string') out.push({ field: `${at}/${i}`, ref: r });
        });
      } else {
        if (key === 'extensions' && isRecord(v)) {
          for (const name of Object.keys(v)) if (EXTENSION_DEFINITION_ID.test(name)) out.push({ field: at + pointerStep(name), ref: name });
        }
        walk(v, at, undefined);
      }
    }
  };
  walk(obj, '', obj.type);
  return out;
}

/**
 * Every id one object refers to, each once: values of properties named *_ref / *_refs at any depth
 * (object_marking_refs, granular_markings[].marking_ref, created_by_ref …) and the keys of
 * `extensions` that are extension-definition ids.
 */
/** Whether a value is a bundle's id: `bundle--` and an RFC 4122 UUID. */
export function isBundleId(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith('bundle--') && UUID.test(id.slice('bundle--'.length));
}

export function referencesOf(obj: Record<string, unknown>): string[] {
  return [...new Set(referencesWithFields(obj).map((r) => r.ref))];
}

function envelopeProblems(bundle: unknown): { problems: StixProblem[]; objects: unknown[] | undefined } {
  if (!isRecord(bundle)) return { problems: [{ id: '', field: '', message: 'a bundle must be a JSON object' }], objects: undefined };
  const id = typeof bundle.id === 'string' ? bundle.id : 'bundle';
  const problems: StixProblem[] = [];
  if (bundle.type !== 'bundle') problems.push({ id, field: '/type', message: `must be 'bundle', not ${JSON.stringify(bundle.type)}` });
  if (!isBundleId(bundle.id)) {
    problems.push({ id, field: '/id', message: "must be 'bundle--' and an RFC 4122 UUID" });
  }
  if (!Array.isArray(bundle.objects)) {
    problems.push({ id, field: '/objects', message: 'must be an array of STIX objects' });
    return { problems, objects: undefined };
  }
  if (bundle.objects.length === 0) problems.push({ id, field: '/objects', message: 'must NOT have fewer than 1 items' });
  return { problems, objects: bundle.objects };
}

/** Marking-definitions marking each other round in a circle (self-marking is validateStixObject's). */
function markingCycles(markings: Map<string, { obj: Record<string, unknown>; label: string }>): StixProblem[] {
  const problems: StixProblem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]) => {
    state.set(id, 'open');
    const { obj, label } = markings.get(id)!;
    for (const { field, ref } of markingRefs(obj)) {
      if (typeof ref !== 'string' || ref === id || !markings.has(ref)) continue;
      if (state.get(ref) === 'open') {
        const cycle = [...path.slice(path.indexOf(ref)), id, ref];
        problems.push({ id: label, field, message: `markings form a cycle: ${cycle.join(' → ')}` });
      } else if (!state.has(ref)) visit(ref, [...path, id]);
    }
    state.set(id, 'done');
  };
  for (const id of markings.keys()) if (!state.has(id)) visit(id, []);
  return problems;
}

/**
 * The whole bundle: the envelope (type 'bundle', id 'bundle--<uuid>', objects a non-empty array),
 * every object, ids used twice with different content, references that resolve neither to an
 * object in the bundle nor to a well-known id, and marking-definitions that mark each other in a
 * cycle. Two versions of one object (same id, different `modified`) are allowed, as the spec allows them.
 */
export function checkBundle(bundle: unknown): StixProblem[] {
  const { problems, objects } = envelopeProblems(bundle);
  if (!objects) return problems;

  const labels = objects.map((o, i) => (isRecord(o) && typeof o.id === 'string' && o.id !== '' ? o.id : `objects[${i}]`));
  const ids = new Set<string>();
  /** First index of each version: id and `modified` (SCOs and marking-definitions have none). */
  const firstOfVersion = new Map<string, number>();
  const markings = new Map<string, { obj: Record<string, unknown>; label: string }>();
  objects.forEach((obj, i) => {
    const label = labels[i]!;
    for (const p of validateStixObject(obj)) problems.push({ ...p, id: label });
    if (!isRecord(obj) || typeof obj.id !== 'string') return;
    ids.add(obj.id);
    if (obj.type === 'marking-definition' && !markings.has(obj.id)) markings.set(obj.id, { obj, label });
    const version = `${obj.id}\0${String(obj.modified)}`;
    const first = firstOfVersion.get(version);
    if (first === undefined) firstOfVersion.set(version, i);
    else if (!isDeepStrictEqual(objects[first], obj)) {
      problems.push({ id: label, field: '/id', message: `objects[${i}] has the id of objects[${first}] with different content` });
    }
  });

  objects.forEach((obj, i) => {
    if (!isRecord(obj)) return;
    for (const { field, ref } of referencesWithFields(obj)) {
      if (!ids.has(ref) && !WELL_KNOWN_IDS.has(ref)) problems.push({ id: labels[i]!, field, message: `refers to ${ref}, which is not in the bundle` });
    }
  });
  return [...problems, ...markingCycles(markings)];
}
