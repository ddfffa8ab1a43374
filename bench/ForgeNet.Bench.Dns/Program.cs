using System.Globalization;
using System.Net;
using System.Text;
using ForgeNet.Bench.Dns;
using ForgeNet.Dns.Hosting;

// forge-bench-dns [SECONDS] [SANDBOXES]: dnsperf against ForgeNet's resolver, dnsmasq and aardvark-dns, one after the other
// in one run, on the same query mix from a sandbox; markdown on stdout, progress on stderr. Needs root; see scripts/bench-dns.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var sandboxCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var tag = "fnt-bdns-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));

static string Kind(string name) =>
    name.EndsWith(".cached.example", StringComparison.Ordinal) ? "cached" : name.EndsWith(".fwd.example", StringComparison.Ordinal) ? "forwarded" : "sandbox";

Console.Error.WriteLine($"setting up {tag} ({sandboxCount} sandboxes)");
using var world = new BenchWorld(tag, sandboxCount);
var configDirectory = Path.Combine(world.StateDirectory, "aardvark");
var queryFile = Path.Combine(world.StateDirectory, "queries.txt");
var mix = new StringBuilder();
for (var i = 0; i < 300; i++)
{
    // One third each: cached names (TTL 3600 upstream), sandbox names, forwarded names (TTL 0: never cacheable).
    mix.Append(CultureInfo.InvariantCulture, $"c{i % 100:D3}.cached.example A\n");
    mix.Append(CultureInfo.InvariantCulture, $"{world.Sandboxes[i % world.Sandboxes.Count].Name} A\n");
    mix.Append(CultureInfo.InvariantCulture, $"f{i % 100:D3}.fwd.example A\n");
}
File.WriteAllText(queryFile, mix.ToString());

var results = new List<DnsperfResult>();
System.Diagnostics.Process? dnsmasq = null;
var aardvark = 0;
try
{
    await using (var forge = DnsHost.Start(world.Engine, new DnsHostOptions { HostNamespacePath = world.Host.Path, Upstreams = [new IPEndPoint(BenchWorld.UpstreamDns, 53)] }))
        results.Add(Measure("ForgeNet", world.Gateway));
    dnsmasq = Competitors.StartDnsmasq(world);
    Thread.Sleep(500);
    results.Add(Measure("dnsmasq 2.90", BenchWorld.DnsmasqAddress));
    Shell.Stop(dnsmasq.Id);
    aardvark = Competitors.StartAardvark(world, configDirectory);
    Thread.Sleep(500);
    results.Add(Measure("aardvark-dns 1.4", BenchWorld.AardvarkAddress));
}
finally
{
    if (dnsmasq is not null) Shell.Stop(dnsmasq.Id);
    if (aardvark != 0) Shell.Stop(aardvark);
    Competitors.Cleanup(world);
}
Report(results);
return 0;

DnsperfResult Measure(string server, IPAddress address)
{
    Console.Error.WriteLine($"{server}: warm-up, then {seconds} s of dnsperf");
    Dnsperf(address, 2);
    var output = Dnsperf(address, seconds);
    return DnsperfResult.Parse(server, output, Kind);
}

string Dnsperf(IPAddress address, int duration) =>
    Shell.Run("ip", "netns", "exec", world.ClientNamespace, "dnsperf", "-s", address.ToString(), "-d", queryFile,
        "-l", duration.ToString(CultureInfo.InvariantCulture), "-c", "4", "-q", "64", "-t", "2", "-v");

void Report(List<DnsperfResult> all)
{
    var load = File.ReadAllText("/proc/loadavg").Split(' ').Take(3);
    Console.WriteLine($"dnsperf from a sandbox, {seconds} s per server, 4 clients, 64 queries outstanding, one third each of cached names, sandbox names and forwarded (TTL 0) names; load average before: {string.Join(' ', load)}");
    Console.WriteLine();
    Console.WriteLine("| server | queries/s | lost | p50 cached | p99 cached | p50 sandbox | p99 sandbox | p50 forwarded | p99 forwarded |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in all)
    {
        string Cell(string kind, bool p99) => r.ByKind.TryGetValue(kind, out var v) ? $"{(p99 ? v.P99 : v.P50):F2} ms{(v.Errors > 0 ? $" ({v.Errors} err)" : "")}" : "-";
        Console.WriteLine($"| {r.Server} | {r.Qps:F0} | {r.Lost} | {Cell("cached", false)} | {Cell("cached", true)} | {Cell("sandbox", false)} | {Cell("sandbox", true)} | {Cell("forwarded", false)} | {Cell("forwarded", true)} |");
    }
}
