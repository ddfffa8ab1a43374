using System.Net.Sockets;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The names of ForgeNet's nftables objects. Two tables, both called <c>forgenet</c>: <c>bridge forgenet</c> sees
/// frames between the ports of a bridge (peers), <c>inet forgenet</c> sees what the host routes or receives.
/// Per-endpoint chains and sets are named after the endpoint's host-side veth ("fv" + 10 hex), which is never reused.
/// </summary>
internal static class FirewallNames
{
    public const string TableName = "forgenet";

    public static NftTable Bridge { get; } = new(NftFamily.Bridge, TableName);

    public static NftTable Inet { get; } = new(NftFamily.Inet, TableName);

    /// <summary>Both tables, bridge first.</summary>
    public static IReadOnlyList<NftTable> Tables { get; } = [Bridge, Inet];

    // bridge forgenet: shared objects.
    public const string PortL2 = "port-l2";
    public const string PortEgress = "port-egress";
    public const string PortIngress = "port-ingress";
    public const string PeerReply = "peer-reply";
    public const string Ports = "ports";
    public const string Flow = "flow";
    public const string Flows4 = "flows4";
    public const string Flows6 = "flows6";
    public const string Pairs4 = "pairs4";
    public const string Pairs6 = "pairs6";

    // inet forgenet: shared objects.
    public const string Egress4 = "egress4";
    public const string Egress6 = "egress6";
    public const string Ingress4 = "ingress4";
    public const string Ingress6 = "ingress6";
    public const string Bridged = "bridged";
    public const string Route = "route";
    public const string Postrouting = "postrouting";
    public const string Bridges = "bridges";
    public const string BridgeMacs = "bridge-macs";
    public const string Masquerade4 = "masq4";
    public const string Masquerade6 = "masq6";
    public const string Confined4 = "confined4";
    public const string Confined6 = "confined6";
    public const string Subnets4 = "subnets4";
    public const string Subnets6 = "subnets6";
    public const string Publish = "publish";
    public const string DstNatPrerouting = "dstnat-prerouting";
    public const string DstNatOutput = "dstnat-output";

    /// <summary>The chain that checks what an endpoint's port sends on layer 2 (bridge table).</summary>
    public static string L2Chain(string port) => $"ep-{port}-l2";

    /// <summary>The chain of an endpoint's egress rules (one in each table).</summary>
    public static string EgressChain(string port) => $"ep-{port}-eg";

    /// <summary>The chain of an endpoint's ingress rules (one in each table).</summary>
    public static string IngressChain(string port) => $"ep-{port}-in";

    /// <summary>The chain of an endpoint's published ports (DNAT; inet table).</summary>
    public static string DnatChain(string port) => $"ep-{port}-dnat";

    /// <summary>The host-side port an endpoint chain or set belongs to ("ep-PORT-..."), or null for shared objects.</summary>
    public static string? PortOf(string name)
    {
        if (!name.StartsWith("ep-", StringComparison.Ordinal)) return null;
        var end = name.IndexOf('-', 3);
        return end < 0 ? null : name[3..end];
    }

    /// <summary>
    /// A named address set of an endpoint chain, named after its contents: a policy change that keeps a set keeps its
    /// name (nothing to rewrite), one that changes it makes a new set beside the old, which is cheaper for nft than
    /// flushing and refilling an interval set.
    /// </summary>
    public static string GroupSet(string chain, AddressFamily family, string contentHash) =>
        $"{chain}-{(family == AddressFamily.InterNetwork ? '4' : '6')}-{contentHash}";

    /// <summary>A set shared by every endpoint that uses the same addresses (a preset), named by its contents.</summary>
    public static string SharedSet(AddressFamily family, string contentHash) =>
        $"shared{(family == AddressFamily.InterNetwork ? '4' : '6')}-{contentHash}";

    /// <summary>
    /// The addresses the network's resolver learnt for the domain patterns hashed in <paramref name="contentHash"/>, on the
    /// endpoint of <paramref name="port"/>: a timeout set, filled at run time, one per family.
    /// </summary>
    public static string DomainSet(string port, AddressFamily family, string contentHash) =>
        $"ep-{port}-dom{(family == AddressFamily.InterNetwork ? '4' : '6')}-{contentHash}";

    /// <summary>The connections a domain rule let through on the endpoint of <paramref name="port"/> (updated by the packet path).</summary>
    public static string DomainFlowSet(string port, AddressFamily family, string flowHash) =>
        $"ep-{port}-dfl{(family == AddressFamily.InterNetwork ? '4' : '6')}-{flowHash}";

    /// <summary>
    /// The addresses of the sandboxes a peer selector picks (<see cref="Policy.PeerSelector.Key"/>: a name, or labels),
    /// one set per family and table. A label selector's set is named by a hash of its key: labels may be long.
    /// </summary>
    public static string PeerSet(string key, AddressFamily family) =>
        $"peer{(family == AddressFamily.InterNetwork ? '4' : '6')}-{(key.StartsWith(Policy.PeerSelector.LabelKeyPrefix, StringComparison.Ordinal) ? "l" + Hash(key)[..12] : key)}";

    private static string Hash(string text) =>
        Convert.ToHexStringLower(ForgeNet.Core.Model.Sha256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
