using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hubdeck.Interop;

/** Records what a scenario saw where servers may legitimately differ (texts, codes), for the harness to compare. */
public delegate void Observe(string key, string value);

/** A scenario: connects in its cell, drives the hub, and throws CheckFailed when the server did not behave. */
public delegate Task Scenario(Cell cell, Observe observe);

/** The scenarios of the interop table, in the order the table lists them. */
public static class Scenarios
{
    public static readonly (string Name, Scenario Run, Func<Cell, string?> NotApplicable)[] All =
    [
        ("invoke", Invoke, Always),
        ("send + On", SendAndOn, Always),
        ("client targets", Targets, Always),
        ("groups", Groups, Always),
        ("typed values (round trip)", TypedRoundTrip, Always),
        ("typed values (made by the hub)", ServerMadeValues, Always),
        ("errors", Errors, Always),
        ("StreamAsync + cancel", StreamAsync, Always),
        ("StreamAsChannelAsync + cancel", StreamAsChannel, Always),
        ("upload IAsyncEnumerable", UploadEnumerable, Always),
        ("upload ChannelReader", UploadChannel, Always),
        ("client results", ClientResults, Always),
        ("access tokens", AccessTokens, Always),
        ("WithAutomaticReconnect", AutomaticReconnect, Always),
        ("WithStatefulReconnect", StatefulReconnect, WebSocketsOnly),
    ];

    private static string? Always(Cell cell) => null;

    private static string? WebSocketsOnly(Cell cell) =>
        cell.Transport == "WebSockets" ? null : "the .NET client reconnects statefully over WebSockets only";

    private static async Task Invoke(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        Expect.Equal(5, await connection.InvokeAsync<int>("Add", 2, 3), "Add(2, 3)");
        await Expect.Within(connection.InvokeAsync("Ping"), "Ping() without a result");
        Expect.Equal(0.75, await connection.InvokeAsync<double>("Add", 0.5, 0.25), "Add(0.5, 0.25)");
        var id = await connection.InvokeAsync<string>("ConnectionId");
        Expect.Equal(connection.ConnectionId, id, "the connection id the hub sees");
    }

    private static async Task SendAndOn(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var inbox = new Inbox(connection, cell.Id, "receive");
        var text = cell.Label("hello");
        await connection.SendAsync("Notify", text);
        Expect.Equal(text, await inbox.Next("receive after SendAsync(Notify)"), "the text received");
    }

    private static async Task Targets(Cell cell, Observe observe)
    {
        var (a, b, c) = (await cell.Connect(user: $"{cell.Id}-ua"), await cell.Connect(user: $"{cell.Id}-ub"), await cell.Connect(user: $"{cell.Id}-ub"));
        var inboxes = new[] { new Inbox(a, cell.Id), new Inbox(b, cell.Id), new Inbox(c, cell.Id) };
        string[] names = ["a", "b", "c"];
        var (ida, idb, idc) = (a.ConnectionId!, b.ConnectionId!, c.ConnectionId!);
        string g1 = $"{cell.Id}-g1", g2 = $"{cell.Id}-g2";

        async Task Case(string target, Func<string, Task> send, params string[] expected)
        {
            var label = cell.Label(target);
            await send(label);
            var marker = cell.Label("marker");
            await a.InvokeAsync("All", marker);
            for (var i = 0; i < 3; i++)
            {
                var got = await inboxes[i].Until(marker, $"{target}: connection {names[i]}");
                var should = expected.Contains(names[i]) ? new[] { label } : [];
                Expect.Equal(should, got.ToArray(), $"{target}: what connection {names[i]} received");
            }
        }

        await Case("All", l => a.InvokeAsync("All", l), "a", "b", "c");
        await Case("Caller", l => a.InvokeAsync("Caller", l), "a");
        await Case("Others", l => a.InvokeAsync("Others", l), "b", "c");
        await Case("AllExcept", l => a.InvokeAsync("AllExcept", l, new[] { idb }), "a", "c");
        await Case("Client", l => a.InvokeAsync("Client", l, idc), "c");
        await Case("Clients", l => a.InvokeAsync("ClientsOf", l, new[] { ida, idc }), "a", "c");
        await a.InvokeAsync("Join", g1);
        await b.InvokeAsync("Join", g1);
        await c.InvokeAsync("Join", g2);
        await Case("Group", l => c.InvokeAsync("Group", l, g1), "a", "b");
        await Case("GroupExcept", l => c.InvokeAsync("GroupExcept", l, g1, new[] { ida }), "b");
        await Case("Groups", l => a.InvokeAsync("GroupsOf", l, new[] { g1, g2 }), "a", "b", "c");
        await Case("OthersInGroup", l => a.InvokeAsync("OthersInGroup", l, g1), "b");
        await Case("User", l => a.InvokeAsync("User", l, $"{cell.Id}-ub"), "b", "c");
        await Case("Users", l => b.InvokeAsync("UsersOf", l, new[] { $"{cell.Id}-ua" }), "a");
    }

