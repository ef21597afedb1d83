import type { Wire } from '../lean-client.js';
import { hubdeckJsonWire } from './hubdeck-json.js';
import { hubdeckMessagePackWire } from './hubdeck-msgpack.js';
import { rawWsWire } from './raw-ws.js';
import { socketIoWire } from './socketio.js';

/** The lean clients' wires by name, so a load worker can be told which one to use. */
export const wires = {
  'hubdeck-json': hubdeckJsonWire,
  'hubdeck-msgpack': hubdeckMessagePackWire,
  'raw-ws': rawWsWire,
  'socket.io': socketIoWire,
} satisfies Record<string, Wire>;

export type WireName = keyof typeof wires;
