using System.Diagnostics;
using System.Globalization;
using ForgeNet.Api.V1;
using ForgeNet.Bench.Daemon;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Daemon.Api;
using Grpc.Health.V1;

// forge-bench-daemon [--count N] [--rss-only] [--trace FILE] [--scrape] [--linger S]: AssignEndpoint/ReleaseEndpoint over gRPC against CreateSandbox/RemoveSandbox
// in-process, in the same run, each in a throwaway host namespace; the daemon's RSS idle, with N endpoints and after
// releasing them, each read after the daemon has been left alone for 5 s. --rss-only: the daemon alone; --scrape: /metrics
// on, scraped once with the endpoints held and once after release; --linger S: one more reading S s after all that.
var count = args.SkipWhile(a => a != "--count").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1000);
var rssOnly = args.Contains("--rss-only");
var trace = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
var scrape = args.Contains("--scrape");
var linger = args.SkipWhile(a => a != "--linger").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(0);
var subnet = "10.78.0.0/21";

List<double> none = [0.0];
var (engineAssign, engineRelease, engineInspect) = rssOnly ? (none, none, none) : InProcess(count, subnet);
var (grpcAssign, grpcRelease, idle, network, loaded, after, grpcInspect) = await OverGrpc(count, subnet, rssOnly, trace, scrape, linger);

string Row(string what, List<double> ms) =>
    $"| {what} | {Percentiles.Of(ms, 50):0.00} | {Percentiles.Of(ms, 95):0.00} |";
if (!rssOnly) PrintLatencies();
Console.WriteLine($"\ndaemon idle: {idle}");
Console.WriteLine($"one network made: {network}");
Console.WriteLine($"with {count} endpoints: {loaded}");
Console.WriteLine($"  {loaded.PerEndpoint(network, count)}");
Console.WriteLine($"after releasing them: {after}");
Console.WriteLine($"  {after.PerEndpoint(network, count)} (growth left after release, per endpoint released)");
return 0;

void PrintLatencies()
{
    Console.WriteLine($"## forge daemon: gRPC against in-process ({count} endpoints; daemon: {(Environment.GetEnvironmentVariable("FORGENETD") is { Length: > 0 } d ? d : "forgenetd.dll, JIT")})\n");
    Console.WriteLine("| operation | p50 ms | p95 ms |\n|---|---|---|");
    Console.WriteLine(Row("in-process CreateSandbox", engineAssign));
    Console.WriteLine(Row("gRPC AssignEndpoint", grpcAssign));
    Console.WriteLine(Row("in-process RemoveSandbox", engineRelease));
    Console.WriteLine(Row("gRPC ReleaseEndpoint", grpcRelease));
    Console.WriteLine(Row("in-process InspectNetwork (the call alone)", engineInspect));
    Console.WriteLine(Row("gRPC InspectVNet (the call alone)", grpcInspect));
    Console.WriteLine($"\ngRPC overhead (p50): assign {Percentiles.Of(grpcAssign, 50) - Percentiles.Of(engineAssign, 50):+0.00;-0.00} ms, " +
        $"release {Percentiles.Of(grpcRelease, 50) - Percentiles.Of(engineRelease, 50):+0.00;-0.00} ms; " +
        $"what gRPC itself adds to a call (InspectVNet against InspectNetwork, p50): {Percentiles.Of(grpcInspect, 50) - Percentiles.Of(engineInspect, 50):+0.000;-0.000} ms");
}

static (List<double> Assign, List<double> Release, List<double> Inspect) InProcess(int count, string subnet)
{
    using var place = new Throwaway("eng");
    using var engine = Engine.Open(new EngineOptions { StateDirectory = place.State, HostNamespacePath = place.Host.Path, NamespacePrefix = place.Prefix });
    engine.CreateNetwork(new NetworkSpec("net0") { Subnet4 = subnet });
    var inspect = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        engine.InspectNetwork("net0");
        inspect.Add(clock.Elapsed.TotalMilliseconds);
    }
    var assign = new List<double>(count);
    var release = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        engine.CreateSandbox(new SandboxSpec($"e{i}") { Networks = ["net0"] });
        assign.Add(clock.Elapsed.TotalMilliseconds);
    }
    for (var i = 0; i < count; i++)
    {
        var clock = Stopwatch.StartNew();
        engine.RemoveSandbox($"e{i}", force: false);
        release.Add(clock.Elapsed.TotalMilliseconds);
    }
    engine.RemoveNetwork("net0", force: true);
    return (assign, release, inspect);
}

