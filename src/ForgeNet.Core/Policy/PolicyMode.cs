namespace ForgeNet.Core.Policy;

/// <summary>The isolation mode of a policy: what a sandbox can reach before any rule is read.</summary>
public enum PolicyMode
{
    /// <summary><c>loopback-only</c> (alias <c>none</c>): only <c>lo</c>; no interface to leak through.</summary>
    LoopbackOnly,

    /// <summary><c>private</c>: a bridge, NAT out through the host, published ports in; rules decide the rest.</summary>
    Private,

    /// <summary><c>internal</c>: a bridge; every peer on the same network, no route off the host.</summary>
    Internal,

    /// <summary><c>peer-only</c>: like internal, but only the peers the rules name.</summary>
    PeerOnly,

    /// <summary><c>host</c> (alias <c>shared</c>): the host's own namespace; no isolation at all.</summary>
    Host,
}
