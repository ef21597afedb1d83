/** Where the servers under test serve, relative to their base URL; the servers and the load clients share these. */
export const hubdeckHubPath = '/hubs/bench';
export const rawWsPath = '/';
export const socketIoPath = '/socket.io/';

/** The frame limit every server applies: Hubdeck's default maximumReceiveMessageSize. */
export const maximumMessageSize = 32 * 1024;
