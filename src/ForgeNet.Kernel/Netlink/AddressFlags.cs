namespace ForgeNet.Kernel.Netlink;

/// <summary>Flags for a new address (IFA_F_*).</summary>
[Flags]
public enum AddressFlags : uint
{
    None = 0,

    /// <summary>IFA_F_NODAD: usable at once, no IPv6 duplicate address detection.</summary>
    NoDad = 0x02,

    /// <summary>IFA_F_NOPREFIXROUTE: do not add the prefix route for the address.</summary>
    NoPrefixRoute = 0x200,
}
