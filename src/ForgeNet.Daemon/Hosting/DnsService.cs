using ForgeNet.Core;
using ForgeNet.Daemon.Api;
using ForgeNet.Dns.Hosting;
using ForgeNet.Dns.Server;

namespace ForgeNet.Daemon.Hosting;

/// <summary>
/// Hosts the resolvers of every network in the store for the daemon's lifetime (a <see cref="DnsHost"/>, which follows
/// networks as they come and go). It shares the daemon's engine: its reads and <c>DomainEgress</c> are thread-safe, and
/// it never changes the store. When the first start fails (a gateway cannot be bound), it logs and tries again.
/// </summary>
public sealed class DnsService(EngineGate gate, DaemonOptions options, EngineOptions engineOptions, ILogger<DnsService> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);
    private volatile DnsHost? _host;

    /// <summary>The running host; null before it started or after it stopped.</summary>
    public DnsHost? Host => _host;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _host = DnsHost.Start(gate.Engine, new DnsHostOptions
                {
                    HostNamespacePath = engineOptions.HostNamespacePath,
                    Upstreams = options.DnsUpstreams.Count > 0 ? options.DnsUpstreams : null,
                }, stoppingToken);
                logger.LogInformation("dns: serving {Count} network(s)", _host.Servers.Count);
                return;
            }
            catch (Exception e) when (e is DnsServerException or Core.Errors.ForgeException)
            {
                logger.LogError("dns: {Error} (retrying in {Seconds} s)", e.Message, Retry.TotalSeconds);
            }
            try { await Task.Delay(Retry, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _host, null) is { } host)
            await host.DisposeAsync().ConfigureAwait(false);
    }
}
