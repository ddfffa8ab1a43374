using System.Net;
using System.Net.Sockets;
using ForgeNet.Kernel;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// Addresses of one IP family as sorted, merged, inclusive ranges: what an nftables interval set holds. Merging
/// up front matters: nft refuses overlapping intervals in one set, and a policy may list 10.0.0.0/8 and 10.1.0.0/16.
/// </summary>
internal sealed class AddressRanges
{
    private readonly List<(UInt128 First, UInt128 Last)> _ranges;

    private AddressRanges(AddressFamily family, List<(UInt128, UInt128)> ranges)
    {
        Family = family;
        _ranges = ranges;
    }

    public AddressFamily Family { get; }

    public bool IsEmpty => _ranges.Count == 0;

    /// <summary>True when every address of the family is in the set (a rule then needs no address match).</summary>
    public bool IsAll => _ranges.Count == 1 && _ranges[0].First == 0 && _ranges[0].Last == Max(Family);

    public int Count => _ranges.Count;

    public static AddressRanges Empty(AddressFamily family) => new(family, []);

    /// <summary>The prefixes of <paramref name="family"/> among <paramref name="prefixes"/>, merged.</summary>
    public static AddressRanges Of(AddressFamily family, IEnumerable<IpPrefix> prefixes)
    {
        var bounds = new List<(UInt128, UInt128)>();
        foreach (var prefix in prefixes)
        {
            if (prefix.Family == family) bounds.Add(Bounds(prefix));
        }
        return new(family, Merge(bounds));
    }

    /// <summary>The union of both sets (same family).</summary>
    public AddressRanges Union(AddressRanges other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        var both = new List<(UInt128, UInt128)>(_ranges.Count + other._ranges.Count);
        both.AddRange(_ranges);
        both.AddRange(other._ranges);
        return new(Family, Merge(both));
    }

    /// <summary>
    /// Collects networks and ranges of one family and merges them once, when built: the addresses of a policy of
    /// 10,000 rules are one sort, not 10,000, and cost no object per rule.
    /// </summary>
    internal sealed class Builder(AddressFamily family)
    {
        // 1,024 ranges (32 KB) a chunk: a builder of 10,000 stays off the large object heap, whose allocations bring
        // on full garbage collections; Build sorts them in a pooled array.
        private const int ChunkSize = 1024;
        private readonly List<(UInt128 First, UInt128 Last)[]> _chunks = [];
        private int _count;

        public bool IsEmpty => _count == 0;

        public void Add(IPNetwork network)
        {
            var hostBits = (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) - network.PrefixLength;
            var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
            var first = ToNumber(network.BaseAddress) & ~span;
            Append((first, first | span));
        }

        public void Add(AddressRanges ranges)
        {
            foreach (var range in ranges._ranges) Append(range);
        }

        /// <summary>Everything added so far, merged.</summary>
        public AddressRanges Build()
        {
            if (_count == 0) return Empty(family);
            var pool = System.Buffers.ArrayPool<(UInt128 First, UInt128 Last)>.Shared;
            var all = pool.Rent(_count);
            try
            {
                for (var i = 0; i < _chunks.Count; i++)
                    _chunks[i].AsSpan(0, Math.Min(ChunkSize, _count - i * ChunkSize)).CopyTo(all.AsSpan(i * ChunkSize));
                return new(family, Merge(all.AsSpan(0, _count)));
            }
            finally
            {
                pool.Return(all);
            }
        }

        private void Append((UInt128 First, UInt128 Last) range)
        {
            if (_count % ChunkSize == 0) _chunks.Add(new (UInt128, UInt128)[ChunkSize]);
            _chunks[^1][_count % ChunkSize] = range;
            _count++;
        }
    }

    /// <summary>These ranges without any address in <paramref name="removed"/> (same family). Linear: both lists are sorted.</summary>
    public AddressRanges Except(AddressRanges removed)
    {
        var result = new List<(UInt128, UInt128)>();
        var cuts = removed._ranges;
        var j = 0;
        foreach (var (first, last) in _ranges)
        {
            // Cuts that end before this range cannot touch it or any later one.
            while (j < cuts.Count && cuts[j].Last < first) j++;
            var start = first;
            var done = false;
            for (var k = j; k < cuts.Count && cuts[k].First <= last; k++)
            {
                if (cuts[k].First > start) result.Add((start, cuts[k].First - 1));
                if (cuts[k].Last >= last)
                {
                    done = true;
                    break;
                }
                start = cuts[k].Last + 1;
            }
            if (!done) result.Add((start, last));
        }
        return new AddressRanges(Family, result);
    }

