namespace ForgeNet.Kernel.Netlink.Transport;

/// <summary>How a request is answered, which decides what the connection may retry.</summary>
internal enum RequestKind
{
    /// <summary>Changes kernel state; answered by optional echoes and an ack. Never resent.</summary>
    Change,

    /// <summary>A GET of one object: a reply, then an ack. Resent when the reply was truncated.</summary>
    Get,

    /// <summary>A dump: multipart replies until NLMSG_DONE. Restarted when interrupted or overrun.</summary>
    Dump,
}
