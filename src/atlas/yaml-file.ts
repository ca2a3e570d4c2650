/**
 * @module atlas/yaml-file
 * One atlas file parsed as YAML (JSON is YAML too), with the way back from a path inside the
 * data to the line it was written on.
 */
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { FileProblem } from './text.ts';

export interface ParsedFile {
  data: unknown;
  /** 1-based line of the deepest node on `path` that exists (a missing key reports its parent). */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseYaml(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line || 1;
    throw new FileProblem(`not valid YAML or JSON: ${error.message.split('\n')[0]}`, line);
  }
  const lineAt = (offset: number) => lineCounter.linePos(offset).line || 1;
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = node && (node as Node).range ? lineAt((node as Node).range![0]) : 1;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
          if (!pair) break;
          const keyNode = pair.key as Node;
          if (keyNode.range) line = lineAt(keyNode.range[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key];
          if (node && (node as Node).range) line = lineAt((node as Node).range![0]);
        } else break;
      }
      return line;
    },
  };
}
