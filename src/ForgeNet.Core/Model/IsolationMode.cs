namespace ForgeNet.Core.Model;

/// <summary>What a sandbox may reach. CLI and policy names: loopback-only (alias none), internal, private, peer-only, host (alias shared).</summary>
public enum IsolationMode
{
    /// <summary>Only <c>lo</c>: no interface to leak through.</summary>
    LoopbackOnly,

    /// <summary>Attached to bridge networks; peers on the same network, no NAT.</summary>
    Internal,

    /// <summary>Attached to bridge networks; NAT out through the host; only what the policy allows, both ways.</summary>
    Private,

    /// <summary>Attached to bridge networks; only the peers the policy names.</summary>
    PeerOnly,

    /// <summary>No namespace of its own: the host's network, as with <c>--network host</c>. An explicit opt-out: nothing is enforced.</summary>
    Host,
}
