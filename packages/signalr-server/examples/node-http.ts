// A bare node:http server: the hub server takes hub requests and upgrades, the rest stay yours.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatHubs } from './chat-hub.js';

const hubs = chatHubs();
const server = createServer((_req, res) => {
  res.end('node:http app; the chat hub is at /hubs/chat');
});
hubs.attach(server);

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', async () => {
  await hubs.close(); // hub clients get a Close inviting them to reconnect
  server.close();
  server.closeAllConnections(); // HTTP keep-alive sockets would otherwise hold the exit for seconds
});
