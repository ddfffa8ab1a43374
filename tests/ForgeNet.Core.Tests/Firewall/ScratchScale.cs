using System.Diagnostics;
using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;
using Xunit.Abstractions;
using static ForgeNet.Core.Tests.Firewall.FirewallSamples;

namespace ForgeNet.Core.Tests.Firewall;

public sealed class ScratchScale(ITestOutputHelper output)
{
    private static FirewallEndpoint Ep(int i) => new($"id{i}", $"s{i}", $"fv{i:x10}", $"02:00:00:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}",
        IPAddress.Parse($"10.{88 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}"), null, Net0 with { Subnet4 = Kernel.IpPrefix.Parse("10.0.0.0/8") }, Internal);

    [PrivilegedFact]
    public void Scale()
    {
        using var host = new ThrowawayNftHost();
        foreach (var n in new[] { 2, 200, 1000 })
        {
            var sw0 = Stopwatch.StartNew();
            host.Backend.Apply(FirewallCompiler.Rebuild(Inputs([.. Enumerable.Range(1, n).Select(Ep)])));
            var rebuild = sw0.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (var k = 0; k < 10; k++)
            {
                var e = Ep(5000 + k);
                var tx = new NftTransaction();
                FirewallCompiler.AddEndpoint(tx, e, Inputs(e));
                var sw = Stopwatch.StartNew();
                host.Backend.Apply(tx);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"{n} endpoints: rebuild {rebuild:F0} ms, add apply median {times[5]:F2} ms");
        }
    }
}