    /// <summary>The addresses in both sets (same family). Linear, and no bigger than the smaller answer needs.</summary>
    public AddressRanges Intersect(AddressRanges other)
    {
        var result = new List<(UInt128, UInt128)>();
        var (a, b) = (_ranges, other._ranges);
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            var first = UInt128.Max(a[i].First, b[j].First);
            var last = UInt128.Min(a[i].Last, b[j].Last);
            if (first <= last) result.Add((first, last));
            // The range that ends first cannot overlap anything later in the other list.
            if (a[i].Last < b[j].Last) i++;
            else j++;
        }
        return new AddressRanges(Family, result);
    }

    /// <summary>True when <paramref name="address"/> lies in one of the ranges.</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family) return false;
        var value = ToNumber(address);
        return _ranges.Any(r => r.First <= value && value <= r.Last);
    }

    /// <summary>Set elements: a prefix where a range is exactly one, an address for a single one, else a from-to range.</summary>
    public IEnumerable<NftValue> ToValues() => _ranges.Select(r => ToValue(r.First, r.Last));

    /// <summary>The ranges as the fewest CIDR blocks: (network address, prefix length).</summary>
    public IEnumerable<(IPAddress Network, int Length)> ToPrefixes()
    {
        var bits = Family == AddressFamily.InterNetwork ? 32 : 128;
        foreach (var (first, last) in _ranges)
        {
            var start = first;
            while (true)
            {
                // The largest block aligned at start that does not pass last.
                var host = start == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(start));
                while (host > 0 && (host == 128 ? UInt128.MaxValue : (UInt128.One << host) - 1) > last - start) host--;
                yield return (ToAddress(start), bits - host);
                var end = start + (host == 128 ? UInt128.MaxValue : (UInt128.One << host) - 1);
                if (end >= last) break;
                start = end + 1;
            }
        }
    }

    public override string ToString() => string.Join(", ", ToValues());

    /// <summary>12 hex digits of SHA-256 over the ranges: equal sets, equal hashes.</summary>
    public string ContentHash()
    {
        // A pooled buffer: for 10,000 ranges a new one would be a large-object allocation on every compile.
        var length = 1 + _ranges.Count * 32;
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            bytes[0] = (byte)(Family == AddressFamily.InterNetwork ? 4 : 6);
            for (var i = 0; i < _ranges.Count; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(1 + i * 32), _ranges[i].First);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes.AsSpan(17 + i * 32), _ranges[i].Last);
            }
            return Convert.ToHexStringLower(ForgeNet.Core.Model.Sha256.HashData(bytes.AsSpan(0, length)))[..12];
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private NftValue ToValue(UInt128 first, UInt128 last)
    {
        if (first == last) return NftValue.Address(ToAddress(first));
        var size = last - first + 1;
        var bits = Family == AddressFamily.InterNetwork ? 32 : 128;
        // A power-of-two block aligned on its size is a prefix; size 0 means the whole IPv6 space wrapped around.
        if (size == 0) return new NftPrefix(ToAddress(0), 0);
        if (UInt128.PopCount(size) == 1 && first % size == 0)
            return new NftPrefix(ToAddress(first), bits - (int)UInt128.TrailingZeroCount(size));
        return NftValue.Range(NftValue.Address(ToAddress(first)), NftValue.Address(ToAddress(last)));
    }

    // Sorts in place (policies often list addresses in order already), then merges overlapping and adjacent ranges.
    private static List<(UInt128, UInt128)> Merge(List<(UInt128 First, UInt128 Last)> ranges) =>
        Merge(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ranges));

    private static List<(UInt128, UInt128)> Merge(Span<(UInt128 First, UInt128 Last)> ranges)
    {
        if (!IsSorted(ranges)) ranges.Sort((a, b) => a.First.CompareTo(b.First));
        // Counted first, so the list is allocated once at its size.
        var (count, end) = (0, UInt128.Zero);
        for (var i = 0; i < ranges.Length; i++)
        {
            if (i == 0 || (end != UInt128.MaxValue && ranges[i].First > end + 1)) (count, end) = (count + 1, ranges[i].Last);
            else if (ranges[i].Last > end) end = ranges[i].Last;
        }
        var merged = new List<(UInt128 First, UInt128 Last)>(count);
        foreach (var (first, last) in ranges)
        {
            if (merged.Count > 0 && (merged[^1].Last == UInt128.MaxValue || first <= merged[^1].Last + 1))
            {
                if (last > merged[^1].Last) merged[^1] = (merged[^1].First, last);
                continue;
            }
            merged.Add((first, last));
        }
        return merged;
    }

    private static bool IsSorted(Span<(UInt128 First, UInt128 Last)> ranges)
    {
        for (var i = 1; i < ranges.Length; i++)
        {
            if (ranges[i].First < ranges[i - 1].First) return false;
        }
        return true;
    }

    private static (UInt128 First, UInt128 Last) Bounds(IpPrefix prefix)
    {
        var hostBits = prefix.MaxLength - prefix.Length;
        var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var first = ToNumber(prefix.Address) & ~span;
        return (first, first | span);
    }

    private static UInt128 Max(AddressFamily family) => family == AddressFamily.InterNetwork ? uint.MaxValue : UInt128.MaxValue;

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        foreach (var b in bytes[..written])
            value = (value << 8) | b;
        return value;
    }

    private IPAddress ToAddress(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[Family == AddressFamily.InterNetwork ? 4 : 16];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
        return new IPAddress(bytes);
    }
}
