namespace ForgeNet.Cni.Spec;

/// <summary>results.ips[]: "10.89.0.5/24", its gateway, and the index into interfaces[] it is on.</summary>
public sealed record CniIpConfig(string Address, string? Gateway = null, int? Interface = null)
{
    /// <summary>"4" or "6", from the address (written for cniVersion below 1.0.0).</summary>
    public string Version => Address.Contains(':', StringComparison.Ordinal) ? "6" : "4";
}
