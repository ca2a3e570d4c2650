/** The explorer's calls to the greyzone API; an error arrives as `{ error }` with a message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`/api${path}`, init);
  const body = (await res.json().catch(() => ({ error: res.statusText }))) as T & { error?: string };
  if (!res.ok) throw new ApiError(body.error ?? res.statusText, res.status);
  return body;
}

export interface Claim {
  id: string;
  subject: string;
  predicate: string;
  object: string | null;
  value: string | number | null;
  source: string;
  start: number;
  end: number;
  quote: string;
  standing: string;
  likelihood: string | null;
  reliability: string;
  credibility: number;
  record: string;
}
