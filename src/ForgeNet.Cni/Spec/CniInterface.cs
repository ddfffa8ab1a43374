namespace ForgeNet.Cni.Spec;

/// <summary>results.interfaces[]: a host interface (no sandbox) or one inside a sandbox (its netns path).</summary>
public sealed record CniInterface(string Name, string? Mac = null, string? Sandbox = null)
{
    /// <summary>The MTU (written from cniVersion 1.1.0 on).</summary>
    public int? Mtu { get; init; }
}
