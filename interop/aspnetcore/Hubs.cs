using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Hubdeck.Interop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Hubdeck.Interop.Server;

/** This node's name in a mixed fleet. */
public sealed record NodeName(string Value);

/** One method per client target and group change, each sending hit(label): the same methods as Hubdeck's TargetHub. */
public class TargetHub : Hub
{
    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);
    public Task Leave(string group) => Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
    public Task AddOther(string connectionId, string group) => Groups.AddToGroupAsync(connectionId, group);
    public Task RemoveOther(string connectionId, string group) => Groups.RemoveFromGroupAsync(connectionId, group);
    public Task All(string label) => Clients.All.SendAsync("hit", label);
    public Task Caller(string label) => Clients.Caller.SendAsync("hit", label);
    public Task Others(string label) => Clients.Others.SendAsync("hit", label);
    public Task AllExcept(string label, string[] ids) => Clients.AllExcept(ids).SendAsync("hit", label);
    public Task Client(string label, string id) => Clients.Client(id).SendAsync("hit", label);
    public Task ClientsOf(string label, string[] ids) => Clients.Clients(ids).SendAsync("hit", label);
    public Task Group(string label, string group) => Clients.Group(group).SendAsync("hit", label);
    public Task GroupExcept(string label, string group, string[] ids) => Clients.GroupExcept(group, ids).SendAsync("hit", label);
    public Task GroupsOf(string label, string[] groups) => Clients.Groups(groups).SendAsync("hit", label);
    public Task OthersInGroup(string label, string group) => Clients.OthersInGroup(group).SendAsync("hit", label);
    public Task User(string label, string userId) => Clients.User(userId).SendAsync("hit", label);
    public Task UsersOf(string label, string[] userIds) => Clients.Users(userIds).SendAsync("hit", label);
    public Task<string> Ask(string connectionId, string question) => Clients.Client(connectionId).InvokeAsync<string>("getAnswer", question, Context.ConnectionAborted);
}

/** The interop scenarios' hub: the same methods as Hubdeck's InteropHub, so the same scenarios run against both. */
public class InteropHub : TargetHub
{
    private static readonly ConcurrentDictionary<string, bool> FinishedStreams = new();
    private static readonly ConcurrentDictionary<string, List<int>> RecordedByLabel = new();

    /** Adds as JavaScript does: a whole sum is an integer on the wire, any other a double. */
    public object Add(double a, double b)
    {
        var sum = a + b;
        return Math.Floor(sum) == sum && Math.Abs(sum) <= 9007199254740991 ? (object)(long)sum : sum;
    }
    public void Ping() { }
    public Task Notify(string text) => Clients.Caller.SendAsync("receive", text);
    public object? Echo(object? value) => value;

    public ServerValues ServerValues() => new()
    {
        When = new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc),
        Bytes = [0, 1, 2, 254, 255],
        Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Amount = 12345.678,
        Nested = new Nested { Name = "inner", Items = [1, 2, 3], Note = null },
    };

    public void ThrowHub(string message) => throw new HubException(message);
    public void ThrowPlain() => throw new InvalidOperationException("A detail only the server should see.");

    public async IAsyncEnumerable<int> Counter(int count, int delayMs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            if (delayMs > 0) await Task.Delay(delayMs, cancellationToken);
            yield return i;
        }
    }

    public async IAsyncEnumerable<int> Endless(string tag, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                yield return i;
                try { await Task.Delay(10, cancellationToken); } catch (OperationCanceledException) { yield break; }
            }
        }
        finally
        {
            FinishedStreams[tag] = true;
        }
    }

    public bool StreamEnded(string tag) => FinishedStreams.ContainsKey(tag);

    public async Task<int> Sum(IAsyncEnumerable<int> numbers)
    {
        var total = 0;
        await foreach (var n in numbers) total += n;
        return total;
    }

    public async Task<string> AskCaller(string question)
    {
        try
        {
            return $"answer:{await Clients.Caller.InvokeAsync<string>("getAnswer", question, Context.ConnectionAborted)}";
        }
        catch (Exception error)
        {
            return $"error:{error.Message}";
        }
    }

    public string? WhoAmI() => Context.UserIdentifier;
    public string ConnectionId() => Context.ConnectionId;

    public async Task CountTo(string label, int count, int everyMs)
    {
        for (var i = 1; i <= count; i++)
        {
            await Clients.Caller.SendAsync("seq", label, i);
            await Task.Delay(everyMs);
        }
    }

    public void Record(string label, int n)
    {
        var list = RecordedByLabel.GetOrAdd(label, _ => []);
        lock (list) list.Add(n);
    }

    public int[] Recorded(string label)
    {
        var list = RecordedByLabel.GetOrAdd(label, _ => []);
        lock (list) return [.. list];
    }
}

/** The interop hub behind a required token. */
[Authorize]
public sealed class SecureHub : InteropHub;

/** TargetHub on a Redis backplane beside Hubdeck nodes, plus which node a connection is on. */
public sealed class BackplaneHub(NodeName node) : TargetHub
{
    public object WhoAmI() => new { connectionId = Context.ConnectionId, server = node.Value, user = Context.UserIdentifier };
}

/** The benchmark's hub: the same Echo and Publish as Hubdeck's (bench/lib/servers/hubdeck-server.ts). */
public sealed class BenchHub : Hub
{
    public string Echo(string payload) => payload;
    public Task Publish(long seq, double sentAt, string payload) => Clients.All.SendAsync("tick", seq, sentAt, payload);
}
