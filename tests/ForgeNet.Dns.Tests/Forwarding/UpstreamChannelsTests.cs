using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Forwarding;

public class UpstreamChannelsTests
{
    private static ForwardedQuery Query(string name) => new(DnsQuery.TryParse(Packets.Query(name, DnsType.A), out _)!);

    [Fact]
    public async Task Ask_UpstreamSilent_CancelledAfterTheTimeoutWithinOneSweep()
    {
        using var sockets = SocketFactory.Current();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, never read: nobody answers
        var timeout = TimeSpan.FromMilliseconds(300);
        using var channels = new UpstreamChannels(sockets, (IPEndPoint)silent.LocalEndPoint!, timeout);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channels.Ask(Query("silent.example"), CancellationToken.None));

        Assert.InRange(clock.Elapsed, timeout, timeout + channels.SweepPeriod + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Ask_CallerCancels_CancelledWithTheCallersToken()
    {
        using var sockets = SocketFactory.Current();
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var channels = new UpstreamChannels(sockets, (IPEndPoint)silent.LocalEndPoint!, TimeSpan.FromSeconds(30));
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => channels.Ask(Query("stop.example"), stop.Token));

        Assert.Equal(stop.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Ask_MoreQueriesThanChannelsCarry_AllAnsweredOnFreshPorts()
    {
        using var sockets = SocketFactory.Current();
        using var upstream = new FakeUpstream(sockets, IPAddress.Loopback, port: 0);
        upstream.Add("many.example", IPAddress.Parse("198.18.7.7"));
        using var channels = new UpstreamChannels(sockets, upstream.Endpoint, TimeSpan.FromSeconds(5));
        var count = UpstreamChannels.Width * UpstreamChannel.MaxUses * 2; // every channel worn and replaced at least once on average

        var answers = new List<(byte[] Packet, UpstreamAnswer Answer)?>();
        for (var batch = 0; batch < count / 256; batch++)
            answers.AddRange(await Task.WhenAll(Enumerable.Range(0, 256).Select(_ => channels.Ask(Query("many.example"), CancellationToken.None))));

        Assert.Equal(count, answers.Count);
        Assert.All(answers, a => Assert.Equal("198.18.7.7", Assert.Single(a!.Value.Answer.Addresses).ToString()));
    }

    [Fact]
    public async Task Ask_AnswerWithAnotherQuestion_IgnoredUntilTheDeadline()
    {
        using var sockets = SocketFactory.Current();
        using var liar = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        liar.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var channels = new UpstreamChannels(sockets, (IPEndPoint)liar.LocalEndPoint!, TimeSpan.FromMilliseconds(500));

        var asked = channels.Ask(Query("bank.example"), CancellationToken.None);
        var buffer = new byte[512];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var received = liar.ReceiveFrom(buffer, ref from);
        // The right id, but the answer to another question (what a cache-poisoning attempt looks like).
        var forged = Packets.Query("evil.example", DnsType.A, id: (ushort)(buffer[0] << 8 | buffer[1]));
        forged[2] |= 0x80;
        liar.SendTo(forged, from);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked);
        Assert.True(received > 12);
    }
}
