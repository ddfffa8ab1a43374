using ForgeNet.Kernel.Interop;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Failures from the real kernel arrive as NetlinkException with errno, operation and extack.</summary>
public sealed class RtNetlinkErrorTests
{
    [PrivilegedFact]
    public void CreateVeth_NameTaken_ThrowsAlreadyExists()
    {
        using var ns = ThrowawayNamespace.Create();
        var name = TestNames.Unique();
        ns.Netlink.CreateVeth(new VethOptions(name, name + "p"));

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.CreateVeth(new VethOptions(name, name + "q")));

        Assert.True(e.IsAlreadyExists);
        Assert.Equal(Errno.EEXIST, e.Errno);
        Assert.StartsWith($"RTM_NEWLINK {name} (veth peer {name}q): File exists (EEXIST)", e.Message);
        Assert.Null(ns.Netlink.GetLink(name + "q"));
    }

    [PrivilegedFact]
    public void DeleteLink_Missing_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();

        var byName = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteLink(TestNames.Unique()));
        var byIndex = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteLink(9999));

        Assert.True(byName.IsNotFound);
        Assert.Equal(Errno.ENODEV, byIndex.Errno);
        Assert.Equal("RTM_DELLINK ifindex 9999", byIndex.Operation);
    }

    [PrivilegedFact]
    public void DeleteLinkGroup_EmptyGroup_ThrowsNotFound()
    {
        using var ns = ThrowawayNamespace.Create();

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.DeleteLinkGroup(4711));

        Assert.True(e.IsNotFound);
    }

    [PrivilegedFact]
    public void SetLink_MtuBelowMinimum_SurfacesExtAck()
    {
        using var ns = ThrowawayNamespace.Create();
        var name = TestNames.Unique();
        var index = ns.Netlink.CreateVeth(new VethOptions(name, name + "p"));

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.SetLink(new LinkChange(index) { Mtu = 10 }));

        Assert.Equal(Errno.EINVAL, e.Errno);
        Assert.Equal("mtu less than device minimum", e.ExtAck);
        Assert.Equal($"RTM_NEWLINK ifindex {index}: Invalid argument (EINVAL): mtu less than device minimum", e.Message);
    }

    [PrivilegedFact]
    public void CreateVeth_MtuBelowMinimum_FailsAndLeavesNothing()
    {
        using var ns = ThrowawayNamespace.Create();
        var name = TestNames.Unique();

        var e = Assert.Throws<NetlinkException>(() => ns.Netlink.CreateVeth(new VethOptions(name, name + "p") { Mtu = 10 }));

        // veth validates the MTU without an extack message on create (unlike RTM_NEWLINK on an existing link).
        Assert.Equal(Errno.EINVAL, e.Errno);
        Assert.Null(ns.Netlink.GetLink(name));
        Assert.Null(ns.Netlink.GetLink(name + "p"));
    }

    [PrivilegedFact]
    public void CreateVeth_PeerUpWithTakenLocalName_FailsAndRemovesPeer()
    {
        using var host = ThrowawayNamespace.Create();
        using var sandbox = ThrowawayNamespace.Create();
        var taken = TestNames.Unique();
        host.Netlink.CreateVeth(new VethOptions(taken, taken + "p"));

        var e = Assert.Throws<NetlinkException>(() =>
            host.Netlink.CreateVeth(new VethOptions(taken, "eth0") { PeerNamespace = sandbox.Handle, PeerUp = true }));

        Assert.True(e.IsAlreadyExists);
        Assert.Null(sandbox.Netlink.GetLink("eth0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fnt-0123456789ab")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("..")]
    public void CreateVeth_InvalidName_ThrowsBeforeAnyRequest(string name)
    {
        using var netlink = new RtNetlink(new FakeTransport(_ => throw new InvalidOperationException("no request expected")));

        Assert.Throws<ArgumentException>(() => netlink.CreateVeth(new VethOptions(name, "peer")));
        Assert.Throws<ArgumentException>(() => netlink.CreateVeth(new VethOptions("ok", name)));
    }

    [Fact]
    public void DeleteLinkGroup_GroupZero_IsRefusedBeforeAnyRequest()
    {
        using var netlink = new RtNetlink(new FakeTransport(_ => throw new InvalidOperationException("no request expected")));

        Assert.Throws<ArgumentOutOfRangeException>(() => netlink.DeleteLinkGroup(0));
    }

    [Fact]
    public void SetLink_ClosedNamespaceHandle_ThrowsBeforeAnyRequest()
    {
        using var netlink = new RtNetlink(new FakeTransport(_ => throw new InvalidOperationException("no request expected")));
        var handle = File.OpenHandle("/proc/self/ns/net", FileMode.Open, FileAccess.Read);
        handle.Dispose();

        Assert.Throws<ObjectDisposedException>(() => netlink.SetLink(new LinkChange(2) { Namespace = handle }));
    }
}
