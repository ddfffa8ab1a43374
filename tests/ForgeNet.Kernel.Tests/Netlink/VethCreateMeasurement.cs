using System.Diagnostics;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>
/// Many veth pairs with the peer in another namespace, then one group delete. Checks the bulk path is correct and
/// prints how long a create takes (a measurement for the record, not an assertion on time).
/// </summary>
public sealed class VethCreateMeasurement(ITestOutputHelper output)
{
    private const int Pairs = 200;

    [PrivilegedFact]
    public void CreateVeth_ManyPeersInOtherNamespace_AllCreatedAndGroupDeleted()
    {
        using var host = ThrowawayNamespace.Create();
        using var sandbox = ThrowawayNamespace.Create();
        var prefix = TestNames.Unique()[4..];
        var plain = Measure(host, sandbox, i => new VethOptions($"fa{prefix}{i:x3}", $"fb{prefix}{i:x3}") { PeerNamespace = sandbox.Handle, Group = 50 });
        var up = Measure(host, sandbox, i => new VethOptions($"fc{prefix}{i:x3}", $"fd{prefix}{i:x3}") { PeerNamespace = sandbox.Handle, Group = 50, Up = true, PeerUp = true });

        Assert.Equal(2 * Pairs, host.Netlink.ListLinks().Count(l => l.Group == 50));
        Assert.Equal(2 * Pairs, sandbox.Netlink.ListLinks().Count(l => l.Kind == "veth"));
        var delete = Stopwatch.StartNew();
        host.Netlink.DeleteLinkGroup(50);
        delete.Stop();

        Assert.DoesNotContain(host.Netlink.ListLinks(), l => l.Group == 50);
        Assert.DoesNotContain(sandbox.Netlink.ListLinks(), l => l.Kind == "veth");
        output.WriteLine($"veth create, peer in other netns: {plain:F3} ms each; with both ends up: {up:F3} ms each; " +
            $"group delete of {2 * Pairs} pairs: {delete.Elapsed.TotalMilliseconds:F1} ms");
    }

    private static double Measure(ThrowawayNamespace host, ThrowawayNamespace sandbox, Func<int, VethOptions> options)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Pairs; i++) host.Netlink.CreateVeth(options(i));
        return clock.Elapsed.TotalMilliseconds / Pairs;
    }
}