    private static async Task Groups(Cell cell, Observe observe)
    {
        var (a, b) = (await cell.Connect(), await cell.Connect());
        var inboxes = new[] { new Inbox(a, cell.Id), new Inbox(b, cell.Id) };
        var group = $"{cell.Id}-team";

        async Task Expect2(string what, bool toA, bool toB)
        {
            var label = cell.Label(what);
            await a.InvokeAsync("Group", label, group);
            var marker = cell.Label("marker");
            await a.InvokeAsync("All", marker);
            Expect.Equal(toA ? new[] { label } : [], (await inboxes[0].Until(marker, what)).ToArray(), $"{what}: connection a");
            Expect.Equal(toB ? new[] { label } : [], (await inboxes[1].Until(marker, what)).ToArray(), $"{what}: connection b");
        }

        await Expect2("nobody joined", false, false);
        await a.InvokeAsync("Join", group);
        await Expect2("a joined", true, false);
        await a.InvokeAsync("AddOther", b.ConnectionId, group);
        await Expect2("b added by a", true, true);
        await a.InvokeAsync("Join", group);
        await Expect2("a joined twice", true, true);
        await a.InvokeAsync("Leave", group);
        await Expect2("a left", false, true);
        await a.InvokeAsync("RemoveOther", b.ConnectionId, group);
        await Expect2("b removed by a", false, false);
    }

