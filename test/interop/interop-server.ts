import { AuthenticationError, type HubServer, type HubUser, type RequestInfo, bearerToken } from '../../src-server/index.js';
import { InteropHub } from './interop-hub.js';

/** Test tokens are "user-NAME"; any other token is refused, and no token is anonymous. */
export function authenticateTestToken(request: RequestInfo): HubUser | undefined {
  const token = bearerToken(request);
  if (token === undefined) return undefined;
  if (!token.startsWith('user-')) throw new AuthenticationError('Invalid token.');
  const id = token.slice('user-'.length);
  return { id, name: id };
}

const interopOptions = {
  allowStatefulReconnects: true,
  // A hub method awaiting a client result needs a second invocation slot for the client's answer.
  maximumParallelInvocationsPerClient: 4,
};

/** Maps the interop scenarios' hubs: /hubs/interop (tokens optional) and /hubs/secure (a token required). */
export function mapInteropHubs(server: HubServer): void {
  server
    .mapHub('/hubs/interop', InteropHub, { options: interopOptions, authenticate: authenticateTestToken })
    .mapHub('/hubs/secure', class SecureHub extends InteropHub {}, {
      options: interopOptions,
      authenticate: authenticateTestToken,
      requireAuthentication: true,
    });
}
