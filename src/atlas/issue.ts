/**
 * @module atlas/issue
 * Problems found in the atlas are data; one formatter turns them into the `file:line: message`
 * lines that `greyzone validate` promises.
 */
export interface AtlasIssue {
  /** Path of the file, as given to the loader (relative to the working directory when possible). */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  message: string;
}

export function formatIssue(issue: AtlasIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

export function sortIssues(issues: AtlasIssue[]): AtlasIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
}
