import type { Wire } from '../lean-client.js';
import { socketIoPath } from '../servers/endpoints.js';

/**
 * Socket.IO v4 (Engine.IO 4) over WebSockets: packets are a type digit and JSON. "42" is an event,
 * "42<id>" an event wanting an acknowledgement, "43<id>" the acknowledgement, "2"/"3" ping/pong.
 */
export const socketIoWire: Wire = {
  path: `${socketIoPath}?EIO=4&transport=websocket`,
  handshake: [
    { accept: (text) => text.startsWith('0{') }, // Engine.IO open
    { send: '40', accept: (text) => text.startsWith('40') }, // join the main namespace
  ],
  echo: (id, payload) => `42${id}["echo",${JSON.stringify(payload)}]`,
  publish: (seq, sentAt, payload) => `42${JSON.stringify(['publish', seq, sentAt, payload])}`,
  read(data, events, send) {
    const text = data.toString();
    if (text === '2') {
      send('3');
    } else if (text.startsWith('43')) {
      const args = text.indexOf('[');
      JSON.parse(text.slice(args)); // read the acknowledged value, as a client would
      events.reply(Number(text.slice(2, args)), true);
    } else if (text.startsWith('42')) {
      const [, seq, sentAt] = JSON.parse(text.slice(2)) as [string, number, number];
      events.tick(seq, sentAt);
    }
  },
};
