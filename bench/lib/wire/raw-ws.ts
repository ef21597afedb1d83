import type { Wire } from '../lean-client.js';
import { rawWsPath } from '../servers/endpoints.js';

interface RawReply {
  readonly id?: number;
  readonly seq?: number;
  readonly sentAt?: number;
}

/** The raw ws baseline's own JSON messages: one JSON object per WebSocket message. */
export const rawWsWire: Wire = {
  path: rawWsPath,
  handshake: [],
  echo: (id, payload) => `{"op":"echo","id":${id},"payload":${JSON.stringify(payload)}}`,
  publish: (seq, sentAt, payload) => JSON.stringify({ op: 'publish', seq, sentAt, payload }),
  read(data, events) {
    const message = JSON.parse(data.toString()) as RawReply;
    if (message.id !== undefined) events.reply(message.id, true);
    else events.tick(message.seq!, message.sentAt!);
  },
};
