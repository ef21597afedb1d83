/**
 * Compile-time checks of strongly typed hubs: `npm run typecheck` fails if any line marked
 * @ts-expect-error starts to compile, or if a correct call stops compiling. Never run.
 */
import { Hub, type HubServer } from '../../src-server/index.js';

interface ChatClient {
  receiveMessage(user: string, text: string): void;
  getName(greeting: string): Promise<string>;
}

export class ChatHub extends Hub<ChatClient> {
  async sendMessage(user: string, text: string): Promise<void> {
    await this.clients.all.receiveMessage(user, text);
    await this.clients.group('g').receiveMessage(user, text);
    await this.clients.others.send('receiveMessage', user, text);
    const name: string = await this.clients.caller.invoke('getName', 'hi');
    const cancelled: string = await this.clients.client('id').invoke('getName', 'hi', AbortSignal.timeout(1000));
    void name;
    void cancelled;

    // @ts-expect-error a number is not a string
    await this.clients.all.receiveMessage(user, 42);
    // @ts-expect-error a misspelt client method
    await this.clients.all.receiveMesage(user, text);
    // @ts-expect-error too few arguments
    await this.clients.caller.receiveMessage(user);
    // @ts-expect-error send checks method names too
    await this.clients.others.send('nope');
    // @ts-expect-error invoke returns the client method's result type
    const wrong: number = await this.clients.caller.invoke('getName', 'hi');
    void wrong;
  }
}

export function backgroundProducer(server: HubServer): Promise<void> {
  const context = server.getHubContext<ChatClient>(ChatHub);
  // @ts-expect-error the hub context is typed as well
  void context.clients.all.receiveMessage(1, 2);
  return context.clients.all.receiveMessage('system', 'tick');
}
