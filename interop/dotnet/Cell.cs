using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hubdeck.Interop;

/** Where the scenarios connect: the server under test and the harness that can cut connections. */
public sealed record Endpoints(string BaseUrl, string ControlUrl);

/** One column of the table: a transport and a hub protocol, and the connections a scenario opens in it. */
public sealed class Cell(string transport, string protocol, Endpoints endpoints) : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly List<HubConnection> _connections = [];
    private int _labels;

    public string Transport { get; } = transport;
    public string Protocol { get; } = protocol;
    public Endpoints Endpoints { get; } = endpoints;
    /** Tells this cell's labels, groups and users apart from those of cells running at the same time. */
    public string Id { get; } = $"{transport[..2]}{protocol[..2]}{Random.Shared.Next(100000, 999999)}";

    public HttpTransportType TransportType => Transport switch
    {
        "WebSockets" => HttpTransportType.WebSockets,
        "ServerSentEvents" => HttpTransportType.ServerSentEvents,
        "LongPolling" => HttpTransportType.LongPolling,
        _ => throw new ArgumentException($"Unknown transport {Transport}"),
    };

    /** A label unique to this cell and call. */
    public string Label(string name) => $"{Id}:{name}:{Interlocked.Increment(ref _labels)}";

    /** Builds a connection to `path` on `baseUrl` (the server itself unless a proxy's), not started. */
    public HubConnection Build(string path, Action<HttpConnectionOptions>? http = null, Func<IHubConnectionBuilder, IHubConnectionBuilder>? configure = null, string? baseUrl = null)
    {
        IHubConnectionBuilder builder = new HubConnectionBuilder().WithUrl($"{baseUrl ?? Endpoints.BaseUrl}{path}", TransportType, options => http?.Invoke(options));
        if (Protocol == "messagepack") builder.AddMessagePackProtocol();
        if (configure != null) builder = configure(builder);
        var connection = builder.Build();
        _connections.Add(connection);
        return connection;
    }

    /** Builds and starts a connection to the interop hub, as user `user` when given. */
    public async Task<HubConnection> Connect(string path = "/hubs/interop", string? user = null, Func<HubConnection, Task>? before = null)
    {
        var connection = Build(path, http => { if (user != null) http.AccessTokenProvider = () => Task.FromResult<string?>($"user-{user}"); });
        if (before != null) await before(connection);
        await Expect.Within(connection.StartAsync(), $"connecting to {path}");
        return connection;
    }

    /** A new TCP proxy in front of the server, which Cut can break; returns its base URL. */
    public async Task<Proxy> NewProxy()
    {
        var response = await Http.PostAsync($"{Endpoints.ControlUrl}/proxies", null);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<ProxyCreated>() ?? throw new CheckFailed("the harness made no proxy");
        return new Proxy(created.Url, created.Id);
    }

    /** Drops every live connection through `proxy` at once, as a broken network would; returns how many it dropped. */
    public async Task<int> Cut(Proxy proxy)
    {
        var response = await Http.PostAsync($"{Endpoints.ControlUrl}/proxies/{proxy.Id}/cut", null);
        response.EnsureSuccessStatusCode();
        return int.Parse(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            try { await connection.DisposeAsync(); } catch { /* a scenario may have broken it on purpose */ }
        }
    }

    private sealed record ProxyCreated(string Url, int Id);
}

/** A TCP proxy of the harness. */
public sealed record Proxy(string Url, int Id);

/** Collects the labels a connection receives through one client method, to compare with what should have arrived. */
public sealed class Inbox
{
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly string _prefix;

    public Inbox(HubConnection connection, string prefix, string method = "hit")
    {
        _prefix = prefix;
        connection.On<string>(method, label => { if (label.StartsWith(_prefix, StringComparison.Ordinal)) _received.Writer.TryWrite(label); });
    }

    /** Every label received before `marker` (which must arrive), in order. */
    public async Task<List<string>> Until(string marker, string what)
    {
        var labels = new List<string>();
        using var timeout = new CancellationTokenSource(Expect.DefaultTimeout);
        try
        {
            while (true)
            {
                var label = await _received.Reader.ReadAsync(timeout.Token);
                if (label == marker) return labels;
                labels.Add(label);
            }
        }
        catch (OperationCanceledException)
        {
            throw new CheckFailed($"{what}: the marker never arrived (got {Expect.Show(labels)})");
        }
    }

    public async Task<string> Next(string what)
    {
        using var timeout = new CancellationTokenSource(Expect.DefaultTimeout);
        try { return await _received.Reader.ReadAsync(timeout.Token); }
        catch (OperationCanceledException) { throw new CheckFailed($"{what}: nothing arrived"); }
    }
}
