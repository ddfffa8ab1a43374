namespace ForgeNet.Core.Model;

/// <summary>A sandbox's policy in force: its canonical YAML, the nftables chains it compiled to and its bandwidth limits in tc, with their counters.</summary>
public sealed record PolicyView(string Sandbox, string PolicyYaml, string Rules)
{
    /// <summary>The bandwidth limits in force per host-side veth, read back from tc ("" without networks).</summary>
    public string Bandwidth { get; init; } = "";

    /// <summary>What the sandbox's mode means for enforcement when that is not obvious from the rules (mode host: nothing is enforced); "" otherwise.</summary>
    public string Note { get; init; } = "";
}
