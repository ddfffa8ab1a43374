using System.Diagnostics;
using System.Globalization;
using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Store;
using ForgeNet.Core.Tests.Store;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using Xunit.Abstractions;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>
/// Admit and Decide as the resolver calls them, against the real kernel in a throwaway namespace, with 1,000 other
/// sandboxes' chains and sets in the table. Baseline in the same run: the same element adds through libnftables. Checks
/// that every address arrived and that Admit took the direct path; prints p50/p99 (a measurement, not a time assertion).
/// </summary>
public sealed class DomainEgressMeasurement(ITestOutputHelper output)
{
    private const int Admits = 2000;
    private const int BaselineAdmits = 300;
    private const int Warmup = 20;

    [PrivilegedFact]
    public void Admit_AmongAThousandSandboxes_DirectPathAndTimed()
    {
        using var host = new ThrowawayNftHost();
        using var dir = new TempStateDirectory();
        using var store = ForgeStore.Open(dir.Path);
        var app = App(Parse(DomainSamples.Yaml));
        host.Backend.Apply(FirewallCompiler.Rebuild(Inputs([app, .. Enumerable.Range(1, 1000).Select(Many)])));
        var endpoints = new[] { app };
        var directory = new DomainDirectory(() => store.TryChangeStamp(), () => store.ChangeStamp(), () => endpoints);
        var egress = new DomainEgress(directory, host.Backend.Apply, DomainTimeouts.Default, TimeProvider.System);
        var client = IPAddress.Parse("10.89.0.8");
        var before = host.Backend.Counts;

        var admit = Time(Admits, i => egress.Admit("net0", client, "files.pythonhosted.org", [Address(i)], TimeSpan.FromMinutes(5)));
        var refresh = Time(Admits, i => egress.Admit("net0", client, "files.pythonhosted.org", [Address(i)], TimeSpan.FromMinutes(10)));
        var four = Time(Admits / 4, i => egress.Admit("net0", client, "pypi.org", [Address(4 * i), Address(4 * i + 1), Address(4 * i + 2), Address(4 * i + 3)], TimeSpan.FromMinutes(5)));
        var again = Time(Admits, i => egress.Admit("net0", client, "files.pythonhosted.org", [Address(5000 + i)], TimeSpan.FromMinutes(5)));
        var decide = Time(Admits, i => Assert.Equal(ResolverDecision.AllowedDomain, egress.Decide("net0", client, "files.pythonhosted.org")));

        var counts = host.Backend.Counts;
        Assert.Equal(before.Libnftables, counts.Libnftables);
        Assert.Equal(before.Direct + Admits * 3 + Admits / 4 + 4 * Warmup, counts.Direct);
        var set = DomainRule.Of(app.Policy)[0].SetName(app.Port, System.Net.Sockets.AddressFamily.InterNetwork);
        Assert.Equal(2 * Admits, host.Backend.ListTable(NftFamily.Inet, "forgenet")!.Set(set)!.Elements.Count);

        using var libnftables = NftablesBackend.OpenIn(f => host.Namespace.Run(f), new NftablesBackendOptions { DirectNetlink = false });
        var baseline = Time(BaselineAdmits, i => libnftables.Apply(new NftTransaction()
            .AddElements(FirewallNames.Inet, set, FirewallCompiler.DomainElement(Address(10_000 + i), TimeSpan.FromMinutes(5)))));

        output.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
        output.WriteLine($"Admit, 1 new address:        {admit}");
        output.WriteLine($"Admit, 1 address refreshed:  {refresh}");
        output.WriteLine($"Admit, 4 addresses, 1 call: {four}");
        output.WriteLine($"Admit, 1 new address, again: {again}");
        output.WriteLine($"Decide:                      {decide}");
        output.WriteLine($"baseline, libnftables add element (1 address): {baseline}");
    }

    private static IPAddress Address(int i) => new([203, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);

    private static Stats Time(int count, Action<int> action)
    {
        for (var i = 0; i < Warmup; i++) action(i);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        return new Stats(samples[count / 2], samples[(int)(count * 0.99)], count);
    }

    /// <summary>Sandbox number <paramref name="i"/> of many on another network, with the default internal policy.</summary>
    private static FirewallEndpoint Many(int i) => new($"id{i}", $"s{i}", $"fv{i:x10}", $"02:00:00:{(i >> 16) & 0xff:x2}:{(i >> 8) & 0xff:x2}:{i & 0xff:x2}",
        IPAddress.Parse($"10.{90 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}"), null,
        Net1 with { Subnet4 = Kernel.IpPrefix.Parse("10.90.0.0/16"), Gateway4 = IPAddress.Parse("10.90.0.1") }, Internal);

    private sealed record Stats(double P50, double P99, int Count)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} µs, p99 {P99:F1} µs ({Count} calls)");
    }
}
