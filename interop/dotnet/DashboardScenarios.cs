using System.Threading.Channels;
using Hubdeck.Contracts.DashboardHub;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hubdeck.Interop;

/** Where a Hubdeck host is: its own URL (for the owner's token) and its LAN URL, where an operator who joined with a code connects. */
public sealed record HostEndpoints(string LocalUrl, string LanUrl, string OwnerToken, string OperatorToken, string OperatorName);

/** A real host's DashboardHub, driven only through the generated C# (DashboardHubProxy, IDashboardHubClient). */
public static class DashboardScenarios
{
    public static readonly (string Name, Func<Cell, HostEndpoints, Task> Run)[] All =
    [
        ("DashboardHub: subscribe, ReceiveMetrics", ReceiveMetrics),
        ("DashboardHub: ReceiveAlert, acknowledge as operator", AcknowledgeAlert),
        ("DashboardHub: save a dashboard", SaveDashboard),
        ("DashboardHub: StreamHistory", StreamHistory),
    ];

    private static async Task ReceiveMetrics(Cell cell, HostEndpoints host)
    {
        var (operatorHub, receiver) = await JoinAsOperator(cell, host);
        var series = await operatorHub.ListSeriesAsync();
        Expect.True(series.Count > 0, "the host lists no series");
        await operatorHub.SubscribeToMetricsAsync("main", series.Select(s => s.Type).Distinct().ToList());
        var metrics = await Expect.Within(receiver.Metrics.Reader.ReadAsync().AsTask(), "ReceiveMetrics after subscribing");
        Expect.Equal("main", metrics.DashboardId, "the metrics' dashboard");
        Expect.True(metrics.Metrics.Count > 0, "ReceiveMetrics carried no metric");
        Expect.True(Math.Abs((DateTimeOffset.UtcNow - metrics.Timestamp).TotalMinutes) < 5, $"the metrics' timestamp {metrics.Timestamp:O} is not now");
        Expect.True(metrics.Metrics.All(m => m.Name.Length > 0 && m.Tags != null), "a metric without a name or tags");
    }

    private static async Task AcknowledgeAlert(Cell cell, HostEndpoints host)
    {
        var owner = await ConnectAsOwner(cell, host);
        var (operatorHub, receiver) = await JoinAsOperator(cell, host);
        var series = (await operatorHub.ListSeriesAsync())[0];
        await operatorHub.SubscribeToMetricsAsync("main", [series.Type]);
        var rule = new AlertRule
        {
            Id = $"dotnet-{cell.Id}",
            Name = $".NET {cell.Id}",
            Selector = series.Id,
            Comparison = AlertRuleComparison.GreaterThanOrEqual,
            Threshold = -1e12,
            ForSeconds = 0,
            ClearThreshold = null,
            Severity = AlertRuleSeverity.Warning,
            Enabled = true,
        };
        var saved = await owner.SaveAlertRuleAsync(rule);
        Expect.Equal(rule.Id, saved.Id, "the saved rule");
        try
        {
            Alert firing;
            do firing = await Expect.Within(receiver.Alerts.Reader.ReadAsync().AsTask(), $"ReceiveAlert for rule {rule.Id}");
            while (firing.RuleId != rule.Id || firing.State != AlertState.Firing);
            Expect.Equal(AlertType.Warning, firing.Type, "the alert's severity");
            var acknowledged = await operatorHub.AcknowledgeAlertAsync(firing.Id);
            Expect.Equal(firing.Id, acknowledged.Id, "the acknowledged alert");
            Expect.Equal(host.OperatorName, acknowledged.AcknowledgedBy?.Name, "who acknowledged it");
            Expect.True(acknowledged.AcknowledgedAt is { } at && Math.Abs((DateTimeOffset.UtcNow - at).TotalMinutes) < 5, "when it was acknowledged");
            var viewer = await Expect.Throws<Microsoft.AspNetCore.SignalR.HubException>(() => owner.AcknowledgeAlertAsync("no-such-alert"), "acknowledging a missing alert");
            Expect.Equal("An unexpected error occurred invoking 'AcknowledgeAlert' on the server. HubException: There is no alert 'no-such-alert'.", viewer.Message, "the missing alert's error");
        }
        finally
        {
            await owner.DeleteAlertRuleAsync(rule.Id);
        }
    }

