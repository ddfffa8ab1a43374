using System.Net;
using System.Net.Sockets;

namespace ForgeNet.Bench.Daemon;

/// <summary>--scrape: the daemon serves /metrics on a free loopback port; one scrape counts the per-sandbox series.</summary>
internal sealed class MetricsScrape(int port) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

    /// <summary>The daemon's --metrics value.</summary>
    public string Address => $"127.0.0.1:{port}";

    /// <summary>A port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Scrapes once: the series that name a sandbox, and the size of the exposition.</summary>
    public async Task<(int SandboxSeries, int Bytes)> ScrapeAsync()
    {
        var text = await _http.GetStringAsync("/metrics");
        var series = text.Split('\n').Count(l => !l.StartsWith('#') && l.Contains("sandbox=\"", StringComparison.Ordinal));
        return (series, text.Length);
    }

    public void Dispose() => _http.Dispose();
}
