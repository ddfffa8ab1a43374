namespace ForgeNet.Bench.Cni;

/// <summary>The sides compared: the reference plugins, and forge-cni doing the same work, each alone and as a full chain.</summary>
public static class Variants
{
    public const string Subnet = "10.201.0.0/24";

    public static Variant Reference(string dir) => new("reference", "bridge + host-local", [dir],
        lab => $$"""
            {"cniVersion":"1.0.0","name":"{{lab.Prefix}}","plugins":[{{ReferenceBridge(lab)}}]}
            """,
        Variant.None);

    public static Variant ReferenceChain(string dir) => new("reference-chain", "bridge + host-local, portmap, bandwidth, firewall", [dir],
        lab => $$$"""
            {"cniVersion":"1.0.0","name":"{{{lab.Prefix}}}","plugins":[{{{ReferenceBridge(lab)}}},
              {"type":"portmap","capabilities":{"portMappings":true}},
              {"type":"bandwidth","capabilities":{"bandwidth":true}},
              {"type":"firewall","backend":"iptables"}]}
            """,
        Variant.PortAndBandwidth);

    private static string ReferenceBridge(BenchLab lab) => $$$"""
        {"type":"bridge","bridge":"{{{lab.BridgeName}}}","isGateway":true,"ipMasq":true,
         "ipam":{"type":"host-local","dataDir":"{{{Path.Join(lab.Directory, "ipam")}}}","ranges":[[{"subnet":"{{{Subnet}}}"}]],"routes":[{"dst":"0.0.0.0/0"}]}}
        """;
}
