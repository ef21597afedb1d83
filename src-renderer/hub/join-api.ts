import type { JoinGrant } from '../../contracts/desktop-bridge.js';

/** Where a peer exchanges a join code for a token (the host's HTTP endpoint, beside the hub). */
const joinPath = '/api/join';

/** Exchanges a join code for a token; throws an Error in the host's words when refused. */
export async function redeemJoinCode(hostOrigin: string, code: string, name: string): Promise<JoinGrant> {
  let response: Response;
  try {
    response = await fetch(new URL(joinPath, hostOrigin), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, name }),
    });
  } catch {
    throw new Error(`The host at ${hostOrigin} cannot be reached.`);
  }
  const body = (await response.json().catch(() => ({}))) as Partial<JoinGrant> & { error?: string };
  if (!response.ok || typeof body.token !== 'string') throw new Error(body.error ?? `The host answered ${response.status}.`);
  return body as JoinGrant;
}

/**
 * Reads what a person pasted to join another dashboard: a link such as
 * `http://host:5150/#code=ABCDE-FGHJK` (its origin and code), or a bare code for this host.
 */
export function parseJoinTarget(input: string): { origin: string | undefined; code: string | undefined } {
  const text = input.trim();
  if (!/^https?:\/\//i.test(text)) return { origin: undefined, code: text || undefined };
  try {
    const url = new URL(text);
    const code = new URLSearchParams(url.hash.replace(/^#/, '')).get('code') ?? url.searchParams.get('code');
    return { origin: url.origin, code: code || undefined };
  } catch {
    return { origin: undefined, code: undefined };
  }
}