static async Task<(List<double>, List<double>, MemorySnapshot, MemorySnapshot, MemorySnapshot, MemorySnapshot, List<double>)> OverGrpc(int count, string subnet, bool rssOnly, string? traceFile, bool scrape, int linger)
{
    using var place = new Throwaway("grpc");
    var socket = Path.Combine(place.State, "forgenet.sock");
    // FORGENETD: a published daemon (scripts/bench-daemon passes the NativeAOT one); else the JIT build beside this bench.
    var published = Environment.GetEnvironmentVariable("FORGENETD") is { Length: > 0 } path ? path : null;
    var start = new ProcessStartInfo(published ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    if (published is null) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "forgenetd.dll"));
    using var metrics = scrape ? new MetricsScrape(MetricsScrape.FreePort()) : null;
    foreach (var a in new[] { "--socket", socket, "--metrics", metrics?.Address ?? "off" })
        start.ArgumentList.Add(a);
    foreach (var (k, v) in place.Environment()) start.Environment[k] = v;
    using var daemon = Process.Start(start)!;
    // --trace: the daemon's log beside the trace (FORGENETD's environment may ask for Logging__LogLevel__Default=Debug).
    using var log = traceFile is null ? null : TextWriter.Synchronized(new StreamWriter(traceFile + ".log"));
    daemon.OutputDataReceived += (_, e) => log?.WriteLine(e.Data);
    daemon.ErrorDataReceived += (_, e) => log?.WriteLine(e.Data);
    daemon.BeginOutputReadLine();
    daemon.BeginErrorReadLine();
    try
    {
        using var channel = UnixChannel.Create(socket);
        await WaitReady(channel, daemon);
        await using var trace = new MemoryTrace(daemon.Id, traceFile) { Phase = "idle" };
        var idle = await Settled(daemon.Id);
        var api = new ForgeNet.Api.V1.ForgeNet.ForgeNetClient(channel);
        trace.Phase = "network";
        await api.CreateVNetAsync(new CreateVNetRequest { Name = "net0", Subnet4 = subnet });
        // The base of the per-endpoint figures: the network made (its resolver started), no endpoint yet.
        var network = await Settled(daemon.Id);
        var inspect = new List<double>(count);
        for (var i = 0; i < (rssOnly ? 0 : count); i++)
        {
            var clock = Stopwatch.StartNew();
            await api.InspectVNetAsync(new InspectVNetRequest { Name = "net0" });
            inspect.Add(clock.Elapsed.TotalMilliseconds);
        }
        var assign = new List<double>(count);
        var release = new List<double>(count);
        trace.Phase = "assign";
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.AssignEndpointAsync(new AssignEndpointRequest { Id = $"e{i}", Networks = { "net0" } });
            assign.Add(clock.Elapsed.TotalMilliseconds);
        }
        trace.Phase = "loaded";
        var loaded = await Settled(daemon.Id);
        if (metrics is not null) await ScrapeAndSettle(metrics, daemon.Id, $"{count} endpoints held");
        trace.Phase = "release";
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.ReleaseEndpointAsync(new ReleaseEndpointRequest { Id = $"e{i}" });
            release.Add(clock.Elapsed.TotalMilliseconds);
        }
        trace.Phase = "released";
        var after = await Settled(daemon.Id);
        if (metrics is not null) await ScrapeAndSettle(metrics, daemon.Id, "all released");
        if (linger > 0)
        {
            trace.Phase = "linger";
            await Task.Delay(TimeSpan.FromSeconds(linger));
            Console.WriteLine($"{linger} s later: {MemorySnapshot.Of(daemon.Id)}");
        }
        trace.Phase = "delete";
        await api.DeleteVNetAsync(new DeleteVNetRequest { Name = "net0", Force = true });
        return (assign, release, idle, network, loaded, after, rssOnly ? [0.0] : inspect);
    }
    finally
    {
        daemon.Kill();
        daemon.WaitForExit();
    }
}

static async Task WaitReady(Grpc.Net.Client.GrpcChannel channel, Process daemon)
{
    var health = new Health.HealthClient(channel);
    for (var i = 0; i < 600; i++)
    {
        if (daemon.HasExited) throw new InvalidOperationException($"forgenetd exited with {daemon.ExitCode}");
        try
        {
            await health.CheckAsync(new HealthCheckRequest());
            return;
        }
        catch (Grpc.Core.RpcException)
        {
            await Task.Delay(50);
        }
    }
    throw new TimeoutException("forgenetd did not answer");
}

// --scrape: what a Prometheus scrape leaves behind (series per sandbox are made at scrape time and dropped when gone).
static async Task ScrapeAndSettle(MetricsScrape metrics, int pid, string when)
{
    var (series, bytes) = await metrics.ScrapeAsync();
    Console.WriteLine($"scrape with {when}: {series} series naming a sandbox, {bytes} bytes; 5 s later: {await Settled(pid)}");
}

// A reading after the daemon has had no call for 5 s: what it keeps, not what one call has in flight.
static async Task<MemorySnapshot> Settled(int pid)
{
    await Task.Delay(TimeSpan.FromSeconds(5));
    return MemorySnapshot.Of(pid);
}

