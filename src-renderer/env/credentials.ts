/**
 * The token this page signs in with. An owner link's token (`#token=`) lasts as long as the tab
 * (sessionStorage) so it does not linger on a shared machine; a token obtained with a join code
 * lasts across visits (localStorage) so a peer joins once. The app's windows get theirs from the
 * preload and store nothing.
 */
export type CredentialSource = 'app' | 'link' | 'join';

export interface Credential {
  readonly token: string;
  readonly source: CredentialSource;
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

export function currentCredential(appToken: string | undefined): Credential | undefined {
  if (appToken) return { token: appToken, source: 'app' };
  const link = sessionStorage.getItem(linkTokenKey);
  if (link) return { token: link, source: 'link' };
  const joined = localStorage.getItem(joinTokenKey);
  return joined ? { token: joined, source: 'join' } : undefined;
}

/** Keeps a joined token; it replaces an owner link's, since the person chose to join with a code. */
export function saveJoinedCredential(token: string, name: string): void {
  sessionStorage.removeItem(linkTokenKey);
  localStorage.setItem(joinTokenKey, token);
  localStorage.setItem(joinNameKey, name);
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
