/**
 * A small chat hub to try the server with any SignalR client: `npm start` prints its URL.
 * Stops cleanly on Ctrl+C.
 */
import { Hub, createHubServer } from '../src-server/index.js';

interface ChatClient {
  receiveMessage(user: string, text: string): void;
}

class ChatHub extends Hub<ChatClient> {
  sendMessage(user: string, text: string): Promise<void> {
    return this.clients.all.receiveMessage(user, text);
  }
}

const port = Number(process.env.PORT ?? 5150);
const server = createHubServer({ logLevel: 'info' }).mapHub('/hubs/chat', ChatHub);
const address = await server.listen({ port, host: '127.0.0.1' });
console.log(`Chat hub listening at ${address.url}/hubs/chat`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
