namespace ForgeNet.Core.Model;

/// <summary>A sandbox's policy in force: its canonical YAML, and the nftables chains it compiled to, with their counters.</summary>
public sealed record PolicyView(string Sandbox, string PolicyYaml, string Rules);
