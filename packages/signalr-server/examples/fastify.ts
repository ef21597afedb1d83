// Fastify serves the app; the plugin answers /hubs/chat, including its WebSocket upgrades.
import Fastify from 'fastify';
import { fastifyHubs } from '@hubdeck/signalr-server/fastify';
import { chatHubs } from './chat-hub.js';

// forceCloseConnections: idle keep-alive sockets would otherwise hold app.close() for a minute.
const app = Fastify({ forceCloseConnections: true });
await app.register(fastifyHubs(chatHubs()));
app.get('/', async () => 'Fastify app; the chat hub is at /hubs/chat');

const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`listening on ${url}`);
process.once('SIGTERM', () => void app.close()); // closes the hubs too
