using System.Net.Sockets;
using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;

namespace ForgeNet.Kernel.Netlink;

/// <summary>Interface addresses.</summary>
public sealed partial class RtNetlink
{
    /// <summary>Adds an address (host bits kept: 10.0.0.5/24) to link <paramref name="index"/>. EEXIST when it is there already.</summary>
    public void AddAddress(int index, IpPrefix address, AddressFlags flags = AddressFlags.None)
    {
        ValidateAddress(index, address);
        var request = AddressRequest.Add(Buffer(), index, address, flags);
        _connection.Execute(request, new NetlinkOperation("RTM_NEWADDR", Index: index, Detail: address.ToString()));
    }

    /// <summary>Removes an address from link <paramref name="index"/>. Throws with IsNotFound when it is not there.</summary>
    public void DeleteAddress(int index, IpPrefix address)
    {
        ValidateAddress(index, address);
        var request = AddressRequest.Delete(Buffer(), index, address);
        _connection.Execute(request, new NetlinkOperation("RTM_DELADDR", Index: index, Detail: address.ToString()));
    }

    /// <summary>The addresses of one family (Unspecified: both) on one link (0: all links).</summary>
    public IReadOnlyList<AddressInfo> ListAddresses(AddressFamily family = AddressFamily.Unspecified, int index = 0)
    {
        var request = AddressRequest.Dump(Buffer(), family);
        var all = Query<AddressInfo>(request, new NetlinkOperation("RTM_GETADDR", Detail: "dump"), RequestKind.Dump, AddressDecoder.TryDecode);
        if (index == 0) return all;
        var kept = new List<AddressInfo>();
        foreach (var address in all)
        {
            if (address.Index == index) kept.Add(address);
        }
        return kept;
    }

    private static void ValidateAddress(int index, IpPrefix address)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        ArgumentNullException.ThrowIfNull(address.Address, nameof(address));
        if (address.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || address.Length < 0 || address.Length > address.MaxLength)
            throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address with a valid prefix length", nameof(address));
    }
}
