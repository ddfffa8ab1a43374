using System.Globalization;
using System.Net;
using System.Text;
using ForgeNet.Bench.Dns;
using ForgeNet.Dns.Hosting;

// forge-bench-dns [SECONDS] [SANDBOXES] [ROUNDS]: dnsperf against ForgeNet's resolver, dnsmasq and aardvark-dns, one after the other
// in one run, on the same query mix from a sandbox; markdown on stdout, progress on stderr. Needs root; see scripts/bench-dns.
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var sandboxCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var loadBefore = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
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

var servers = new (string Name, IPAddress Address)[]
{
    ("ForgeNet", world.Gateway), ("dnsmasq 2.90", BenchWorld.DnsmasqAddress), ("aardvark-dns 1.4", BenchWorld.AardvarkAddress),
};
var outputs = servers.ToDictionary(s => s.Name, _ => new List<string>());
using var sampler = Environment.GetEnvironmentVariable("FORGE_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
// Collections in this process (ForgeNet's server and the fake upstream) during each server's measured rounds: a GC pause is a p99 event.
var collections = servers.ToDictionary(s => s.Name, _ => (Gen0: 0, Gen1: 0, Gen2: 0, Pause: TimeSpan.Zero, Forwarded: 0L, Allocated: 0L));
System.Diagnostics.Process? dnsmasq = null;
var aardvark = 0;
try
{
    // All three serve at once (idle unless measured); rounds in snake order so drifting load hits each alike.
    await using var forge = DnsHost.Start(world.Engine, new DnsHostOptions { HostNamespacePath = world.Host.Path, Upstreams = [new IPEndPoint(BenchWorld.UpstreamDns, 53)] });
    dnsmasq = Competitors.StartDnsmasq(world);
    aardvark = Competitors.StartAardvark(world, configDirectory);
    Thread.Sleep(500);
    foreach (var (name, address) in servers)
    {
        Console.Error.WriteLine($"{name}: warm-up");
        File.Delete(Dnsperf(address, 2));
    }
    for (var round = 0; round < rounds; round++)
    {
        var order = round % 2 == 0 ? servers : servers.Reverse().ToArray();
        foreach (var (name, address) in order)
        {
            Console.Error.WriteLine($"round {round + 1}/{rounds}: {name}, {seconds} s");
            var before = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), world.Upstream.Queries, GC.GetTotalAllocatedBytes());
            if (sampler is not null) sampler.Recording = name == "ForgeNet";
            outputs[name].Add(Dnsperf(address, seconds));
            if (sampler is not null) sampler.Recording = false;
            var c = collections[name];
            collections[name] = (c.Gen0 + GC.CollectionCount(0) - before.Item1, c.Gen1 + GC.CollectionCount(1) - before.Item2,
                c.Gen2 + GC.CollectionCount(2) - before.Item3, c.Pause + GC.GetTotalPauseDuration() - before.Item4, c.Forwarded + world.Upstream.Queries - before.Queries,
                c.Allocated + GC.GetTotalAllocatedBytes() - before.Item6);
        }
    }
}
finally
{
    if (dnsmasq is not null) Shell.Stop(dnsmasq.Id);
    if (aardvark != 0) Shell.Stop(aardvark);
    Competitors.Cleanup(world);
}
if (sampler is not null)
    foreach (var (type, samples) in sampler.Top(25)) Console.Error.WriteLine($"allocations while ForgeNet was measured: {samples,6} x 100 KB  {type}");
Report(servers.Select(s => DnsperfResult.Merge(s.Name, outputs[s.Name].Select(File.ReadAllText).ToList(), Kind)).ToList());
return 0;

// dnsperf's per-query lines (megabytes a round) go to a file, read once every round is over: read while it runs, they
// would be garbage collected in the process that also hosts ForgeNet's server, a pause the other servers never see.
string Dnsperf(IPAddress address, int duration)
{
    var output = Path.Combine(world.StateDirectory, $"dnsperf-{Guid.NewGuid():N}.txt");
    Shell.Run("sh", "-c", "out=$1; shift; exec \"$@\" > \"$out\"", "sh", output, "ip", "netns", "exec", world.ClientNamespace, "dnsperf",
        "-s", address.ToString(), "-d", queryFile, "-l", duration.ToString(CultureInfo.InvariantCulture), "-c", "4", "-q", "64", "-t", "2", "-v");
    return output;
}

void Report(List<DnsperfResult> all)
{
    var loadAfter = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    Console.WriteLine($"dnsperf from a sandbox, {rounds} rounds of {seconds} s per server (snake order; queries/s the median round, latencies over all rounds), 4 clients, 64 queries outstanding, one third each of cached names, sandbox names and forwarded (TTL 0) names; load average before: {loadBefore}, after: {loadAfter}");
    Console.WriteLine();
    Console.WriteLine("| server | queries/s | lost | p50 cached | p99 cached | p50 sandbox | p99 sandbox | p50 forwarded | p99 forwarded |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in all)
    {
        string Cell(string kind, bool p99) => r.ByKind.TryGetValue(kind, out var v) ? $"{(p99 ? v.P99 : v.P50):F2} ms{(v.Errors > 0 ? $" ({v.Errors} err)" : "")}" : "-";
        Console.WriteLine($"| {r.Server} | {r.Qps:F0} | {r.Lost} | {Cell("cached", false)} | {Cell("cached", true)} | {Cell("sandbox", false)} | {Cell("sandbox", true)} | {Cell("forwarded", false)} | {Cell("forwarded", true)} |");
    }
    Console.WriteLine();
    Console.WriteLine("Over all measured rounds: queries the fake upstream answered, and bytes allocated and garbage collections in the benchmark process (ForgeNet's server and the fake upstream) with their total pause:");
    Console.WriteLine();
    Console.WriteLine("| server measured | upstream queries | allocated | gen0 | gen1 | gen2 | GC pause |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var r in all)
    {
        var c = collections[r.Server];
        Console.WriteLine($"| {r.Server} | {c.Forwarded} | {c.Allocated / 1e6:F0} MB | {c.Gen0} | {c.Gen1} | {c.Gen2} | {c.Pause.TotalMilliseconds:F1} ms |");
    }
}
