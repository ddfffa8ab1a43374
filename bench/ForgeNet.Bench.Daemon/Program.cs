using System.Diagnostics;
using System.Globalization;
using ForgeNet.Api.V1;
using ForgeNet.Bench.Daemon;
using ForgeNet.Core;
using ForgeNet.Core.Model;
using ForgeNet.Daemon.Api;
using Grpc.Health.V1;

// forge-bench-daemon [--count N]: AssignEndpoint/ReleaseEndpoint over gRPC against CreateSandbox/RemoveSandbox
// in-process, in the same run, each in a throwaway host namespace; the daemon's RSS idle and with N endpoints.
var count = args.Length >= 2 && args[0] == "--count" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var subnet = "10.78.0.0/21";

var (engineAssign, engineRelease, engineInspect) = InProcess(count, subnet);
var (grpcAssign, grpcRelease, rssIdle, rssLoaded, rssAfter, anonIdle, anonLoaded, grpcInspect) = await OverGrpc(count, subnet);

string Row(string what, List<double> ms) =>
    $"| {what} | {Percentiles.Of(ms, 50):0.00} | {Percentiles.Of(ms, 95):0.00} |";
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
Console.WriteLine($"\ndaemon RSS: idle {rssIdle / 1024.0:0.0} MB, with {count} endpoints {rssLoaded / 1024.0:0.0} MB " +
    $"({(rssLoaded - rssIdle) * 1024.0 / count:0} bytes per endpoint), after releasing them {rssAfter / 1024.0:0.0} MB");
Console.WriteLine($"of which anonymous (heap, stacks; not the shared mapped runtime files): idle {anonIdle / 1024.0:0.0} MB, with {count} endpoints {anonLoaded / 1024.0:0.0} MB");
return 0;

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

static async Task<(List<double>, List<double>, long, long, long, long, long, List<double>)> OverGrpc(int count, string subnet)
{
    using var place = new Throwaway("grpc");
    var socket = Path.Combine(place.State, "forgenet.sock");
    // FORGENETD: a published daemon (scripts/bench-daemon passes the NativeAOT one); else the JIT build beside this bench.
    var published = Environment.GetEnvironmentVariable("FORGENETD") is { Length: > 0 } path ? path : null;
    var start = new ProcessStartInfo(published ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    if (published is null) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "forgenetd.dll"));
    foreach (var a in new[] { "--socket", socket, "--metrics", "off" })
        start.ArgumentList.Add(a);
    foreach (var (k, v) in place.Environment()) start.Environment[k] = v;
    using var daemon = Process.Start(start)!;
    daemon.OutputDataReceived += (_, _) => { };
    daemon.ErrorDataReceived += (_, _) => { };
    daemon.BeginOutputReadLine();
    daemon.BeginErrorReadLine();
    try
    {
        using var channel = UnixChannel.Create(socket);
        await WaitReady(channel, daemon);
        await Task.Delay(2000);
        var idle = Rss(daemon.Id);
        var anonIdle = Anon(daemon.Id);
        var api = new ForgeNet.Api.V1.ForgeNet.ForgeNetClient(channel);
        await api.CreateVNetAsync(new CreateVNetRequest { Name = "net0", Subnet4 = subnet });
        var inspect = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.InspectVNetAsync(new InspectVNetRequest { Name = "net0" });
            inspect.Add(clock.Elapsed.TotalMilliseconds);
        }
        var assign = new List<double>(count);
        var release = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.AssignEndpointAsync(new AssignEndpointRequest { Id = $"e{i}", Networks = { "net0" } });
            assign.Add(clock.Elapsed.TotalMilliseconds);
        }
        var loaded = Rss(daemon.Id);
        var anonLoaded = Anon(daemon.Id);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            await api.ReleaseEndpointAsync(new ReleaseEndpointRequest { Id = $"e{i}" });
            release.Add(clock.Elapsed.TotalMilliseconds);
        }
        var after = Rss(daemon.Id);
        await api.DeleteVNetAsync(new DeleteVNetRequest { Name = "net0", Force = true });
        return (assign, release, idle, loaded, after, anonIdle, anonLoaded, inspect);
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

// VmRSS counts the mapped runtime and framework files too (shared page cache); RssAnon is the daemon's own heap and stacks.
static long Rss(int pid) => Field($"/proc/{pid}/status", "VmRSS:");

static long Anon(int pid) => Field($"/proc/{pid}/status", "RssAnon:");

static long Field(string file, string name) =>
    long.Parse(File.ReadLines(file).First(l => l.StartsWith(name, StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
