using System.Diagnostics;
using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Tests.Server;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Wire;

/// <summary>
/// Random and mutated packets (fixed seeds, fixed counts) into every parser and the whole query handler: nothing may
/// throw, and every packet must be done with quickly (no loop, no stall).
/// </summary>
public class FuzzTests
{
    private const int Iterations = 200_000;

    private static IEnumerable<byte[]> Seeds()
    {
        yield return Packets.Query("web.net0.forge.internal", DnsType.A, edns: 1232);
        yield return Packets.Query("5.0.99.10.in-addr.arpa", DnsType.Ptr);
        yield return Packets.Query("pypi.org", DnsType.Aaaa, edns: 4096);
        yield return
        [
            0, 7, 0x81, 0x80, 0, 1, 0, 2, 0, 1, 0, 1,
            .. Packets.Name("www.example.org"), 0, 1, 0, 1,
            0xC0, 12, 0, 5, 0, 1, .. Packets.U32(300), 0, 2, 0xC0, 16,
            0xC0, 16, 0, 1, 0, 1, .. Packets.U32(60), 0, 4, 93, 184, 216, 34,
            0xC0, 16, 0, 6, 0, 1, .. Packets.U32(60), 0, 22, 0xC0, 16, 0xC0, 16, .. new byte[18],
            0, 0, 41, 4, 0xd0, 0, 0, 0, 0, 0, 0,
        ];
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var packet = random.Next(4) == 0 ? seed[..random.Next(seed.Length + 1)] : (byte[])seed.Clone();
        var flips = random.Next(1, 8);
        for (var i = 0; i < flips && packet.Length > 0; i++)
        {
            var at = random.Next(packet.Length);
            packet[at] = random.Next(3) switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)(0xC0 | random.Next(4)), // a compression pointer, often to odd places
                _ => (byte)(packet[at] ^ (1 << random.Next(8))),
            };
        }
        if (random.Next(10) == 0) packet = [.. packet, .. Enumerable.Range(0, random.Next(600)).Select(_ => (byte)random.Next(256))];
        return packet;
    }

    private static IEnumerable<byte[]> Corpus(int seed, int count)
    {
        var random = new Random(seed);
        var seeds = Seeds().ToArray();
        for (var i = 0; i < count; i++)
            yield return random.Next(8) == 0
                ? Enumerable.Range(0, random.Next(700)).Select(_ => (byte)random.Next(256)).ToArray()
                : Mutate(random, seeds[random.Next(seeds.Length)]);
    }

    [Fact]
    public void Parsers_RandomAndMutatedPackets_NeverThrowAndStayFast()
    {
        var question = (byte[])[.. Packets.Name("www.example.org"), 0, 1, 0, 1];
        var clock = Stopwatch.StartNew();
        var parsed = 0;
        foreach (var packet in Corpus(seed: 20261123, Iterations))
        {
            if (DnsQuery.TryParse(packet, out _) is not null) parsed++;
            if (UpstreamAnswer.TryParse(packet, 7, question) is not null) parsed++;
            var offset = packet.Length > 12 ? 12 : 0;
            DnsName.TrySkip(packet, ref offset);
        }
        Assert.True(parsed > 0, "the corpus should reach past the header checks");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{Iterations} packets took {clock.Elapsed}");
    }

    [Fact]
    public async Task HandleAsync_MutatedQueries_AlwaysAResponseOrNothingNeverAnException()
    {
        using var world = new HandlerWorld(upstreamTimeout: TimeSpan.FromMilliseconds(200));
        world.Upstream.Add("pypi.org", IPAddress.Parse("198.18.1.1"));
        world.Egress.Rule = name => name.EndsWith("pypi.org", StringComparison.Ordinal) ? ResolverDecision.AllowedDomain : ResolverDecision.Refuse;
        var clock = Stopwatch.StartNew();
        foreach (var packet in Corpus(seed: 5, 20_000))
        {
            var response = await world.Handler.HandleAsync(packet, HandlerWorld.Client, tcp: false, CancellationToken.None);
            if (response is not null) Assert.True(response.Length is >= 12 and <= 4096, $"response of {response.Length} bytes");
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(world.Counters.Malformed > 0);
    }
}
