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

export function currentSession(): Promise<Session> {
  return api<Session>('/session');
}

export async function signIn(token: string): Promise<SessionAccount> {
  const r = await api<{ account: SessionAccount }>('/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  return r.account;
}

export async function signOut(): Promise<void> {
  await api('/session', { method: 'DELETE' });
}
