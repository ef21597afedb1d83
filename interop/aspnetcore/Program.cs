using System.Security.Claims;
using System.Text.Encodings.Web;
using Hubdeck.Interop.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// ASP.NET Core SignalR with default options, on 127.0.0.1:
//   Hubdeck.Interop.Server [--port N] [--redis HOST:PORT --prefix P --name NAME]
// Prints "listening at http://127.0.0.1:PORT" once Kestrel is bound.
var options = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, int.Parse(options.GetValueOrDefault("port", "0"))));
builder.Services.AddAuthentication(TestTokens.Name).AddScheme<AuthenticationSchemeOptions, TestTokens>(TestTokens.Name, null);
builder.Services.AddAuthorization();
var signalR = builder.Services.AddSignalR()
    .AddMessagePackProtocol()
    // A hub method awaiting a client result needs a second invocation slot for the client's answer.
    .AddHubOptions<InteropHub>(hub => hub.MaximumParallelInvocationsPerClient = 4)
    .AddHubOptions<SecureHub>(hub => hub.MaximumParallelInvocationsPerClient = 4)
    .AddHubOptions<BackplaneHub>(hub => hub.MaximumParallelInvocationsPerClient = 4);
if (options.TryGetValue("redis", out var redis))
{
    signalR.AddStackExchangeRedis(redis, redisOptions => redisOptions.Configuration.ChannelPrefix = RedisChannel.Literal(options.GetValueOrDefault("prefix", "")));
}
builder.Services.AddSingleton(new NodeName(options.GetValueOrDefault("name", "aspnetcore")));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapHub<InteropHub>("/hubs/interop", endpoint => endpoint.AllowStatefulReconnects = true);
app.MapHub<SecureHub>("/hubs/secure", endpoint => endpoint.AllowStatefulReconnects = true);
app.MapHub<BackplaneHub>("/hubs/backplane");
app.MapHub<BenchHub>("/hubs/bench");
// The benchmark's memory reading, taken after full collections as Hubdeck's is.
app.MapGet("/bench/memory", () =>
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    using var process = System.Diagnostics.Process.GetCurrentProcess();
    return Results.Json(new { rss = process.WorkingSet64, heapUsed = GC.GetTotalMemory(false) });
});
await app.StartAsync();
var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening at {address}");
await app.WaitForShutdownAsync();

/** Test tokens are "user-NAME"; any other token is refused, and no token is anonymous. */
sealed class TestTokens(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "TestToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ") ? header[7..].Trim() : Request.Query["access_token"];
        if (string.IsNullOrEmpty(token)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.StartsWith("user-")) return Task.FromResult(AuthenticateResult.Fail("Invalid token."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, token[5..]), new Claim(ClaimTypes.Name, token[5..])], Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
    }
}
