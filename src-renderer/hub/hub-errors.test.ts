import { describe, expect, it } from 'vitest';
import { hostMessage, hostReason, isUnauthorized, parseConflict, refusedMethod } from './hub-errors.js';

describe('hub errors', () => {
  it("reads the host's words out of a refused invocation", () => {
    const error = new Error("An unexpected error occurred invoking 'SilenceAlert' on the server. HubException: There is no alert 'x'.");
    expect(hostMessage(error)).toBe("There is no alert 'x'.");
  });

  it('recognises a refused negotiation and its reason', () => {
    const error = new Error("Failed to complete negotiation with the server: Error: This host is shared: sign in with the owner link or join it with a code.: Status code '401'");
    expect(isUnauthorized(error)).toBe(true);
    expect(hostMessage(error)).toBe('This host is shared: sign in with the owner link or join it with a code.');
    expect(isUnauthorized(new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch'))).toBe(false);
  });

  it('tells what the host said from what the network did', () => {
    expect(hostReason(new Error('Server returned an error on close: Connection closed with an error. HubException: Your access to this host was revoked.'))).toBe(
      'Your access to this host was revoked.',
    );
    expect(hostReason(new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch'))).toBeUndefined();
    expect(hostReason(new Error('WebSocket closed with status code: 1006 ().'))).toBeUndefined();
    expect(hostReason(new Error('Invocation canceled due to the underlying connection being closed.'))).toBeUndefined();
    expect(hostReason(new Error("An unexpected error occurred invoking 'SaveDashboard' on the server."))).toBe(
      "An unexpected error occurred invoking 'SaveDashboard' on the server.",
    );
  });

  it('names the method a role check refused', () => {
    expect(refusedMethod(new Error("Failed to invoke 'AcknowledgeAlert' because user is unauthorized"))).toBe('AcknowledgeAlert');
    expect(refusedMethod(new Error('Something else'))).toBeUndefined();
  });

  it('parses a save conflict and the version on the host', () => {
    const text = "Dashboard 'Ops' was saved by Alice as version 7 after your version 5; reload version 7 and apply your change again.";
    expect(parseConflict(new Error(`An unexpected error occurred invoking 'SaveDashboard' on the server. HubException: ${text}`))).toEqual({ message: text, version: 7 });
    expect(parseConflict(new Error("An unexpected error occurred invoking 'SaveDashboard' on the server. HubException: Nope."))).toBeUndefined();
  });
});
