// Express serves the app; the hub server answers /hubs/chat, including its WebSocket upgrades.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expressHubs } from '@hubdeck/signalr-server/express';
import { chatHubs } from './chat-hub.js';

const hubs = chatHubs();
const app = express();
const server = createServer(app);
app.use(expressHubs(hubs, server)); // before any body parser
app.get('/', (_req, res) => {
  res.send('Express app; the chat hub is at /hubs/chat');
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', async () => {
  await hubs.close(); // hub clients get a Close inviting them to reconnect
  server.close();
  server.closeAllConnections(); // HTTP keep-alive sockets would otherwise hold the exit for seconds
});
