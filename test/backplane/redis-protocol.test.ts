import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { InvalidDataError, SerializedMessage } from '../../src-server/index.js';
import { framesFor, receivedMessage } from '../../src-server/backplane/protocol-frames.js';
import { RedisChannels } from '../../src-server/backplane/redis-channels.js';
import {
  GroupAction,
  decodeAck,
  decodeGroupCommand,
  decodeInvocation,
  decodeResultReply,
  encodeAck,
  encodeGroupCommand,
  encodeInvocation,
  encodeResultReply,
} from '../../src-server/backplane/redis-protocol.js';
import { JsonHubProtocol } from '../../src-server/protocol/json-protocol.js';
import { MessagePackHubProtocol } from '../../src-server/protocol/messagepack-protocol.js';
import { type InvocationMessage, MessageType } from '../../src-server/protocol/messages.js';

const json = new JsonHubProtocol();
const messagepack = new MessagePackHubProtocol();
const protocols = new Map([json, messagepack].map((p) => [p.name, p]));
// Payloads decode to Buffers, which compare unequal to plain Uint8Arrays with the same bytes.
const bytesOf = (frame: string | Uint8Array): number[] => Array.from(frame as Uint8Array);
const message: InvocationMessage = { type: MessageType.Invocation, target: 'hit', arguments: ['ünï ✓', 42, { nested: [true, null] }] };

describe('backplane channels', () => {
  const channels = new RedisChannels('app', '/hubs/chat', 'server-1');

  it('are named as ASP.NET Core names them, after prefix and hub', () => {
    expect([
      channels.all,
      channels.connection('c1'),
      channels.group('room:1'),
      channels.user('ann'),
      channels.groupCommands,
      channels.ack('server-2'),
      channels.returnResults('server-2'),
    ]).toEqual([
      'app/hubs/chat:all',
      'app/hubs/chat:connection:c1',
      'app/hubs/chat:group:room:1',
      'app/hubs/chat:user:ann',
      'app/hubs/chat:internal:groups',
      'app/hubs/chat:internal:ack:server-2',
      'app/hubs/chat:internal:return:server-2',
    ]);
  });

  it('name the return channel in invocations without the application prefix, as ASP.NET Core\'s Redis client does', () => {
    expect(channels.ownReturnAddress).toBe('/hubs/chat:internal:return:server-1');
    expect(channels.returnChannel('/hubs/chat:internal:return:server-2')).toBe('app/hubs/chat:internal:return:server-2');
    expect(channels.returnChannel(channels.ownReturnAddress)).toBe(channels.ownReturn);
  });

  it('route back to what they carry; other hubs and other servers are not ours', () => {
    expect(channels.route('app/hubs/chat:group:room:1')).toEqual({ kind: 'group', groupName: 'room:1' });
    expect(channels.route('app/hubs/chat:internal:ack:server-1')).toEqual({ kind: 'ack' });
    expect(channels.route('app/hubs/chat:internal:return:server-1')).toEqual({ kind: 'return' });
    expect(channels.route('app/hubs/chat:internal:ack:server-2')).toBeUndefined();
    expect(channels.route('app/hubs/other:all')).toBeUndefined();
  });
});

describe('backplane payloads', () => {
  it('put an invocation in the standard two items, and this server\'s extras after them', () => {
    const frames = framesFor(new SerializedMessage(message), protocols);
    const payload = encodeInvocation({ excludedIds: ['x'], frames, serverName: 's1', conflationKey: 'k' });
    const items = decode(payload) as unknown[];
    expect(items[0]).toEqual(['x']);
    expect(Object.keys(items[1] as object)).toEqual(['json', 'messagepack']);
    expect(Buffer.from((items[1] as Record<string, Uint8Array>).json!).toString()).toBe(json.writeMessage(message));
    expect(items.slice(2)).toEqual([null, null, 's1', 'k']);
  });

  it('read what ASP.NET Core writes: two items, no extras', () => {
    const frame = new Uint8Array(messagepack.writeMessage(message));
    const invocation = decodeInvocation(encode([[], { messagepack: frame }]));
    expect(invocation).toMatchObject({ excludedIds: [], serverName: undefined, invocationId: undefined, conflationKey: undefined });
    expect(bytesOf(invocation.frames.get('messagepack')!)).toEqual(bytesOf(frame));
  });

  it('deliver received frames as they came, and decode the message only when asked', () => {
    const frames = framesFor(new SerializedMessage(message), protocols);
    const received = decodeInvocation(encodeInvocation({ excludedIds: [], frames, conflationKey: 'k' }));
    const serialized = receivedMessage(received.frames, protocols, received.conflationKey);
    expect(bytesOf(serialized.for(json))).toEqual(bytesOf(Buffer.from(json.writeMessage(message))));
    expect(bytesOf(serialized.for(messagepack))).toEqual(bytesOf(messagepack.writeMessage(message)));
    expect(serialized.conflationKey).toBe('k');
    expect(serialized.message).toEqual(message);
  });

  it('serialize for a protocol the sender did not frame, from the decoded message', () => {
    const onlyJson = new Map([['json', Buffer.from(json.writeMessage(message))]]);
    expect(receivedMessage(onlyJson, protocols, undefined).for(messagepack)).toEqual(messagepack.writeMessage(message));
  });

  it('round-trip group commands, acks and client results in ASP.NET Core\'s order', () => {
    const command = { id: 7, serverName: 's1', action: GroupAction.add, groupName: 'g', connectionId: 'c' } as const;
    expect(decode(encodeGroupCommand(command))).toEqual([7, 's1', 1, 'g', 'c']);
    expect(decodeGroupCommand(encodeGroupCommand(command))).toEqual(command);
    expect(decode(encodeAck(7))).toEqual([7]);
    expect(decodeAck(encodeAck(7))).toBe(7);
    const reply = decodeResultReply(encodeResultReply({ connectionId: 'c', protocolName: 'json', frame: new Uint8Array([1, 2, 3]) }));
    expect(reply).toMatchObject({ connectionId: 'c', protocolName: 'json' });
    expect(bytesOf(reply.frame)).toEqual([1, 2, 3]);
    // ASP.NET Core writes a client result as two items: the protocol and the framed Completion.
    const fromAspNetCore = decodeResultReply(encode(['messagepack', new Uint8Array([4, 5])]));
    expect(fromAspNetCore).toMatchObject({ protocolName: 'messagepack', connectionId: undefined });
    expect(bytesOf(fromAspNetCore.frame)).toEqual([4, 5]);
  });

  it('refuse malformed payloads with InvalidDataError', () => {
    expect(() => decodeInvocation(Buffer.from([0xc1]))).toThrow(InvalidDataError);
    expect(() => decodeInvocation(encode([['x'], { json: 'not binary' }]))).toThrow(InvalidDataError);
    expect(() => decodeGroupCommand(encode([1, 's', 9, 'g', 'c']))).toThrow(InvalidDataError);
    expect(() => decodeAck(encode(['one']))).toThrow(InvalidDataError);
  });
});
