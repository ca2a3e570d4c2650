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

/** An answer that is a file (a CSV report), as a Blob; errors as for api(). */
export async function apiFile(path: string, init?: RequestInit): Promise<Blob> {
  const res = await fetch(`/api${path}`, init);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({ error: res.statusText }))) as { error?: string };
    throw new ApiError(body.error ?? res.statusText, res.status);
  }
  return res.blob();
}

/** A claim as the API sends it: the model's own type (src/model/claim.ts). */
export type { Claim } from '../../src/model/claim.ts';
