namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The direct netlink path cannot express a command exactly as libnftables would; the transaction goes through
/// libnftables instead. Never escapes <see cref="NftablesBackend"/>.
/// </summary>
internal sealed class NftDirectUnsupportedException(string what) : Exception($"not supported by the direct nf_tables path: {what}");
