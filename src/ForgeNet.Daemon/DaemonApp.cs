using ForgeNet.Core;
using ForgeNet.Daemon.Api;
using ForgeNet.Daemon.Events;
using ForgeNet.Daemon.Hosting;
using ForgeNet.Daemon.Metrics;
using ForgeNet.Daemon.Security;
using ForgeNet.Daemon.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace ForgeNet.Daemon;

/// <summary>The daemon's host: Kestrel on the Unix socket (HTTP/2, gRPC) and on the metrics address (HTTP/1.1), services, hosted services.</summary>
public static class DaemonApp
{
    /// <summary>Builds the application; nothing listens until it starts.</summary>
    public static WebApplication Build(DaemonOptions options, EngineOptions engineOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        ConfigureKestrel(builder, options);

        var engine = Engine.Open(engineOptions);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(engineOptions);
        builder.Services.AddSingleton(new EngineGate(engine));
        builder.Services.AddSingleton<EventHub>();
        builder.Services.AddSingleton<DaemonMetrics>();
        builder.Services.AddSingleton(GroupDirectory.FromEnvironment());
        builder.Services.AddSingleton<PeerAuthorizer>();
        builder.Services.AddSingleton<AuthorizationInterceptor>();
        builder.Services.AddGrpc(o => o.Interceptors.Add<AuthorizationInterceptor>());
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck("engine", () => HealthCheckResult.Healthy());
        builder.Services.AddHostedService<FirewallWatchService>();
        builder.Services.AddHostedService<DropBurstService>();
        builder.Services.AddSingleton<MemoryTrimService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MemoryTrimService>());
        if (options.Dns)
        {
            builder.Services.AddSingleton<DnsService>();
            builder.Services.AddHostedService(services => services.GetRequiredService<DnsService>());
        }

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<DaemonMetrics>();
        var gate = app.Services.GetRequiredService<EngineGate>();
        var scrapeLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("metrics");
        var dns = app.Services.GetService<DnsService>();
        metrics.Registry.AddBeforeCollectCallback(() => Scrape(metrics, gate, dns, scrapeLog));
        if (options.Metrics is { } endpoint)
            app.UseMetricServer(endpoint.Port, "/metrics", metrics.Registry);
        app.MapGrpcService<ForgeNetApi>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>The engine's gc before the first call: what a crash or kill -9 left behind goes first.</summary>
    public static void Reconcile(WebApplication app, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = app.Services.GetRequiredService<EngineGate>();
        try
        {
            var report = gate.Engine.CollectGarbage();
            foreach (var line in report.Removed)
                logger.LogWarning("reconcile: removed {What}", line);
        }
        catch (Core.Errors.ForgeException e)
        {
            // Serve anyway: gc is best effort and the next one (forge gc) may succeed.
            logger.LogError("reconcile: {Error}", e.Message);
        }
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, DaemonOptions options)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("connections");
            kestrel.ListenUnixSocket(options.SocketPath, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => PeerCredentialsMiddleware.Wrap(next, logger));
            });
            if (options.Metrics is { } endpoint)
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
        });
    }

    private static void Scrape(DaemonMetrics metrics, EngineGate gate, DnsService? dns, ILogger logger)
    {
        metrics.Dns.Update(dns?.Host);
        try
        {
            metrics.Kernel.Update(gate.Engine);
        }
        catch (Core.Errors.ForgeException e)
        {
            // A scrape still answers with what it has; the log says why kernel figures are stale.
            logger.LogWarning("reading kernel counters: {Error}", e.Message);
        }
    }
}
