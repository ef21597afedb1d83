// A plain-JavaScript user of the installed package: a hub with a server-to-client stream.
import { Hub, HubException, createHubServer } from '@hubdeck/signalr-server';

class EchoHub extends Hub {
  echo(text) {
    if (typeof text !== 'string') throw new HubException('Send text.');
    return `${text} (via ${this.context.transport})`;
  }

  async *countDown(from) {
    for (let n = from; n > 0; n--) yield n;
  }

  async shout(text) {
    await this.clients.all.heard(text.toUpperCase());
  }
}

const server = createHubServer({ logLevel: 'silent' }).mapHub('/hubs/echo', EchoHub);
const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${url}`);
process.once('SIGTERM', () => void server.close(200));
