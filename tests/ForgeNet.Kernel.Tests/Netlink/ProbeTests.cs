using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;
using Xunit.Abstractions;

namespace ForgeNet.Kernel.Tests.Netlink;

public sealed class ProbeTests(ITestOutputHelper output)
{
    [PrivilegedFact]
    public void Probe()
    {
        using var host = ThrowawayNamespace.Create();
        using var other = ThrowawayNamespace.Create();
        var br = host.Netlink.CreateBridge(new BridgeOptions(TestNames.Unique()) { Up = true });
        var name = TestNames.Unique();
        var o = new VethOptions(name, name + "p") { PeerNamespace = other.Handle, Up = true, PeerUp = true, Alias = "tag1", MasterIndex = br, Group = 5 };
        var index = host.Netlink.CreateVeth(o);
        var name2 = TestNames.Unique();
        var index2 = host.Netlink.CreateVeth(new VethOptions(name2, name2 + "p") { Up = true, PeerUp = true, Alias = "tag2" });
        foreach (var l in host.Netlink.ListLinks()) output.WriteLine("host " + l.ToString()[..60] + " ns=" + l.LinkNamespaceId + " link=" + l.LinkIndex + " flags=" + l.Flags + " master=" + l.MasterIndex + " alias=" + l.Alias + " group=" + l.Group);
        foreach (var l in other.Netlink.ListLinks()) output.WriteLine("other " + l.ToString()[..60] + " ns=" + l.LinkNamespaceId + " link=" + l.LinkIndex + " flags=" + l.Flags);
        output.WriteLine(index + " " + index2);
    }
}
