/**
 * The raw `ws` baseline, in a process of its own: the same work as the hub with nothing around
 * it. It parses every message and answers echoes; a publish is serialized once and the string
 * sent to every socket.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { announceServer, listenOnLoopback } from './announce.js';
import { maximumMessageSize } from './endpoints.js';

type RawMessage = { op: 'echo'; id: number; payload: string } | { op: 'publish'; seq: number; sentAt: number; payload: string };

const http = createServer();
const sockets = new WebSocketServer({ server: http, maxPayload: maximumMessageSize, perMessageDeflate: false });

sockets.on('connection', (socket) => {
  // An oversized frame makes ws emit an error and close; nothing more to do.
  socket.on('error', () => {});
  socket.on('message', (data: Buffer) => {
    let message: RawMessage;
    try {
      message = JSON.parse(data.toString()) as RawMessage;
    } catch {
      socket.close(1003, 'Invalid JSON');
      return;
    }
    if (message.op === 'echo') {
      socket.send(JSON.stringify({ id: message.id, result: message.payload }));
    } else if (message.op === 'publish') {
      const text = JSON.stringify({ seq: message.seq, sentAt: message.sentAt, payload: message.payload });
      for (const client of sockets.clients) client.send(text);
    }
  });
});

announceServer(await listenOnLoopback(http));
