using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>
/// Turns one reply message into an item. Returns false when the message is malformed; true with a null
/// item when the message is fine but not wanted (another type, filtered out).
/// </summary>
internal delegate bool ReplyDecoder<T>(in NetlinkMessage message, out T? item) where T : class;
