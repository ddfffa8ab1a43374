namespace ForgeNet.Kernel.Netlink;

/// <summary>An address on a link, as the kernel reports it.</summary>
/// <param name="Flags">IFA_FLAGS (IFA_F_*: 0x80 permanent, 0x02 nodad, ...).</param>
/// <param name="Label">IFA_LABEL (IPv4 only), null otherwise.</param>
public sealed record AddressInfo(int Index, IpPrefix Address, byte Scope, uint Flags, string? Label);
