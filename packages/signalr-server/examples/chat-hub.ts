// The hub every example serves: a chat room with a typed client interface.
import { Hub, HubException, createHubServer, type HubServer } from '@hubdeck/signalr-server';

/** What the server may call on every connected client. */
export interface ChatClient {
  receiveMessage(user: string, text: string): void;
}

export class ChatHub extends Hub<ChatClient> {
  /** Clients call it as `connection.invoke('sendMessage', user, text)`. */
  async sendMessage(user: string, text: string): Promise<void> {
    if (text.trim() === '') throw new HubException('Say something.'); // this text reaches the caller
    await this.clients.all.receiveMessage(user, text);
  }
}

/** A hub server with the chat hub at /hubs/chat, accepting browser pages from `allowedOrigin`. */
export function chatHubs(allowedOrigin = process.env.ALLOWED_ORIGIN ?? 'http://localhost:5173'): HubServer {
  return createHubServer({ security: { allowedOrigins: [allowedOrigin] } }).mapHub('/hubs/chat', ChatHub);
}
