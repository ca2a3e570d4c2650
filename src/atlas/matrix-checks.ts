/**
 * @module atlas/matrix-checks
 * Rules of the approach matrix: tactics form one ordered row of columns; a sub-technique sits
 * under its parent; every mapping names a technique that exists in the framework it names; every
 * technique is shown in use, by a claim quoting a source or a procedure example from a case.
 */
import { frameworkTechniques } from './frameworks.ts';
import type { AtlasIssue } from './issue.ts';
import { recordsOf, type Atlas } from './load.ts';

export function checkMatrix(atlas: Atlas): AtlasIssue[] {
  const issues: AtlasIssue[] = [];
  const seen = { order: new Map<number, string>(), shortname: new Map<string, string>() };
  for (const t of recordsOf(atlas, 'tactic')) {
    for (const key of ['order', 'shortname'] as const) {
      const other = (seen[key] as Map<unknown, string>).get(t.data[key]);
      if (other) issues.push({ file: t.file, line: t.lineOf([key]), message: `${key} ${t.data[key]} is also ${other}'s` });
      else (seen[key] as Map<unknown, string>).set(t.data[key], t.id);
    }
  }

  const inCases = new Set(recordsOf(atlas, 'case').flatMap((c) => c.data.techniques.map((u) => u.technique)));
  for (const t of recordsOf(atlas, 'technique')) {
    const { id, parent, mappings, claims } = t.data;
    const dot = id.indexOf('.');
    if (dot > 0 && parent !== id.slice(0, dot)) {
      issues.push({ file: t.file, line: t.lineOf(['parent']), message: `sub-technique ${id} must have parent ${id.slice(0, dot)}` });
    }
    const parentRec = parent ? atlas.records.get(parent) : undefined;
    if (parentRec?.kind === 'technique') {
      const own = (parentRec.data as { tactics: string[] }).tactics;
      const stray = t.data.tactics.filter((x) => !own.includes(x));
      if (stray.length) issues.push({ file: t.file, line: t.lineOf(['tactics']), message: `tactics ${stray.join(', ')} are not tactics of its parent ${parent}` });
    }
    if (dot < 0 && parent !== undefined) {
      issues.push({ file: t.file, line: t.lineOf(['parent']), message: `only a sub-technique (${id}.001 …) has a parent` });
    }
    mappings.forEach((m, i) => {
      if (!frameworkTechniques(atlas, m.framework).has(m.id)) {
        issues.push({ file: t.file, line: t.lineOf(['mappings', i, 'id']), message: `mappings.${i}: ${m.framework} has no technique ${m.id}` });
      }
    });
    const twice = mappings.find((m, i) => mappings.findIndex((n) => n.framework === m.framework && n.id === m.id) !== i);
    if (twice) issues.push({ file: t.file, line: t.lineOf(['mappings']), message: `mapping to ${twice.framework} ${twice.id} is listed twice` });
    if (claims.length === 0 && !inCases.has(id)) {
      issues.push({ file: t.file, line: 1, message: `${id} has neither a claim quoting a source nor a procedure example in a case` });
    }
  }
  return issues;
}
