using ForgeNet.Core.Firewall;
using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Events;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Hosting;

/// <summary>Runs the engine's firewall watcher for the daemon's lifetime; its restores become FIREWALL_RESTORED events.</summary>
public sealed class FirewallWatchService(EngineGate gate, EventHub events, ILogger<FirewallWatchService> logger) : IHostedService, IDisposable
{
    private FirewallWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watcher = gate.Engine.WatchFirewall();
        _watcher.Restored += what =>
        {
            logger.LogWarning("firewall restored: {What}", what);
            events.Publish(V1.Event.Types.Kind.FirewallRestored, detail: what);
        };
        _watcher.Failed += error => logger.LogError("firewall watcher: {Error}", error.Message);
        _watcher.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
    }
}
