import { Decoder, Encoder } from '@msgpack/msgpack';
import type { Wire } from '../lean-client.js';
import { hubdeckHubPath } from '../servers/endpoints.js';

const RS = '\x1e';
const encoder = new Encoder();
const decoder = new Decoder();

// The client side of the binary framing is written here rather than taken from src-server, so a
// framing bug in the server cannot hide behind the same code on both ends.
function frame(payload: Uint8Array): Uint8Array {
  const prefix: number[] = [];
  let size = payload.length;
  do {
    prefix.push((size & 0x7f) | (size > 0x7f ? 0x80 : 0));
    size >>>= 7;
  } while (size > 0);
  const framed = new Uint8Array(prefix.length + payload.length);
  framed.set(prefix);
  framed.set(payload, prefix.length);
  return framed;
}

const ping = frame(encoder.encode([6]));

/** Hubdeck over WebSockets with the MessagePack hub protocol: VarInt-length-prefixed arrays. */
export const hubdeckMessagePackWire: Wire = {
  path: hubdeckHubPath,
  handshake: [{ send: `{"protocol":"messagepack","version":1}${RS}`, accept: (text) => text.startsWith(`{}${RS}`) }],
  echo: (id, payload) => frame(encoder.encode([1, {}, String(id), 'Echo', [payload]])),
  publish: (seq, sentAt, payload) => frame(encoder.encode([1, {}, null, 'Publish', [seq, sentAt, payload]])),
  read(data, events, send) {
    let offset = 0;
    while (offset < data.length) {
      let length = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = data[offset++]!;
        length |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      const message = decoder.decode(data.subarray(offset, offset + length)) as unknown[];
      offset += length;
      if (message[0] === 3) events.reply(Number(message[2]), message[3] !== 1);
      else if (message[0] === 1) events.tick((message[4] as number[])[0]!, (message[4] as number[])[1]!);
      else if (message[0] === 6) send(ping);
    }
  },
};
