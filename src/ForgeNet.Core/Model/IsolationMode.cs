namespace ForgeNet.Core.Model;

/// <summary>What a sandbox may reach. CLI names: loopback-only (alias none), internal.</summary>
public enum IsolationMode
{
    /// <summary>Only <c>lo</c>: no interface to leak through.</summary>
    LoopbackOnly,

    /// <summary>Attached to bridge networks; peers on the same network, no NAT.</summary>
    Internal,
}
