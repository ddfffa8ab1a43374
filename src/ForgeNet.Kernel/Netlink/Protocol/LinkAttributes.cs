using System.Net.NetworkInformation;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>
/// The settable attributes of a link, written in one fixed order (iproute2's when given in this order, so
/// requests can be compared byte for byte with `ip`): MTU, address, group, master, alias, netns fd, name.
/// </summary>
internal readonly record struct LinkAttributes(
    string? Name = null, int? Mtu = null, PhysicalAddress? Mac = null, uint? Group = null,
    int? MasterIndex = null, string? Alias = null, int? NamespaceFd = null)
{
    public void WriteTo(ref NetlinkMessageWriter writer)
    {
        if (Mtu is { } mtu) writer.WriteUInt32(Ifla.Mtu, (uint)mtu);
        if (Mac is not null) writer.WriteBytes(Ifla.Address, Mac.GetAddressBytes());
        if (Group is { } group) writer.WriteUInt32(Ifla.Group, group);
        if (MasterIndex is { } master) writer.WriteUInt32(Ifla.Master, (uint)master);
        // iproute2 sends the alias without NUL: the kernel stores nla_len bytes, so a NUL would become part of it.
        if (Alias is not null) writer.WriteString(Ifla.IfAlias, Alias, nulTerminated: false);
        if (NamespaceFd is { } fd) writer.WriteUInt32(Ifla.NetNsFd, (uint)fd);
        if (Name is not null) writer.WriteString(Ifla.IfName, Name);
    }
}
