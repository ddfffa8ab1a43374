using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>
/// Real packets between two throwaway namespaces joined by a veth pair: the rules we apply filter them and their
/// counters count them. Addresses exist only inside the test's namespaces.
/// </summary>
public sealed class NftTrafficTests
{
    private static readonly IPAddress Client = IPAddress.Parse("10.231.0.1");
    private static readonly IPAddress Server = IPAddress.Parse("10.231.0.2");
    private const int Open = 5000;
    private const int Closed = 5001;

    [PrivilegedFact]
    public void Apply_DispatchByInterface_FiltersRealTrafficAndCountsIt()
    {
        using var client = new TestNetns("c");
        using var server = new TestNetns("s");
        var serverIf = Link(client, server);
        using var backend = NftablesBackend.OpenIn(server.Run);
        var t = new NftTable(NftFamily.Inet, TestNames.Unique());
        backend.Apply(Policy(t, serverIf));
        using var open = server.Run(() => Listen(Open));
        using var closed = server.Run(() => Listen(Closed));

        for (var i = 0; i < 3; i++)
        {
            client.Run(() => Send(Open));
            Assert.True(Received(open, TimeSpan.FromSeconds(2)), $"packet {i} to the open port did not arrive");
        }
        client.Run(() => Send(Closed));
        client.Run(() => Send(Closed));

        Assert.False(Received(closed, TimeSpan.FromMilliseconds(300)), "a packet to the closed port got through");
        var rules = backend.ListTable(t.Family, t.Name)!.RulesIn("ep").ToList();
        Assert.Equal(new NftCounter(3, 3 * (20 + 8 + 4)), rules[0].Counter);
        Assert.Equal(2ul, rules[1].Counter!.Packets);
    }

    private static NftTransaction Policy(NftTable t, string serverIf) => new NftTransaction()
        .ReplaceTable(t)
        .AddChain(NftChain.Base(t, "input", NftChainType.Filter, NftHook.Input, NftPriority.Filter))
        .AddChain(NftChain.Regular(t, "ep"))
        .AddSet(NftSet.VerdictMap(t, "dispatch", NftDataType.IfName) with { Elements = [new(NftValue.IfName(serverIf), NftVerdict.Jump("ep"))] })
        .AddRule(NftRule.In(t, "input").VerdictMap(NftExpr.IifName, "dispatch").Build())
        .AddRule(NftRule.In(t, "ep").DestinationAddress(new IpPrefix(Server, 32)).DestinationPort(NftL4Proto.Udp, Open).Counter().Accept().Build())
        .AddRule(NftRule.In(t, "ep").DestinationAddress(new IpPrefix(Server, 32)).DestinationPort(NftL4Proto.Udp, Closed).Counter().Drop().Build());

    /// <summary>A veth pair with one end in each namespace, addressed and up.</summary>
    private static string Link(TestNetns client, TestNetns server)
    {
        var (c, s) = (client.Name + "a", server.Name + "b");
        TestNetns.Ip("-n", client.Name, "link", "add", c, "type", "veth", "peer", "name", s, "netns", server.Name);
        TestNetns.Ip("-n", client.Name, "addr", "add", $"{Client}/24", "dev", c);
        TestNetns.Ip("-n", server.Name, "addr", "add", $"{Server}/24", "dev", s);
        TestNetns.Ip("-n", client.Name, "link", "set", c, "up");
        TestNetns.Ip("-n", server.Name, "link", "set", s, "up");
        return s;
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(Server, port));
        return socket;
    }

    private static void Send(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SendTo("ping"u8, new IPEndPoint(Server, port));
    }

    private static bool Received(Socket socket, TimeSpan timeout)
    {
        if (!socket.Poll(timeout, SelectMode.SelectRead))
            return false;
        socket.Receive(new byte[64]);
        return true;
    }
}
