import type { Conflict } from '../store/editor-slice.js';

const hubExceptionMarker = 'HubException: ';

/**
 * The host's own words in an error the client raised. An invocation the host refused reads
 * "An unexpected error occurred invoking 'X' on the server. HubException: <text>", a refused
 * negotiation "Failed to complete negotiation with the server: Error: <text>: Status code '401'".
 */
export function hostMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const marker = text.indexOf(hubExceptionMarker);
  if (marker >= 0) return text.slice(marker + hubExceptionMarker.length);
  const negotiation = /^Failed to complete negotiation with the server: (?:Error: )?([\s\S]*?)(?:: Status code '\d+')?$/.exec(text);
  return negotiation ? negotiation[1]! : text;
}

/**
 * What the host itself said about a failure (a HubException, or a refusal with a status), for
 * people; undefined when the network failed and there is nothing the host said.
 */
export function hostReason(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const fromHost =
    text.includes(hubExceptionMarker) || /Status code '\d+'/.test(text) || /^(An unexpected error occurred invoking|Failed to invoke|An error occurred on the server)/.test(text);
  return fromHost ? hostMessage(error) : undefined;
}

/** The host wants credentials this page does not have: a join code is needed. */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof Error && /Status code '401'/.test(error.message);
}

/** The method a role check refused ("Failed to invoke 'X' because user is unauthorized"). */
export function refusedMethod(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : String(error);
  return /Failed to invoke '([^']+)' because user is unauthorized/.exec(text)?.[1];
}

/** A save refused because someone else saved the dashboard since the editor's base version. */
export function parseConflict(error: unknown): Conflict | undefined {
  const message = hostMessage(error);
  const match = /^Dashboard '[\s\S]*' was saved by [\s\S]* as version (\d+) after your version \d+/.exec(message);
  return match ? { message, version: Number(match[1]) } : undefined;
}
