using System.Buffers.Binary;
using System.Net;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Forwarding;

/// <summary>
/// Upstream responses by question (name, type, class, DO bit), kept for their TTL (capped) and served with TTLs aged by
/// the time they spent here. Bounded: past <see cref="Capacity"/> entries, expired ones go first, then the oldest half.
/// Thread-safe.
/// </summary>
public sealed class ResponseCache(int capacity, TimeProvider time)
{
    /// <summary>The longest any response is kept, whatever its TTL.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Capacity => capacity;

    public int Count { get { lock (_gate) return _entries.Count; } }

    /// <summary>Stores a copy of <paramref name="response"/> for <paramref name="key"/> when its TTL is above zero.</summary>
    public void Store(string key, byte[] response, UpstreamAnswer answer)
    {
        var ttl = TimeSpan.FromSeconds(Math.Min(answer.Ttl, MaxTtl.TotalSeconds));
        if (ttl <= TimeSpan.Zero || answer.Truncated) return;
        var now = time.GetTimestamp();
        response = (byte[])response.Clone(); // the caller goes on to send (and change) its own
        lock (_gate)
        {
            if (_entries.Count >= capacity && !_entries.ContainsKey(key)) Evict(now);
            _entries[key] = new Entry(response, answer.TtlOffsets.ToArray(), answer.OptStart, answer.Addresses, answer.Ttl, now, now + (long)(ttl.TotalSeconds * time.TimestampFrequency));
        }
    }

    /// <summary>A fresh copy of the cached response with aged TTLs, or null when absent or expired.</summary>
    public CachedResponse? Find(string key)
    {
        Entry entry;
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!)) return null;
            if (now >= entry.Expires)
            {
                _entries.Remove(key);
                return null;
            }
        }
        var age = (uint)((now - entry.Stored) / time.TimestampFrequency);
        var copy = (byte[])entry.Response.Clone();
        foreach (var offset in entry.TtlOffsets)
        {
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(offset));
            BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(offset), ttl > age ? ttl - age : 0);
        }
        return new CachedResponse(copy, entry.OptStart, entry.Addresses, entry.Ttl > age ? entry.Ttl - age : 0);
    }

    /// <summary>The cache key of a question.</summary>
    public static string Key(DnsQuery query) => $"{query.Name}/{query.Type}/{query.Class}/{(query.DnssecOk ? 1 : 0)}{(query.CheckingDisabled ? 1 : 0)}";

    private void Evict(long now)
    {
        foreach (var expired in _entries.Where(e => now >= e.Value.Expires).Select(e => e.Key).ToList())
            _entries.Remove(expired);
        if (_entries.Count < capacity) return;
        foreach (var old in _entries.OrderBy(e => e.Value.Stored).Take(_entries.Count / 2 + 1).Select(e => e.Key).ToList())
            _entries.Remove(old);
    }

    private sealed record Entry(byte[] Response, int[] TtlOffsets, int OptStart, List<IPAddress> Addresses, uint Ttl, long Stored, long Expires);
}
