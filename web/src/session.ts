/**
 * Who is using the explorer. An embedded explorer has one local user and no signing in; a team
 * server asks for an access token once and keeps a session cookie (HttpOnly: this code never
 * sees it).
 */
import { api } from './api.ts';

export interface SessionAccount {
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
  clearance: string;
}

export interface Session {
  mode: 'embedded' | 'server';
  account: SessionAccount | null;
}

let cached: Promise<Session> | undefined;

/** Who is signed in; asked once, and again after signing in or out. */
export function currentSession(): Promise<Session> {
  cached ??= api<Session>('/session').catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

export function forgetSession(): void {
  cached = undefined;
}

/** Whether the signed-in account may edit records (analysts and admins). */
export async function mayEdit(): Promise<boolean> {
  const role = (await currentSession()).account?.role;
  return role === 'analyst' || role === 'admin';
}

export async function signIn(token: string): Promise<SessionAccount> {
  const r = await api<{ account: SessionAccount }>('/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  forgetSession();
  return r.account;
}

export async function signOut(): Promise<void> {
  await api('/session', { method: 'DELETE' });
  forgetSession();
}
