using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using ForgeNet.Core.Firewall;
using ForgeNet.Dns.Forwarding;
using ForgeNet.Dns.Wire;
using ForgeNet.Dns.Zone;

namespace ForgeNet.Dns.Server;

/// <summary>
/// Turns one query packet from a client into the response packet (or nothing): the local zone first, then the policy
/// (<see cref="IDomainEgress.Decide"/>), then the cache or the upstreams, and for allowed domains
/// <see cref="IDomainEgress.Admit"/> before the answer leaves. Transport-independent, so the fuzz tests drive it directly.
/// </summary>
public sealed class QueryHandler(string network, Func<LocalZone?> zone, IDomainEgress egress, ResponseCache cache, Forwarder forwarder, DnsCounters counters)
{
    /// <summary>The largest response the server writes itself (local answers never get near it).</summary>
    private const int OwnResponseSize = 4096;

    // Own responses are written here and copied out at their exact length.
    [ThreadStatic] private static byte[]? t_scratch;

    // A local lookup's records, reused by the thread (their data belongs to the zone).
    [ThreadStatic] private static List<(ushort Type, byte[] Data)>? t_records;

    public DnsCounters Counters => counters;

    private static byte[] Scratch => t_scratch ??= new byte[OwnResponseSize];

    /// <summary>
    /// The response to <paramref name="packet"/> from <paramref name="client"/>, at most <paramref name="maxSize"/> bytes
    /// (512 or the client's EDNS size over UDP; 65535 over TCP), or null when the packet deserves no answer. Await it
    /// once: for a query that goes upstream it is backed by a pooled state machine.
    /// </summary>
    public ValueTask<byte[]?> HandleAsync(ReadOnlyMemory<byte> packet, IPAddress client, bool tcp, CancellationToken cancel)
    {
        // Not async itself: local names, refusals and cache hits complete here without a state machine; only a query
        // that goes upstream gets one (AskUpstreamAsync).
        counters.Query();
        var query = DnsQuery.TryParse(packet.Span, out var rcode);
        if (query is null)
        {
            counters.MalformedPacket();
            if (rcode < 0) return default;
            var error = new byte[12];
            DnsResponse.WriteHeaderError(packet.Span, error, rcode);
            return new(Sent(error));
        }
        if (query.LoopNonce == ForwardedQuery.LoopNonce)
        {
            counters.Loop(); // our own forwarded query came back: answering would loop
            return default;
        }
        var maxSize = tcp ? 65535 : Math.Min(query.HasEdns ? query.UdpSize : 512, 4096);
        if (query.Class != DnsType.ClassIn) return new(Sent(Own(query, DnsType.NotImp)));
        if (zone() is { } local && Local(local, query) is { } answer)
            return new(Sent(answer));
        return Forward(query, client, maxSize, cancel);
    }

    private byte[]? Local(LocalZone local, DnsQuery query)
    {
        var records = t_records ??= [];
        records.Clear();
        var result = local.Lookup(query.Name, query.Type, records);
        if (result == LocalResult.NotLocal) return null;
        counters.LocalAnswer();
        if (result == LocalResult.NxDomain) counters.NxDomainAnswer();
        var buffer = Scratch;
        var response = new DnsResponse(buffer, query, result == LocalResult.NxDomain ? DnsType.NxDomain : DnsType.NoError, authoritative: true);
        foreach (var (type, data) in records) response.AddAnswer(type, 0, data);
        records.Clear();
        if (result is LocalResult.NxDomain or LocalResult.NoData) response.AddSoa(local.Domain);
        if (query.HasEdns) response.AddOpt(ForwardedQuery.UdpSize);
        return buffer[..response.Finish()];
    }

    private ValueTask<byte[]?> Forward(DnsQuery query, IPAddress client, int maxSize, CancellationToken cancel)
    {
        ResolverDecision decision;
        try { decision = egress.Decide(network, client, query.Name); }
        catch (Exception e) when (e is not OutOfMemoryException) { return new(ServFail(query)); }
        if (decision == ResolverDecision.Refuse)
        {
            counters.Refuse();
            return new(Sent(Own(query, DnsType.Refused)));
        }
        var key = ResponseCache.Key(query);
        if (cache.Find(key) is { } found)
        {
            counters.CacheHit();
            return new(Answer(found, query, decision, client, maxSize));
        }
        counters.Forward();
        return AskUpstreamAsync(query, key, decision, client, maxSize, cancel);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<byte[]?> AskUpstreamAsync(DnsQuery query, string key, ResolverDecision decision, IPAddress client, int maxSize, CancellationToken cancel)
    {
        if (await forwarder.QueryAsync(query, cancel).ConfigureAwait(false) is not { } fresh) return ServFail(query);
        if (fresh.Answer.Rcode is DnsType.NoError or DnsType.NxDomain) cache.Store(key, fresh.Packet, fresh.Answer);
        return Answer(new CachedResponse(fresh.Packet, fresh.Answer.OptStart, fresh.Answer.Addresses, fresh.Answer.Ttl), query, decision, client, maxSize);
    }

    private byte[] Answer(CachedResponse found, DnsQuery query, ResolverDecision decision, IPAddress client, int maxSize)
    {
        if (decision == ResolverDecision.AllowedDomain && found.Addresses.Count > 0)
        {
            try { egress.Admit(network, client, query.Name, found.Addresses, TimeSpan.FromSeconds(found.Ttl)); }
            catch (Exception e) when (e is not OutOfMemoryException) { return ServFail(query); } // never answer what the firewall would not let through
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(found.Packet.AsSpan(2)) is var flags && (flags & 0xF) == DnsType.NxDomain) counters.NxDomainAnswer();
        return Sent(ForClient(found, query, maxSize));
    }

    private static byte[] ForClient(CachedResponse found, DnsQuery query, int maxSize)
    {
        var packet = found.Packet;
        // A client that sent no OPT must not get one back (RFC 6891 7); it is the last record when we can cut it.
        if (!query.HasEdns && found.OptStart >= 0)
        {
            packet = packet[..found.OptStart];
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(10)) - 1));
        }
        if (packet.Length > maxSize) return Truncated(query);
        BinaryPrimitives.WriteUInt16BigEndian(packet, query.Id);
        // The client's own spelling of the name (0x20 case randomisation), when the upstream's question is uncompressed.
        var name = query.Question.AsSpan(0, query.Question.Length - 4);
        if (packet.Length >= 12 + name.Length && DnsName.WireEquals(packet.AsSpan(12, name.Length), name))
            name.CopyTo(packet.AsSpan(12));
        return packet;
    }

    private static byte[] Truncated(DnsQuery query)
    {
        var buffer = Scratch;
        var response = new DnsResponse(buffer, query, DnsType.NoError, authoritative: false);
        response.SetTruncated();
        if (query.HasEdns) response.AddOpt(ForwardedQuery.UdpSize);
        return buffer[..response.Finish()];
    }

    private byte[] ServFail(DnsQuery query)
    {
        counters.ServFailAnswer();
        return Sent(Own(query, DnsType.ServFail));
    }

    private static byte[] Own(DnsQuery query, int rcode)
    {
        var buffer = Scratch;
        var response = new DnsResponse(buffer, query, rcode, authoritative: false);
        if (query.HasEdns) response.AddOpt(ForwardedQuery.UdpSize);
        return buffer[..response.Finish()];
    }

    private byte[] Sent(byte[] response)
    {
        counters.Answer();
        return response;
    }
}
