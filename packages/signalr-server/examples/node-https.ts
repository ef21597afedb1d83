// A node:https server: the same as node:http, with a certificate (paths in TLS_KEY and TLS_CERT).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { chatHubs } from './chat-hub.js';

const hubs = chatHubs();
const server = createServer({ key: readFileSync(process.env.TLS_KEY ?? 'key.pem'), cert: readFileSync(process.env.TLS_CERT ?? 'cert.pem') }, (_req, res) => {
  res.end('node:https app; the chat hub is at /hubs/chat');
});
hubs.attach(server);

server.listen(Number(process.env.PORT ?? 3443), '127.0.0.1', () => {
  console.log(`listening on https://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', async () => {
  await hubs.close(); // hub clients get a Close inviting them to reconnect
  server.close();
  server.closeAllConnections(); // HTTP keep-alive sockets would otherwise hold the exit for seconds
});
