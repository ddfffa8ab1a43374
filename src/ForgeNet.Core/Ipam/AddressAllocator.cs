using System.Net;
using System.Text;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;

namespace ForgeNet.Core.Ipam;

/// <summary>
/// Deterministic address choice: the start offset is a stable hash of (key, network id) over the host
/// range, probing linearly (with wrap-around) past addresses in use. So the same key gets the same
/// address back while it is free, and concurrent allocators differ only where the store says so.
/// </summary>
internal static class AddressAllocator
{
    /// <summary>Picks a free address for <paramref name="key"/>; throws Exhausted when the subnet is full.</summary>
    /// <param name="used">Addresses already allocated in this subnet (others are ignored).</param>
    public static IPAddress Allocate(SubnetRange subnet, string key, string networkId, string networkName, IReadOnlySet<IPAddress> used)
    {
        var count = subnet.HostCount;
        var usedInRange = used.Count(a => subnet.Contains(a) && !subnet.IsReserved(subnet.OffsetOf(a)));
        if (count == 0 || (UInt128)usedInRange >= count)
            throw Exhausted(subnet, networkName);

        var index = StartIndex(key, networkId, count);
        // Each collision is a distinct used address, so at most usedInRange + 1 probes are needed.
        for (var probe = 0; probe <= usedInRange; probe++)
        {
            var candidate = subnet.At(SubnetRange.FirstHostOffset + index);
            if (!used.Contains(candidate)) return candidate;
            index = index + 1 == count ? 0 : index + 1;
        }
        throw Exhausted(subnet, networkName);
    }

    /// <summary>Checks a requested address: inside the subnet, not reserved, not taken.</summary>
    public static void CheckRequested(SubnetRange subnet, IPAddress address, string networkName, IReadOnlySet<IPAddress>? used = null)
    {
        if (!subnet.Contains(address))
            throw ForgeException.Invalid($"requested address {address} is not in network {networkName}'s subnet {subnet.Prefix}");
        var offset = subnet.OffsetOf(address);
        if (subnet.IsReserved(offset))
            throw ForgeException.Invalid($"requested address {address} is reserved in {subnet.Prefix} ({ReservedRole(subnet, offset)})");
        if (used is not null && used.Contains(address))
            throw ForgeException.InUse($"requested address {address} is already in use on network {networkName}");
    }

    /// <summary>A stable hash (SHA-256, never string.GetHashCode) of key and network id, modulo the host count.</summary>
    public static UInt128 StartIndex(string key, string networkId, UInt128 count)
    {
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes($"{key}\n{networkId}"));
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(hash);
        return value % count;
    }

    private static string ReservedRole(SubnetRange subnet, UInt128 offset) =>
        offset == 0 ? "network address" : offset == 1 ? "gateway" : subnet.IsV6 ? "reserved" : "broadcast address";

    private static ForgeException Exhausted(SubnetRange subnet, string networkName) =>
        ForgeException.Exhausted($"network {networkName} has no free {subnet.FamilyName} address in {subnet.Prefix}");
}
