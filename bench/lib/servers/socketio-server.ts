/** The Socket.IO v4 server under test, in a process of its own: echo with acknowledgement, publish with io.emit. */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { announceServer, listenOnLoopback } from './announce.js';
import { maximumMessageSize, socketIoPath } from './endpoints.js';

const http = createServer();
const io = new Server(http, { path: socketIoPath, serveClient: false, perMessageDeflate: false, maxHttpBufferSize: maximumMessageSize });

io.on('connection', (socket) => {
  socket.on('echo', (payload: string, ack: unknown) => {
    // A hand-made packet may omit the acknowledgement id; a throw here would end the process.
    if (typeof ack === 'function') ack(payload);
  });
  socket.on('publish', (seq: number, sentAt: number, payload: string) => io.emit('tick', seq, sentAt, payload));
});

announceServer(await listenOnLoopback(http));
