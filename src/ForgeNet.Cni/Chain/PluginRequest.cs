namespace ForgeNet.Cni.Chain;

/// <summary>One execution of a plugin binary: the path, its CNI_* environment, stdin and a deadline.</summary>
public sealed record PluginRequest(string Plugin, string Path, IReadOnlyDictionary<string, string> Environment, byte[] Stdin, TimeSpan Deadline)
{
    /// <summary>The CNI command being run (CNI_COMMAND).</summary>
    public string Command => Environment.TryGetValue("CNI_COMMAND", out var c) ? c : "?";
}
