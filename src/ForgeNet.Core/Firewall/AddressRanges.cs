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
    public static AddressRanges Of(AddressFamily family, IEnumerable<IpPrefix> prefixes) =>
        new(family, Merge(prefixes.Where(p => p.Family == family).Select(p => Bounds(p))));

    /// <summary>The union of both sets (same family).</summary>
    public AddressRanges Union(AddressRanges other) => new(Family, Merge(_ranges.Concat(other._ranges)));

    /// <summary>These ranges without any address in <paramref name="removed"/> (same family).</summary>
    public AddressRanges Except(AddressRanges removed)
    {
        var result = new List<(UInt128, UInt128)>();
        foreach (var (first, last) in _ranges)
        {
            var start = first;
            var done = false;
            foreach (var (cutFirst, cutLast) in removed._ranges)
            {
                if (cutLast < start || cutFirst > last) continue;
                if (cutFirst > start) result.Add((start, cutFirst - 1));
                if (cutLast >= last)
                {
                    done = true;
                    break;
                }
                start = cutLast + 1;
            }
            if (!done) result.Add((start, last));
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

    public override string ToString() => string.Join(", ", ToValues());

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

    private static List<(UInt128, UInt128)> Merge(IEnumerable<(UInt128 First, UInt128 Last)> ranges)
    {
        var merged = new List<(UInt128 First, UInt128 Last)>();
        foreach (var (first, last) in ranges.OrderBy(r => r.First))
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

    private static (UInt128 First, UInt128 Last) Bounds(IpPrefix prefix)
    {
        var bits = prefix.MaxLength;
        var first = ToNumber(IpPrefix.Mask(prefix.Address, prefix.Length));
        var hostBits = bits - prefix.Length;
        var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return (first, first + span);
    }

    private static UInt128 Max(AddressFamily family) => family == AddressFamily.InterNetwork ? uint.MaxValue : UInt128.MaxValue;

    private static UInt128 ToNumber(IPAddress address)
    {
        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
            value = (value << 8) | b;
        return value;
    }

    private IPAddress ToAddress(UInt128 value)
    {
        var bytes = new byte[Family == AddressFamily.InterNetwork ? 4 : 16];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }
        return new IPAddress(bytes);
    }
}
