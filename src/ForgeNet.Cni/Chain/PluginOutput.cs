namespace ForgeNet.Cni.Chain;

/// <summary>What a plugin process produced: its exit code and both output streams.</summary>
public sealed record PluginOutput(int ExitCode, string Stdout, string Stderr);
