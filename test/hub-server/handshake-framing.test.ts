import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hub } from '../../src-server/index.js';
import { RawClient } from '../support/raw-client.js';
import { type RunningServer, startServer } from '../support/hub-fixture.js';

const RS = '\x1e';

class RawHub extends Hub {
  add(a: number, b: number): number {
    return a + b;
  }
  note(text: string): void {
    this.context.items.set('note', text);
  }
  lastNote(): unknown {
    return this.context.items.get('note') ?? null;
  }
}

describe('handshake and framing (byte-exact)', () => {
  let running: RunningServer;
  let url: string;
  beforeAll(async () => {
    running = await startServer((s) => {
      s.mapHub('/raw', RawHub);
      s.mapHub('/raw-detailed', RawHub, { options: { enableDetailedErrors: true, handshakeTimeout: 300 } });
    });
    url = `${running.url}/raw`;
  });
  afterAll(() => running.close());

  it('answers a valid handshake with {} and a record separator', async () => {
    const client = await RawClient.open(url);
    client.send(`{"protocol":"json","version":1}${RS}`);
    expect(await client.nextRecord()).toBe('{}');
    client.close();
  });

  it('refuses an unknown protocol and closes', async () => {
    const client = await RawClient.open(url);
    client.send(`{"protocol":"smoke-signals","version":1}${RS}`);
    expect(JSON.parse(await client.nextRecord())).toEqual({ error: "The protocol 'smoke-signals' is not supported." });
    await client.closed();
  });

  it('refuses an unsupported version', async () => {
    const client = await RawClient.open(url);
    client.send(`{"protocol":"json","version":9001}${RS}`);
    expect(JSON.parse(await client.nextRecord())).toEqual({ error: "The server does not support version 9001 of the 'json' protocol." });
    await client.closed();
  });

  it('refuses a malformed handshake with the generic text, or the detail when detailed errors are on', async () => {
    const plain = await RawClient.open(url);
    plain.send(`{"version":1}${RS}`);
    expect(JSON.parse(await plain.nextRecord())).toEqual({ error: 'An unexpected error occurred during connection handshake.' });
    await plain.closed();

    const detailed = await RawClient.open(`${running.url}/raw-detailed`);
    detailed.send(`not json${RS}`);
    expect(JSON.parse(await detailed.nextRecord()).error).toBe('An unexpected error occurred during connection handshake. InvalidDataException: Error reading JSON.');
    await detailed.closed();
  });

  it('cancels a handshake that never comes', async () => {
    const client = await RawClient.open(`${running.url}/raw-detailed`);
    expect(JSON.parse(await client.nextRecord())).toEqual({ error: 'Handshake was canceled.' });
    await client.closed();
  });

  it('accepts a handshake split over several frames, with a message in its last one', async () => {
    const client = await RawClient.open(url);
    client.send('{"protocol":"js');
    client.send(`on","version":1}${RS}{"type":1,"invocationId":"1","target":"add","arguments":[2,3]}${RS}`);
    expect(await client.nextRecord()).toBe('{}');
    expect(JSON.parse(await client.nextRecord())).toEqual({ type: 3, invocationId: '1', result: 5 });
    client.close();
  });

  it('handles several messages in one frame and one message across frames', async () => {
    const client = await RawClient.connected(url);
    client.send(`{"type":1,"invocationId":"a","target":"Add","arguments":[1,1]}${RS}{"type":1,"invocationId":"b","target":"ADD","arguments":[2,2]}${RS}{"type":1,"invocationId":"c",`);
    client.send(`"target":"add","arguments":[3,3]}${RS}`);
    const replies = [await client.nextMessage(), await client.nextMessage(), await client.nextMessage()];
    expect(replies).toEqual([
      { type: 3, invocationId: 'a', result: 2 },
      { type: 3, invocationId: 'b', result: 4 },
      { type: 3, invocationId: 'c', result: 6 },
    ]);
    client.close();
  });

  it('runs a non-blocking invocation without sending a Completion', async () => {
    const client = await RawClient.connected(url);
    client.sendMessage({ type: 1, target: 'note', arguments: ['kept'] });
    client.sendMessage({ type: 1, invocationId: '9', target: 'lastNote', arguments: [] });
    expect(await client.nextMessage()).toEqual({ type: 3, invocationId: '9', result: 'kept' });
    client.close();
  });

  it('sends a Completion without a result for a method that returns nothing', async () => {
    const client = await RawClient.connected(url);
    client.sendMessage({ type: 1, invocationId: '1', target: 'note', arguments: ['x'] });
    expect(await client.nextMessage()).toEqual({ type: 3, invocationId: '1' });
    client.close();
  });

  it('ignores message types it does not know, as the protocol asks', async () => {
    const client = await RawClient.connected(url);
    client.sendMessage({ type: 42, anything: true });
    client.sendMessage({ type: 1, invocationId: '1', target: 'add', arguments: [20, 22] });
    expect(await client.nextMessage()).toEqual({ type: 3, invocationId: '1', result: 42 });
    client.close();
  });

  it('closes the connection with a Close message on a malformed message', async () => {
    const client = await RawClient.connected(`${running.url}/raw-detailed`);
    client.sendMessage({ type: 1, invocationId: '1', arguments: [] });
    expect(await client.nextMessage()).toEqual({
      type: 7,
      error: "Connection closed with an error. InvalidDataException: Missing required property 'target'.",
    });
    await client.closed();
  });

  it('closes the connection on invalid UTF-8 instead of guessing', async () => {
    const client = await RawClient.connected(url);
    client.send(Buffer.concat([Buffer.from('{"type":1,"target":"'), Buffer.from([0xc3, 0x28]), Buffer.from(`","arguments":[]}${RS}`)]));
    expect(await client.nextMessage()).toEqual({ type: 7, error: 'Connection closed with an error.' });
    await client.closed();
  });
});
