import { describe, expect, it } from 'vitest';
import { InvalidDataError } from '../errors.js';
import { JsonHubProtocol } from './json-protocol.js';
import { MessageType } from './messages.js';

const protocol = new JsonHubProtocol();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('JsonHubProtocol', () => {
  it('parses every message type the client sends', () => {
    expect(protocol.parseMessage(bytes('{"type":1,"invocationId":"1","target":"Send","arguments":["a",1],"streamIds":["2"]}'))).toEqual({
      type: 1, invocationId: '1', target: 'Send', arguments: ['a', 1], streamIds: ['2'],
    });
    expect(protocol.parseMessage(bytes('{"type":1,"target":"Send","arguments":[]}'))).toEqual({ type: 1, target: 'Send', arguments: [] });
    expect(protocol.parseMessage(bytes('{"type":2,"invocationId":"2","item":{"x":1}}'))).toEqual({ type: 2, invocationId: '2', item: { x: 1 } });
    expect(protocol.parseMessage(bytes('{"type":3,"invocationId":"s1","result":null}'))).toEqual({ type: 3, invocationId: 's1', result: null });
    expect(protocol.parseMessage(bytes('{"type":3,"invocationId":"s1","error":"boom"}'))).toEqual({ type: 3, invocationId: 's1', error: 'boom' });
    expect(protocol.parseMessage(bytes('{"type":4,"invocationId":"3","target":"Counter","arguments":[10]}'))).toEqual({
      type: 4, invocationId: '3', target: 'Counter', arguments: [10],
    });
    expect(protocol.parseMessage(bytes('{"type":5,"invocationId":"3"}'))).toEqual({ type: 5, invocationId: '3' });
    expect(protocol.parseMessage(bytes('{"type":6}'))).toEqual({ type: 6 });
    expect(protocol.parseMessage(bytes('{"type":7,"error":"bye"}'))).toEqual({ type: 7, error: 'bye' });
    expect(protocol.parseMessage(bytes('{"type":8,"sequenceId":4}'))).toEqual({ type: 8, sequenceId: 4 });
    expect(protocol.parseMessage(bytes('{"type":9,"sequenceId":5}'))).toEqual({ type: 9, sequenceId: 5 });
  });

  it('returns undefined for unknown types so they are ignored', () => {
    expect(protocol.parseMessage(bytes('{"type":99}'))).toBeUndefined();
  });

  it.each([
    ['{"type":1,"arguments":[]}', "Missing required property 'target'."],
    ['{"type":1,"target":5,"arguments":[]}', "Expected 'target' to be of type String."],
    ['{"type":1,"target":"x"}', "Missing required property 'arguments'."],
    ['{"type":1,"target":"x","arguments":{}}', "Expected 'arguments' to be of type Array."],
    ['{"target":"x"}', "Missing required property 'type'."],
    ['{"type":"1"}', "Expected 'type' to be of type Integer."],
    ['{"type":3,"invocationId":"1","error":"e","result":1}', "The 'error' and 'result' properties are mutually exclusive."],
    ['{"type":4,"target":"x","arguments":[]}', "Missing required property 'invocationId'."],
    ['[1,2]', 'Unexpected JSON Token Type. Expected a JSON Object.'],
    ['{"type":1,', 'Error reading JSON.'],
  ])('rejects %s', (text, message) => {
    expect(() => protocol.parseMessage(bytes(text))).toThrow(new InvalidDataError(message));
  });

  it('writes messages with a record separator and only the protocol\'s fields', () => {
    expect(protocol.writeMessage({ type: MessageType.Invocation, target: 'hit', arguments: ['a'] })).toBe('{"type":1,"target":"hit","arguments":["a"]}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', result: undefined })).toBe('{"type":3,"invocationId":"1"}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', result: null })).toBe('{"type":3,"invocationId":"1","result":null}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', error: 'no' })).toBe('{"type":3,"invocationId":"1","error":"no"}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Close, allowReconnect: true })).toBe('{"type":7,"allowReconnect":true}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Close })).toBe('{"type":7}\x1e');
    expect(protocol.writeMessage({ type: MessageType.StreamItem, invocationId: '2', item: 5 })).toBe('{"type":2,"invocationId":"2","item":5}\x1e');
  });

  it('writes byte arrays as Base64 strings, as System.Text.Json writes byte[]', () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    expect(protocol.writeMessage({ type: MessageType.Completion, invocationId: '1', result: bytes })).toBe('{"type":3,"invocationId":"1","result":"AAEC/v8="}\x1e');
    expect(protocol.writeMessage({ type: MessageType.StreamItem, invocationId: '2', item: { data: Buffer.from(bytes) } })).toBe('{"type":2,"invocationId":"2","item":{"data":"AAEC/v8="}}\x1e');
    expect(protocol.writeMessage({ type: MessageType.Invocation, target: 'hit', arguments: [bytes.subarray(3)] })).toBe('{"type":1,"target":"hit","arguments":["/v8="]}\x1e');
  });
});