    private static async Task SaveDashboard(Cell cell, HostEndpoints host)
    {
        var (operatorHub, receiver) = await JoinAsOperator(cell, host);
        var draft = new DashboardDraft
        {
            Id = $"dotnet-{cell.Id}",
            Name = $"From .NET ({cell.Transport}, {cell.Protocol})",
            BaseVersion = 0,
            Panels = [new Panel { Id = "p1", Kind = PanelKind.Line, Title = "CPU", Series = ["cpu.total"], Window = PanelWindow.Value15m, X = 0, Y = 0, W = 6, H = 4 }],
        };
        var saved = await operatorHub.SaveDashboardAsync(draft);
        Expect.Equal(1L, saved.Version, "the first version");
        Expect.Equal(host.OperatorName, saved.UpdatedBy.Name, "who saved it");
        Expect.Equal(ActorRole.Operator, saved.UpdatedBy.Role, "the role of who saved it");
        Expect.Equal(PanelWindow.Value15m, saved.Panels[0].Window, "the panel's window");
        var again = await operatorHub.GetDashboardAsync(draft.Id);
        Expect.Equal(draft.Name, again.Name, "the dashboard read back");
        var stale = await Expect.Throws<Microsoft.AspNetCore.SignalR.HubException>(() => operatorHub.SaveDashboardAsync(draft), "saving over a newer version");
        Expect.True(stale.Message.Contains("HubException:"), $"a conflict is a HubException the client can show: {stale.Message}");
        await operatorHub.DeleteDashboardAsync(draft.Id);
    }

    private static async Task StreamHistory(Cell cell, HostEndpoints host)
    {
        var (operatorHub, _) = await JoinAsOperator(cell, host);
        var series = (await operatorHub.ListSeriesAsync()).Select(s => s.Id).Take(2).ToList();
        var points = 0;
        await Expect.Eventually(async () =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var chunks = new List<HistoryChunk>();
            await foreach (var chunk in operatorHub.StreamHistoryAsync(series, now - 60_000, now, 500)) chunks.Add(chunk);
            foreach (var chunk in chunks)
            {
                Expect.True(series.Contains(chunk.Series), $"a chunk of series {chunk.Series}, which was not asked for");
                Expect.Equal(chunk.Timestamps.Count, chunk.Values.Count, "timestamps and values of a chunk");
            }
            points = chunks.Sum(c => c.Values.Count);
            return points > 0;
        }, "stored history to stream");
    }

    private static async Task<DashboardHubProxy> ConnectAsOwner(Cell cell, HostEndpoints host)
    {
        var connection = cell.Build("/hubs/dashboard", http => http.AccessTokenProvider = () => Task.FromResult<string?>(host.OwnerToken), baseUrl: host.LocalUrl);
        await Expect.Within(connection.StartAsync(), "connecting as the owner");
        return new DashboardHubProxy(connection);
    }

    /** Connects over the LAN as the operator who joined with a code, as a peer would. */
    private static async Task<(DashboardHubProxy Hub, Receiver Receiver)> JoinAsOperator(Cell cell, HostEndpoints host)
    {
        var connection = cell.Build("/hubs/dashboard", http => http.AccessTokenProvider = () => Task.FromResult<string?>(host.OperatorToken), baseUrl: host.LanUrl);
        var receiver = new Receiver();
        connection.BindDashboardHubClient(receiver);
        await Expect.Within(connection.StartAsync(), "connecting as the operator");
        var hub = new DashboardHubProxy(connection);
        var session = await hub.WhoAmIAsync();
        Expect.Equal(SessionRole.Operator, session.Role, "the operator's role");
        Expect.Equal(host.OperatorName, session.DisplayName, "the operator's name");
        return (hub, receiver);
    }

    /** Keeps what the host pushes, per client method. */
    private sealed class Receiver : IDashboardHubClient
    {
        public Channel<DashboardMetrics> Metrics { get; } = Channel.CreateUnbounded<DashboardMetrics>();
        public Channel<Alert> Alerts { get; } = Channel.CreateUnbounded<Alert>();

        public Task ReceiveMetrics(DashboardMetrics metrics) => Metrics.Writer.WriteAsync(metrics).AsTask();
        public Task ReceiveAlert(Alert alert) => Alerts.Writer.WriteAsync(alert).AsTask();
        public Task SystemStatusChanged(SystemStatus status) => Task.CompletedTask;
        public Task UserActivity(UserActivityEvent activity) => Task.CompletedTask;
        public Task PresenceChanged(PresenceUpdate update) => Task.CompletedTask;
        public Task DashboardChanged(Dashboard dashboard) => Task.CompletedTask;
        public Task AlertRulesChanged(IReadOnlyList<AlertRule> rules) => Task.CompletedTask;
        public Task SharingChanged(SharingState sharing) => Task.CompletedTask;
    }
}
