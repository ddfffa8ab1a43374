using System.Net;

namespace ForgeNet.Bench.Methods;

/// <summary>
/// Names and addresses for one method at one size. Every method uses the same subnet, gateway and
/// naming scheme, inside its own throwaway host namespace.
/// </summary>
internal sealed class MethodContext
{
    /// <summary>Large enough for 1023 sandboxes, so the bridge's port limit, not IPAM, ends a network.</summary>
    public const string Subnet = "10.89.0.0/20";
    public const int PrefixLength = 20;
    public const string Gateway = "10.89.0.1";

    public required string RunPrefix { get; init; }      // fnt-bench-1a2b
    public required string Tag { get; init; }            // 1a2b
    public required string Method { get; init; }
    public required int Size { get; init; }
    public required string HostNamespaceName { get; init; }
    public required string StateDirectory { get; init; }
    public required BenchOptions Options { get; init; }

    public string HostNamespacePath => "/run/netns/" + HostNamespaceName;

    /// <summary>What every sandbox netns of this method and size starts with (ForgeNet's NamespacePrefix).</summary>
    public string SandboxNamespacePrefix => $"{RunPrefix}-{Method}-{Size}-";

    /// <summary>The bridge of the baselines (ForgeNet names its own); at most 15 characters.</summary>
    public string Bridge => $"fnt{Tag}br";

    public static string SandboxName(int index) => $"s{index:D4}";

    public string SandboxNamespace(int index) => SandboxNamespacePrefix + SandboxName(index);

    public string SandboxNamespacePath(int index) => "/run/netns/" + SandboxNamespace(index);

    /// <summary>Host end of a baseline's veth: fnt1a2bv0007 (12 characters).</summary>
    public string HostVeth(int index) => $"fnt{Tag}v{index:D4}";

    /// <summary>Sandbox i gets host number i + 2 (the gateway is .1), as CIDR.</summary>
    public static string Address(int index)
    {
        var host = 0x0A590000u + (uint)index + 2; // 10.89.0.0
        var bytes = new[] { (byte)(host >> 24), (byte)(host >> 16), (byte)(host >> 8), (byte)host };
        return $"{new IPAddress(bytes)}/{PrefixLength}";
    }
}
