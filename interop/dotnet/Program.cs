using System.Diagnostics;
using System.Text.Json;
using Hubdeck.Interop;

// Runs the interop scenarios against one server and prints a line per table cell:
//   RESULT {"scenario":…,"transport":…,"protocol":…,"status":"pass"|"fail"|"n/a","detail":…,"ms":…}
//   OBSERVED {"scenario":…,"transport":…,"protocol":…,"key":…,"value":…}
// Usage: Hubdeck.Interop.Client --base http://127.0.0.1:PORT --control http://127.0.0.1:PORT2 [--only NAME]
//        Hubdeck.Interop.Client --host-local URL --host-lan URL --owner-token T --operator-token T --operator-name N   (a host's DashboardHub)

var options = ParseArguments(args);
options.TryGetValue("only", out var only);
var hostRun = options.ContainsKey("host-local");
var endpoints = hostRun ? new Endpoints(Required(options, "host-local"), "") : new Endpoints(Required(options, "base"), Required(options, "control"));
var host = hostRun ? new HostEndpoints(Required(options, "host-local"), Required(options, "host-lan"), Required(options, "owner-token"), Required(options, "operator-token"), Required(options, "operator-name")) : null;
(string Name, Scenario Run, Func<Cell, string?> NotApplicable)[] scenarios = host == null
    ? Scenarios.All
    : [.. DashboardScenarios.All.Select(s => (s.Name, (Scenario)((cell, _) => s.Run(cell, host)), (Func<Cell, string?>)(_ => null)))];

(string Transport, string Protocol)[] columns =
[
    ("WebSockets", "json"), ("ServerSentEvents", "json"), ("LongPolling", "json"),
    ("WebSockets", "messagepack"), ("ServerSentEvents", "messagepack"), ("LongPolling", "messagepack"),
];
var output = Console.Out;
var outputLock = new object();
void Print(string kind, object line)
{
    lock (outputLock) output.WriteLine($"{kind} {JsonSerializer.Serialize(line)}");
}

// Columns run side by side, scenarios one after another within a column: the server sees
// several clients at once, as in real use, and one slow column does not hold up the rest.
await Task.WhenAll(columns.Select(column => Task.Run(async () =>
{
    foreach (var (name, run, notApplicable) in scenarios)
    {
        if (only != null && name != only) continue;
        await using var cell = new Cell(column.Transport, column.Protocol, endpoints);
        var reason = column is ("ServerSentEvents", "messagepack") ? "Server-Sent Events carry text only" : notApplicable(cell);
        if (reason != null)
        {
            Print("RESULT", new { scenario = name, transport = cell.Transport, protocol = cell.Protocol, status = "n/a", detail = reason, ms = 0 });
            continue;
        }
        var clock = Stopwatch.StartNew();
        string status = "pass", detail = "";
        try
        {
            await run(cell, (key, value) => Print("OBSERVED", new { scenario = name, transport = cell.Transport, protocol = cell.Protocol, key, value }));
        }
        catch (Exception error)
        {
            status = "fail";
            detail = error is CheckFailed ? error.Message : $"{error.GetType().Name}: {error.Message}";
        }
        Print("RESULT", new { scenario = name, transport = cell.Transport, protocol = cell.Protocol, status, detail, ms = clock.ElapsedMilliseconds });
    }
})));
return 0;

static Dictionary<string, string> ParseArguments(string[] args)
{
    var options = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--")) throw new ArgumentException($"Expected an option, got '{args[i]}'");
        options[args[i][2..]] = args[i + 1];
    }
    return options;
}

static string Required(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
