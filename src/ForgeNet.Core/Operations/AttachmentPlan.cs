using System.Net;

namespace ForgeNet.Core.Operations;

/// <summary>One validated attachment of a new sandbox: which network, which position, which addresses were asked for.</summary>
internal sealed record AttachmentPlan(string Network, int Position, IPAddress? Requested4, IPAddress? Requested6)
{
    /// <summary>The interface name inside the sandbox; null = eth&lt;position&gt;.</summary>
    public string? Interface { get; init; }

    /// <summary>The requested MAC ("02:…"); null = derived from the host-side name.</summary>
    public string? Mac { get; init; }
}
