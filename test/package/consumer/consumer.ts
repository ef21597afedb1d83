// A TypeScript user, type-checked (strict, no skipLibCheck) against the shipped declarations.
import { createServer } from 'node:http';
import {
  Hub,
  HubException,
  type HubContext,
  type HubFilter,
  type HubOptions,
  createHubServer,
  defaultHubOptions,
} from '@hubdeck/signalr-server';
import { type HubMiddleware, expressHubs } from '@hubdeck/signalr-server/express';

interface ChatClient {
  receiveMessage(user: string, text: string): void;
}

class ChatHub extends Hub<ChatClient> {
  async sendMessage(user: string, text: string): Promise<void> {
    if (text === '') throw new HubException('Say something.');
    await this.clients.all.receiveMessage(user, text);
    // @ts-expect-error: the client interface has no such method
    await this.clients.caller.receiveNothing();
    // @ts-expect-error: wrong argument type for the client method
    await this.clients.others.receiveMessage(user, 42);
  }
}

const logCalls: HubFilter = {
  async invokeMethod(invocation, next) {
    console.log(invocation.method);
    return next();
  },
};

const options: Partial<HubOptions> = { keepAliveInterval: defaultHubOptions.keepAliveInterval * 2, transports: ['WebSockets'] };
// @ts-expect-error: not a transport
const wrong: Partial<HubOptions> = { transports: ['Carrier pigeon'] };

const hubs = createHubServer({ hubOptions: options, filters: [logCalls], security: { allowedOrigins: ['https://app.example'] } }).mapHub('/hubs/chat', ChatHub);
const context: HubContext<ChatClient> = hubs.getHubContext<ChatClient>(ChatHub);
void context.clients.group('room').receiveMessage('system', 'hello');

const server = createServer();
const middleware: HubMiddleware = expressHubs(hubs, server);
hubs.attach(server);
export { middleware, wrong };
