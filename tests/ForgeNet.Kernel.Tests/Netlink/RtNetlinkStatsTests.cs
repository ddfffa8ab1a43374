using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Netlink;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Link statistics after real traffic between two throwaway namespaces; and a socket shared across threads.</summary>
public sealed class RtNetlinkStatsTests
{
    [PrivilegedFact]
    public void ListLinks_AfterUdpAcrossVeth_CountsPacketsBothWays()
    {
        using var host = ThrowawayNamespace.Create();
        using var sandbox = ThrowawayNamespace.Create();
        var name = TestNames.Unique();
        var index = host.Netlink.CreateVeth(new VethOptions(name, "eth0") { PeerNamespace = sandbox.Handle, Up = true, PeerUp = true });
        host.Netlink.AddAddress(index, IpPrefix.Parse("10.76.0.1/24"));
        sandbox.Netlink.AddAddress(sandbox.Netlink.GetLink("eth0")!.Index, IpPrefix.Parse("10.76.0.2/24"));

        // Traffic only between the two namespaces this test made: ARP, 5 datagrams, ICMP port unreachable back.
        host.Run(() =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            for (var i = 0; i < 5; i++) socket.SendTo(new byte[200], new IPEndPoint(IPAddress.Parse("10.76.0.2"), 9));
        });

        var local = WaitFor(() => host.Netlink.ListLinks().Single(l => l.Index == index), l => l.Stats!.TxPackets >= 5);
        var peer = WaitFor(() => sandbox.Netlink.ListLinks().Single(l => l.Name == "eth0"), l => l.Stats!.RxPackets >= 5);
        Assert.True(local.Stats!.TxBytes >= 5 * 200, $"tx bytes {local.Stats.TxBytes}");
        Assert.True(local.Stats.RxPackets >= 1, "the ICMP errors and the ARP reply come back");
        Assert.Equal(local.Stats.TxPackets, peer.Stats!.RxPackets);
        Assert.Equal(local.Stats.RxPackets, peer.Stats.TxPackets);
    }

    [PrivilegedFact]
    public void RtNetlink_SharedByThreads_SerialisesRequests()
    {
        using var ns = ThrowawayNamespace.Create();
        var names = Enumerable.Range(0, 8).Select(_ => TestNames.Unique()).ToArray();

        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 4 }, name =>
        {
            var index = ns.Netlink.CreateVeth(new VethOptions(name, name + "p") { Up = true });
            ns.Netlink.AddAddress(index, IpPrefix.Parse($"10.77.{Array.IndexOf(names, name)}.1/24"));
            Assert.Equal(name, ns.Netlink.GetLink(index)!.Name);
            Assert.NotEmpty(ns.Netlink.ListLinks());
        });

        var links = ns.Netlink.ListLinks();
        Assert.All(names, name => Assert.Contains(links, l => l.Name == name));
        Assert.Equal(8, ns.Netlink.ListAddresses(AddressFamily.InterNetwork).Count);
    }

    private static LinkInfo WaitFor(Func<LinkInfo> read, Func<LinkInfo, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var link = read();
        while (!done(link) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            Thread.Sleep(20);
            link = read();
        }
        Assert.True(done(link), $"counters did not move: {link.Stats}");
        return link;
    }
}
