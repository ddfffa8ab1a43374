namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>
/// The datagram seam under <see cref="NetlinkConnection"/>: a real AF_NETLINK socket, or a fake in tests that
/// replays captured kernel replies. Errors are returned as negative errno so the connection decides what they mean.
/// </summary>
internal interface INetlinkTransport : IDisposable
{
    /// <summary>The port id the kernel assigned at bind; replies to our requests carry it.</summary>
    uint PortId { get; }

    /// <summary>Sends one datagram; returns 0 or a negative errno.</summary>
    int Send(ReadOnlySpan<byte> datagram);

    /// <summary>
    /// Receives one datagram into <paramref name="buffer"/>; returns its full length (larger than the buffer when
    /// it was truncated, as with MSG_TRUNC) or a negative errno.
    /// </summary>
    int Receive(Span<byte> buffer);
}
