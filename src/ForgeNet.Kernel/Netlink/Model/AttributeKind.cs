namespace ForgeNet.Kernel.Netlink.Model;

/// <summary>How a known attribute's payload is typed.</summary>
internal enum AttributeKind
{
    Raw,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    String,
    Address,
    Nested,
}
