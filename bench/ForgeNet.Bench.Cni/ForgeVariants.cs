namespace ForgeNet.Bench.Cni;

/// <summary>
/// forge-cni's side: alone (a private network: bridge, NAT out, like bridge + host-local with ipMasq), doing the full
/// chain's work itself (published port, bandwidth and a firewall policy in one plugin), and followed by the reference
/// portmap, bandwidth and firewall (what chaining costs). Empty when no forge-cni binary is found.
/// </summary>
public static class ForgeVariants
{
    public static IReadOnlyList<Variant> All(string? forgeDir, string referenceDir)
    {
        var dir = forgeDir ?? new[] { "/opt/cni/bin", "/usr/local/bin" }.FirstOrDefault(d => File.Exists(Path.Join(d, "forge-cni")));
        if (dir is null || !File.Exists(Path.Join(dir, "forge-cni")))
        {
            Console.Error.WriteLine("forge-bench-cni: no forge-cni binary (scripts/install, or --forge-dir DIR): measuring the reference side only");
            return [];
        }
        return
        [
            new("forge-cni", "forge-cni (mode private)", [dir], lab => List(lab, Forge(lab, """{"version":1,"mode":"private"}""", capabilities: false)), Variant.None),
            // forge-cni refuses a bandwidth limit until its policy engine enforces one, so this side publishes a port and
            // applies a policy; the bandwidth capability stays with the reference variants.
            new("forge-cni-chain", "forge-cni with published port and firewall policy", [dir],
                lab => List(lab, Forge(lab, FirewallPolicy, capabilities: true)), Variant.PortOnly),
            new("forge-cni+reference", "forge-cni, then reference portmap, bandwidth, firewall", [dir, referenceDir],
                lab => List(lab, Forge(lab, """{"version":1,"mode":"private"}""", capabilities: false),
                    """{"type":"portmap","capabilities":{"portMappings":true}}""",
                    """{"type":"bandwidth","capabilities":{"bandwidth":true}}""",
                    """{"type":"firewall","backend":"iptables"}"""), Variant.PortAndBandwidth),
        ];
    }

    // The reference firewall plugin lets the container's traffic through FORWARD; the policy says as much and more.
    private const string FirewallPolicy = """
        {"version":1,"mode":"private","ingress":[{"from":[{"cidr":"10.201.0.0/24"}]}],"egress":[{"to":[{"cidr":"10.201.0.0/24"}]},{"to":["public-internet"],"ports":["443/tcp"]}]}
        """;

    private static string List(BenchLab lab, params string[] plugins) =>
        $$"""{"cniVersion":"1.0.0","name":"{{lab.Prefix}}","plugins":[{{string.Join(",", plugins)}}]}""";

    private static string Forge(BenchLab lab, string policy, bool capabilities) => $$$"""
        {"type":"forge-cni","network":"{{{lab.Prefix}}}","subnets":["{{{Variants.Subnet}}}"],"stateDir":"{{{Path.Join(lab.Directory, "state")}}}",
         {{{(capabilities ? "\"capabilities\":{\"portMappings\":true}," : "")}}}"policy":{{{policy}}}}
        """;
}
