using System.Diagnostics;
using Prometheus;

namespace ForgeNet.Daemon.Metrics;

/// <summary>
/// The daemon's Prometheus metrics, in a registry of their own (no default process metrics: only what ForgeNet
/// vouches for). Kernel counters are read at scrape time (<see cref="KernelCounters"/>); latencies are observed here.
/// </summary>
public sealed class DaemonMetrics
{
    public DaemonMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Operations = factory.CreateHistogram("forgenet_operation_duration_seconds",
            "Time the daemon took for an operation, from request to reply (setup, teardown, policy_apply, network_create, network_delete).",
            new HistogramConfiguration
            {
                LabelNames = ["operation"],
                Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            });
        OperationErrors = factory.CreateCounter("forgenet_operation_errors_total",
            "Operations that ended in an error, by operation.", ["operation"]);
        Kernel = new KernelCounters(factory);
        Dns = new DnsMetrics(factory);
    }

    /// <summary>The registry /metrics serves.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>forgenet_operation_duration_seconds{operation}.</summary>
    public Histogram Operations { get; }

    /// <summary>forgenet_operation_errors_total{operation}.</summary>
    public Counter OperationErrors { get; }

    /// <summary>The per-sandbox and per-rule counters read from the kernel.</summary>
    public KernelCounters Kernel { get; }

    /// <summary>The resolvers' counters per network.</summary>
    public DnsMetrics Dns { get; }

    /// <summary>Times <paramref name="call"/> as <paramref name="operation"/>, counting it as an error when it throws.</summary>
    public async Task<T> Time<T>(string operation, Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch
        {
            OperationErrors.WithLabels(operation).Inc();
            throw;
        }
        finally
        {
            Operations.WithLabels(operation).Observe(clock.Elapsed.TotalSeconds);
        }
    }
}