    private static async Task TypedRoundTrip(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        Expect.Equal(utc, await connection.InvokeAsync<DateTime>("Echo", utc), "DateTime (UTC, milliseconds)");
        var offset = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2));
        var echoedOffset = await connection.InvokeAsync<DateTimeOffset>("Echo", offset);
        Expect.Equal(offset, echoedOffset, "DateTimeOffset");
        Expect.Equal(offset.Offset, echoedOffset.Offset, "DateTimeOffset's offset");
        var guid = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        Expect.Equal(guid, await connection.InvokeAsync<Guid>("Echo", guid), "Guid");
        byte[] bytes = [0, 1, 2, 127, 128, 254, 255];
        Expect.Equal(bytes, await connection.InvokeAsync<byte[]>("Echo", bytes), "byte[]");
        Expect.Equal(12345.6789m, await connection.InvokeAsync<decimal>("Echo", 12345.6789m), "decimal");
        Expect.Equal<string?>(null, await connection.InvokeAsync<string?>("Echo", (string?)null), "null");
        Expect.Equal(long.MaxValue / 1024, await connection.InvokeAsync<long>("Echo", long.MaxValue / 1024), "long below 2^53");

        var order = new Order(
            guid, utc, offset, bytes, 99.95m,
            [new Line("a-1", 2, 10.5m), new Line("b-2", 1, 78.95m)],
            new Dictionary<string, int> { ["red"] = 1, ["blue"] = 2 },
            null, null);
        var echoed = await connection.InvokeAsync<Order>("Echo", order);
        Expect.Equal(order.Id, echoed.Id, "Order.Id");
        Expect.Equal(order.Placed, echoed.Placed, "Order.Placed");
        Expect.Equal(order.Promised, echoed.Promised, "Order.Promised");
        Expect.Equal(order.Signature, echoed.Signature, "Order.Signature");
        Expect.Equal(order.Total, echoed.Total, "Order.Total");
        Expect.Equal(order.Lines, echoed.Lines, "Order.Lines");
        Expect.Equal(order.Counts.OrderBy(p => p.Key).ToArray(), echoed.Counts.OrderBy(p => p.Key).ToArray(), "Order.Counts");
        Expect.Equal(null, echoed.Note, "Order.Note");
        Expect.Equal(null, echoed.Gift, "Order.Gift");

        // Where a JavaScript server cannot keep a .NET value exactly; the harness compares these with ASP.NET Core.
        var ticks = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(6789012);
        await Observed(observe, "DateTime with 100 ns ticks", async () => Expect.Show(await connection.InvokeAsync<DateTime>("Echo", ticks)));
        await Observed(observe, "decimal with 28 digits", async () => (await connection.InvokeAsync<decimal>("Echo", 7.922816251426433759354395033m)).ToString());
        await Observed(observe, "long above 2^53", async () => (await connection.InvokeAsync<long>("Echo", long.MaxValue)).ToString());
    }

    /** Observes what `call` returns, or the error it fails with. */
    private static async Task Observed(Observe observe, string key, Func<Task<string>> call)
    {
        try
        {
            observe(key, await call());
        }
        catch (HubException error)
        {
            observe(key, $"HubException: {error.Message}");
        }
    }

    private static async Task ServerMadeValues(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var values = await connection.InvokeAsync<ServerValues>("ServerValues");
        Expect.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), values.When.ToUniversalTime(), "when");
        Expect.Equal(DateTimeKind.Utc, values.When.Kind, "when's kind");
        Expect.Equal(new byte[] { 0, 1, 2, 254, 255 }, values.Bytes, "bytes");
        Expect.Equal(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), values.Id, "id");
        Expect.Equal(12345.678, values.Amount, "amount");
        Expect.True(values.Nested != null, "nested is missing");
        Expect.Equal("inner", values.Nested!.Name, "nested.name");
        Expect.Equal(new[] { 1, 2, 3 }, values.Nested.Items, "nested.items");
        Expect.Equal(null, values.Nested.Note, "nested.note");
    }

    private static async Task Errors(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var thrown = await Expect.Throws<HubException>(() => connection.InvokeAsync("ThrowHub", "The reason."), "ThrowHub");
        Expect.Equal("An unexpected error occurred invoking 'ThrowHub' on the server. HubException: The reason.", thrown.Message, "a HubException's text");
        var generic = await Expect.Throws<HubException>(() => connection.InvokeAsync("ThrowPlain"), "ThrowPlain");
        Expect.Equal("An unexpected error occurred invoking 'ThrowPlain' on the server.", generic.Message, "any other error's text");
        var unknown = await Expect.Throws<HubException>(() => connection.InvokeAsync("NoSuchMethod"), "NoSuchMethod");
        Expect.Equal("Failed to invoke 'NoSuchMethod' due to an error on the server. HubException: Method does not exist.", unknown.Message, "an unknown method's text");
        var count = await Expect.Throws<HubException>(() => connection.InvokeAsync("Add", 1), "Add with one argument");
        Expect.Equal("Failed to invoke 'Add' due to an error on the server.", count.Message, "a wrong argument count's text");
        var asStream = await Expect.Throws<HubException>(() => connection.InvokeAsync("Counter", 1, 0), "invoking a streaming method");
        Expect.Equal("The client attempted to invoke the streaming 'Counter' method with a non-streaming invocation.", asStream.Message, "invoking a stream's text");
        // The connection is still usable after every refusal.
        Expect.Equal(3, await connection.InvokeAsync<int>("Add", 1, 2), "Add after the errors");
        await Observed(observe, "Add(\"x\", 2)", async () => Expect.Show(await connection.InvokeAsync<object?>("Add", "x", 2)));
    }

    private static async Task StreamAsync(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var items = new List<int>();
        await Expect.Within(Task.Run(async () => { await foreach (var n in connection.StreamAsync<int>("Counter", 5, 0)) items.Add(n); }), "Counter(5) to complete");
        Expect.Equal(new[] { 0, 1, 2, 3, 4 }, items.ToArray(), "Counter(5)'s items");

        var tag = cell.Label("endless");
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        try
        {
            await Expect.Within(Task.Run(async () =>
            {
                await foreach (var _ in connection.StreamAsync<int>("Endless", tag, cancel.Token))
                {
                    if (++seen == 3) cancel.Cancel();
                }
            }), "Endless to stop after the cancel");
        }
        catch (OperationCanceledException)
        {
            // What the client throws for a stream it cancelled.
        }
        Expect.True(seen >= 3, $"only {seen} items were read before the cancel");
        await Expect.Eventually(() => connection.InvokeAsync<bool>("StreamEnded", tag), "the server to end the cancelled stream");
        var errors = await Expect.Throws<HubException>(async () => { await foreach (var _ in connection.StreamAsync<int>("ThrowHub", "In a stream.")) { } }, "streaming a non-streaming method");
        Expect.Equal("The client attempted to invoke the non-streaming 'ThrowHub' method with a streaming invocation.", errors.Message, "streaming a non-stream's text");
    }

    private static async Task StreamAsChannel(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var reader = await connection.StreamAsChannelAsync<int>("Counter", 4, 5);
        var items = new List<int>();
        await Expect.Within(Task.Run(async () => { while (await reader.WaitToReadAsync()) while (reader.TryRead(out var n)) items.Add(n); }), "Counter(4) to complete");
        Expect.Equal(new[] { 0, 1, 2, 3 }, items.ToArray(), "Counter(4)'s items");

        var tag = cell.Label("endless");
        using var cancel = new CancellationTokenSource();
        var endless = await connection.StreamAsChannelAsync<int>("Endless", tag, cancel.Token);
        for (var i = 0; i < 2; i++) await Expect.Within(endless.ReadAsync().AsTask(), "an Endless item");
        cancel.Cancel();
        await Expect.Eventually(() => connection.InvokeAsync<bool>("StreamEnded", tag), "the server to end the cancelled stream");
    }

    private static async Task UploadEnumerable(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        static async IAsyncEnumerable<int> Numbers([EnumeratorCancellation] CancellationToken token = default)
        {
            for (var i = 1; i <= 5; i++)
            {
                await Task.Delay(5, token);
                yield return i;
            }
        }
        Expect.Equal(15, await Expect.Within(connection.InvokeAsync<int>("Sum", Numbers()), "Sum(1..5)"), "Sum of an IAsyncEnumerable");
        static async IAsyncEnumerable<int> None() { await Task.CompletedTask; yield break; }
        Expect.Equal(0, await Expect.Within(connection.InvokeAsync<int>("Sum", None()), "Sum(nothing)"), "Sum of an empty IAsyncEnumerable");
    }

    private static async Task UploadChannel(Cell cell, Observe observe)
    {
        var connection = await cell.Connect();
        var channel = Channel.CreateBounded<int>(2);
        var sum = connection.InvokeAsync<int>("Sum", channel.Reader);
        for (var i = 1; i <= 10; i++) await channel.Writer.WriteAsync(i);
        channel.Writer.Complete();
        Expect.Equal(55, await Expect.Within(sum, "Sum(1..10)"), "Sum of a ChannelReader");
    }

    private static async Task ClientResults(Cell cell, Observe observe)
    {
        var answering = await cell.Connect(before: c => { c.On<string, string>("getAnswer", q => $"42 for {q}"); return Task.CompletedTask; });
        Expect.Equal("answer:42 for life", await answering.InvokeAsync<string>("AskCaller", "life"), "a handler's answer");
        var asyncAnswer = await cell.Connect(before: c => { c.On<string, string>("getAnswer", async q => { await Task.Delay(10); return q.ToUpperInvariant(); }); return Task.CompletedTask; });
        Expect.Equal("answer:LATER", await asyncAnswer.InvokeAsync<string>("AskCaller", "later"), "an async handler's answer");
        var throwing = await cell.Connect(before: c => { c.On<string, string>("getAnswer", new Func<string, string>(q => throw new InvalidOperationException("Not telling."))); return Task.CompletedTask; });
        var refused = await throwing.InvokeAsync<string>("AskCaller", "why");
        Expect.Equal("error:Not telling.", refused, "what the hub sees when the handler throws");
        var silent = await cell.Connect();
        var missing = await silent.InvokeAsync<string>("AskCaller", "anyone");
        // The .NET client cannot bind the arguments of a method it has no handler for, and says so.
        Expect.Equal("error:Client failed to parse argument(s).", missing, "what the hub sees when no handler exists");
    }

    private static async Task AccessTokens(Cell cell, Observe observe)
    {
        var tokens = 0;
        var alice = cell.Build("/hubs/secure", http => http.AccessTokenProvider = () => { Interlocked.Increment(ref tokens); return Task.FromResult<string?>("user-alice"); });
        await Expect.Within(alice.StartAsync(), "connecting with a token");
        Expect.Equal("alice", await alice.InvokeAsync<string?>("WhoAmI"), "the user the hub sees");
        Expect.True(tokens >= 1, "the token provider was never asked");

        var anonymous = cell.Build("/hubs/secure");
        var refused = await Expect.Throws<HttpRequestException>(() => anonymous.StartAsync(), "connecting without a token");
        Expect.Equal(HttpStatusCode.Unauthorized, refused.StatusCode, "the status without a token");
        observe("no token: the client's error", refused.Message);

        var forged = cell.Build("/hubs/secure", http => http.AccessTokenProvider = () => Task.FromResult<string?>("forged"));
        var bad = await Expect.Throws<HttpRequestException>(() => forged.StartAsync(), "connecting with a bad token");
        Expect.Equal(HttpStatusCode.Unauthorized, bad.StatusCode, "the status with a bad token");

        var open = await cell.Connect();
        Expect.Equal<string?>(null, await open.InvokeAsync<string?>("WhoAmI"), "an anonymous caller's user");
    }

    private static async Task AutomaticReconnect(Cell cell, Observe observe)
    {
        var proxy = await cell.NewProxy();
        var connection = cell.Build("/hubs/interop", baseUrl: proxy.Url,
            configure: b => b.WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]));
        var reconnecting = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += error => { reconnecting.TrySetResult(error); return Task.CompletedTask; };
        connection.Reconnected += id => { reconnected.TrySetResult(id); return Task.CompletedTask; };
        connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
        await Expect.Within(connection.StartAsync(), "connecting through the proxy");
        var first = connection.ConnectionId;
        Expect.True(await cell.Cut(proxy) > 0, "the proxy had no connection to cut");
        await Expect.Within(reconnecting.Task, "Reconnecting after the cut");
        var second = await Expect.Within(reconnected.Task, "Reconnected after the cut");
        Expect.True(second != null && second != first, $"a new connection id after reconnecting (was {first}, now {second})");
        Expect.Equal(7, await connection.InvokeAsync<int>("Add", 3, 4), "Add after reconnecting");
        Expect.True(!closed.Task.IsCompleted, "the connection closed instead of reconnecting");
    }

    private static async Task StatefulReconnect(Cell cell, Observe observe)
    {
        const int count = 100;
        var proxy = await cell.NewProxy();
        var connection = cell.Build("/hubs/interop", baseUrl: proxy.Url, configure: b => b.WithStatefulReconnect());
        var label = cell.Label("stateful");
        var received = Channel.CreateUnbounded<int>();
        var arrived = 0;
        connection.On<string, int>("seq", (l, n) =>
        {
            if (l != label) return;
            Interlocked.Increment(ref arrived);
            received.Writer.TryWrite(n);
        });
        var closed = false;
        connection.Closed += _ => { closed = true; return Task.CompletedTask; };
        await Expect.Within(connection.StartAsync(), "connecting through the proxy");
        var id = connection.ConnectionId;

        await connection.SendAsync("CountTo", label, count, 15);
        // Each cut waits until messages flow again: a cut during the reconnect itself ends the
        // connection in the .NET client (with either server), which is not what this proves.
        var cuts = Task.Run(async () =>
        {
            var dropped = 0;
            for (var i = 0; i < 4; i++)
            {
                await Task.Delay(150);
                var before = Volatile.Read(ref arrived);
                dropped += await cell.Cut(proxy);
                await Expect.Eventually(() => Task.FromResult(closed || Volatile.Read(ref arrived) >= Math.Min(before + 3, count)), "messages flowing again after a cut");
            }
            return dropped;
        });
        for (var i = 1; i <= count; i++)
        {
            await Expect.Within(connection.SendAsync("Record", label, i), $"sending Record({i})");
            await Task.Delay(12);
        }
        Expect.True(await cuts > 0, "the proxy had no connection to cut");

        var got = new List<int>();
        await Expect.Within(Task.Run(async () => { while (got.Count < count) got.Add(await received.Reader.ReadAsync()); }), $"all {count} Seq messages (got {got.Count})", TimeSpan.FromSeconds(30));
        Expect.Equal(Enumerable.Range(1, count).ToArray(), got.ToArray(), "the server's messages, each exactly once, in order");
        var recorded = await Expect.Within(connection.InvokeAsync<int[]>("Recorded", label), "Recorded");
        Expect.Equal(Enumerable.Range(1, count).ToArray(), recorded, "the client's messages, each exactly once, in order");
        Expect.Equal(id, connection.ConnectionId, "the connection id across the cuts");
        Expect.True(!closed, "the connection closed instead of reconnecting");
        await Task.Delay(100);
        Expect.True(!received.Reader.TryRead(out var extra), $"a duplicate arrived late: {extra}");
    }
}
