import type { Wire } from '../lean-client.js';
import { hubdeckHubPath } from '../servers/endpoints.js';

const RS = '\x1e';
const ping = `{"type":6}${RS}`;

interface HubMessage {
  readonly type: number;
  readonly invocationId?: string;
  readonly error?: string;
  readonly arguments?: readonly unknown[];
}

/** Hubdeck over WebSockets with the JSON hub protocol: record-separated JSON objects. */
export const hubdeckJsonWire: Wire = {
  // No negotiate: the server accepts a WebSocket without one, as the official client's skipNegotiation does.
  path: hubdeckHubPath,
  handshake: [{ send: `{"protocol":"json","version":1}${RS}`, accept: (text) => text.startsWith(`{}${RS}`) }],
  echo: (id, payload) => `{"type":1,"invocationId":"${id}","target":"Echo","arguments":[${JSON.stringify(payload)}]}${RS}`,
  publish: (seq, sentAt, payload) => `${JSON.stringify({ type: 1, target: 'Publish', arguments: [seq, sentAt, payload] })}${RS}`,
  read(data, events, send) {
    for (const record of data.toString().split(RS)) {
      if (record.length === 0) continue;
      const message = JSON.parse(record) as HubMessage;
      if (message.type === 3) events.reply(Number(message.invocationId), message.error === undefined);
      else if (message.type === 1) events.tick(message.arguments![0] as number, message.arguments![1] as number);
      // The server pings only after 15 s of silence; answering keeps a quiet client inside the 30 s client timeout.
      else if (message.type === 6) send(ping);
    }
  },
};
