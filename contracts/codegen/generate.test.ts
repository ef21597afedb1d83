import { describe, expect, it } from 'vitest';
import { dashboardHub } from '../dashboard-hub.js';
import { type HubContract, checkContract, method, t } from '../schema.js';
import { generate } from './generate.js';

describe('contract checks', () => {
  it('refuses references to unknown types and names that differ only by case', () => {
    const broken: HubContract = {
      name: 'BrokenHub',
      description: '',
      path: '/broken',
      types: { A: t.object({ b: t.ref('Missing') }) },
      server: { Go: method.invoke('', {}), go: method.invoke('', { x: t.ref('Nope') }) },
      client: {},
    };
    expect(() => checkContract(broken)).toThrow(
      "Contract BrokenHub is invalid:\n  A.b refers to unknown type 'Missing'\n  server method 'go' differs from another only by case\n  go(x) refers to unknown type 'Nope'",
    );
  });
});

describe('generate', () => {
  it('writes the same seven files every time', () => {
    const first = generate(dashboardHub, '1.0.0');
    expect([...first.keys()]).toEqual([
      'dashboard-hub.types.ts',
      'dashboard-hub.client.ts',
      'dashboard-hub.server.ts',
      'dashboard-hub.validators.ts',
      'dashboard-hub.schema.json',
      'dashboard-hub.asyncapi.json',
      'csharp/DashboardHub.g.cs',
    ]);
    expect(generate(dashboardHub, '1.0.0')).toEqual(first);
  });

  it('describes the hub in AsyncAPI 3 with a reply for each invoked method', () => {
    const doc = JSON.parse(generate(dashboardHub, '1.0.0').get('dashboard-hub.asyncapi.json')!);
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.DashboardHub.address).toBe('/hubs/dashboard');
    expect(doc.operations.SubscribeToMetrics.action).toBe('receive');
    expect(doc.operations.ReceiveMetrics.action).toBe('send');
    expect(doc.operations.TrackUserActivity.reply.messages[0].$ref).toBe('#/channels/DashboardHub/messages/TrackUserActivity.Completion');
    expect(doc.operations.StreamHistory.reply.messages[0].$ref).toBe('#/channels/DashboardHub/messages/StreamHistory.StreamItem');
    expect(doc.components.schemas.Metric.required).toEqual(['type', 'name', 'value', 'unit', 'tags']);
  });
});

describe('C# output', () => {
  // Every kind of the contract language, in the places a contract can put it.
  const everyKind: HubContract = {
    name: 'EveryKindHub',
    description: 'Every kind.',
    path: '/hubs/every',
    types: {
      Comparison: t.enum('>', '>=', 'in-range', '1m'),
      Ids: t.array(t.string()),
      Thing: t.object({
        label: t.string(),
        count: t.integer(),
        ratio: t.number(),
        on: t.boolean(),
        at: t.timestamp(),
        maybeAt: t.optional(t.timestamp(), 'When, if ever.'),
        extra: t.any(),
        tags: t.record(t.integer()),
        ids: t.ref('Ids'),
        mode: t.enum('fast', 'slow'),
        inner: t.object({ note: t.nullable(t.string()) }),
        thing: t.nullable(t.ref('Comparison')),
      }),
    },
    server: {
      Put: method.invoke('Puts.', { thing: t.ref('Thing'), event: t.string(), list: t.nullable(t.array(t.integer())) }, t.ref('Thing')),
      Tell: method.send('Tells.', { at: t.timestamp() }),
      Watch: method.stream('Watches.', { ids: t.array(t.string()) }, t.ref('Thing')),
      Upload: method.invoke('Uploads.', { items: t.stream(t.ref('Thing')) }, t.integer()),
    },
    client: { Changed: { description: 'Changed.', params: { thing: t.ref('Thing'), kind: t.enum('a', 'b') } } },
  };
  const cs = generate(everyKind, '1.0.0').get('csharp/EveryKindHub.g.cs')!;

  it('names properties as on the wire, and leaves optional ones out of JSON when null', () => {
    expect(cs).toContain('[JsonPropertyName("label"), Key("label")]\n    public required string Label { get; init; }');
    expect(cs).toContain('public required long Count { get; init; }');
    expect(cs).toContain('public required double Ratio { get; init; }');
    expect(cs).toContain('[JsonPropertyName("at"), Key("at"), MessagePackFormatter(typeof(IsoTimestampFormatter))]\n    public required DateTimeOffset At { get; init; }');
    expect(cs).toContain('/// <summary>When, if ever.</summary>\n    [JsonPropertyName("maybeAt"), Key("maybeAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), MessagePackFormatter(typeof(NullableIsoTimestampFormatter))]\n    public DateTimeOffset? MaybeAt { get; init; }');
    expect(cs).toContain('public required object? Extra { get; init; }');
    expect(cs).toContain('public required IReadOnlyDictionary<string, long> Tags { get; init; }');
    expect(cs).toContain('public required IReadOnlyList<string> Ids { get; init; }');
    expect(cs).toContain('public Comparison? ThingValue { get; init; }');
  });

  it('makes enums and inline objects named types, spelling out symbols', () => {
    expect(cs).toContain('[JsonStringEnumMemberName(">"), EnumMember(Value = ">")] GreaterThan,');
    expect(cs).toContain('[JsonStringEnumMemberName(">="), EnumMember(Value = ">=")] GreaterThanOrEqual,');
    expect(cs).toContain('[JsonStringEnumMemberName("in-range"), EnumMember(Value = "in-range")] InRange,');
    expect(cs).toContain('[JsonStringEnumMemberName("1m"), EnumMember(Value = "1m")] Value1m,');
    expect(cs).toContain('public required ThingMode Mode { get; init; }');
    expect(cs).toContain('public sealed record ThingInner\n{\n    [JsonPropertyName("note"), Key("note")]\n    public string? Note { get; init; }');
    expect(cs).toContain('public enum ChangedKind');
  });

  it('gives every mode a typed proxy method and every client method a binding', () => {
    expect(cs).toContain('public Task<Thing> PutAsync(Thing thing, string @event, IReadOnlyList<long>? list, CancellationToken cancellationToken = default) =>\n        Connection.InvokeCoreAsync<Thing>("Put", [thing, @event, list?.ToArray()], cancellationToken);');
    expect(cs).toContain('public Task TellAsync(string at, CancellationToken cancellationToken = default) =>\n        Connection.SendCoreAsync("Tell", [at], cancellationToken);');
    expect(cs).toContain('public IAsyncEnumerable<Thing> WatchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>\n        Connection.StreamAsyncCore<Thing>("Watch", [ids.ToArray()], cancellationToken);');
    expect(cs).toContain('public Task<ChannelReader<Thing>> WatchAsChannelAsync(');
    expect(cs).toContain('public Task<long> UploadAsync(IAsyncEnumerable<Thing> items, CancellationToken cancellationToken = default)');
    expect(cs).toContain('Task Changed(Thing thing, ChangedKind kind);');
    expect(cs).toContain('connection.On<Thing, ChangedKind>("Changed", (thing, kind) => receiver.Changed(thing, kind)),');
  });
});

