namespace ForgeNet.Cni.Chain;

/// <summary>A plugin did not finish before its deadline; it was killed.</summary>
public sealed class CniTimeoutException(string plugin, string command, TimeSpan deadline)
    : CniPluginException(plugin, command, $"{command} {plugin}: no answer within {deadline.TotalSeconds:0.###} s; killed")
{
    /// <summary>The deadline that passed.</summary>
    public TimeSpan Deadline { get; } = deadline;
}
