import type { HubdeckBridge } from '../../contracts/desktop-bridge.js';

/**
 * The token this page signs in with. An owner link's token (`#token=`) is short-lived and
 * renewed while the page is connected; it lasts as long as the tab (sessionStorage) so it does
 * not linger on a shared machine. A token obtained with a join code lasts across visits
 * (localStorage) so a peer joins once. The app's windows ask the shell for a fresh owner token
 * at every connection and store nothing.
 */
export type CredentialSource = 'app' | 'link' | 'join';

export interface Credential {
  readonly source: CredentialSource;
  /** The token to sign in with now. */
  token(): string | Promise<string>;
}

const linkTokenKey = 'hubdeck.linkToken';
const joinTokenKey = 'hubdeck.joinToken';
const joinNameKey = 'hubdeck.joinName';

/** What an address's fragment carried; a join code is kept in memory to prefill the join form. */
export interface FragmentSecrets {
  readonly joinCode: string | undefined;
}

/**
 * Reads `#token=` and `#code=` from the address, keeps the token, and removes both from the
 * address bar so they are neither bookmarked nor shown over someone's shoulder.
 */
export function takeFragmentSecrets(location: Location, history: History): FragmentSecrets {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  const code = fragment.get('code');
  if (token === null && code === null) return { joinCode: undefined };
  if (token) sessionStorage.setItem(linkTokenKey, token);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return { joinCode: code || undefined };
}

export function currentCredential(bridge: HubdeckBridge | undefined): Credential | undefined {
  if (bridge) return { source: 'app', token: () => bridge.ownerToken() };
  // Read at every connection: a renewed link token replaces the one the link carried.
  if (sessionStorage.getItem(linkTokenKey)) return { source: 'link', token: () => sessionStorage.getItem(linkTokenKey) ?? '' };
  const joined = localStorage.getItem(joinTokenKey);
  return joined ? { source: 'join', token: () => joined } : undefined;
}

/** Keeps a joined token; it replaces an owner link's, since the person chose to join with a code. */
export function saveJoinedCredential(token: string, name: string): Credential {
  sessionStorage.removeItem(linkTokenKey);
  localStorage.setItem(joinTokenKey, token);
  localStorage.setItem(joinNameKey, name);
  return { source: 'join', token: () => token };
}

/** Keeps the owner link's renewed token for the rest of the tab's life. */
export function saveRenewedLinkToken(token: string): void {
  sessionStorage.setItem(linkTokenKey, token);
}

/** Drops a stored token the host refused (revoked, expired, from another host's key). */
export function forgetCredential(source: CredentialSource): void {
  if (source === 'link') sessionStorage.removeItem(linkTokenKey);
  if (source === 'join') localStorage.removeItem(joinTokenKey);
}

/** The name this browser last joined with, to prefill the join form. */
export function lastJoinName(): string {
  return localStorage.getItem(joinNameKey) ?? '';
}
