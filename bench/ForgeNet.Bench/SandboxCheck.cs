namespace ForgeNet.Bench;

/// <summary>
/// Untimed proof that a method did the promised kernel work: in the sandbox netns, lo is up, eth0 is up
/// with carrier (so its host end is up too), holds an address in the subnet, and there is a default route
/// via the gateway.
/// </summary>
internal static class SandboxCheck
{
    /// <summary>Null when the sandbox is complete, else what is missing.</summary>
    public static string? Problem(string sandboxNamespace)
    {
        var lo = Ip(sandboxNamespace, "-o", "link", "show", "lo");
        var eth0 = Ip(sandboxNamespace, "-o", "link", "show", "eth0");
        var address = Ip(sandboxNamespace, "-o", "-4", "addr", "show", "dev", "eth0");
        var route = Ip(sandboxNamespace, "-4", "route", "show", "default");
        return !Flags(lo).Contains("UP") ? $"lo is not up in {sandboxNamespace}"
            : !Flags(eth0).Contains("LOWER_UP") ? $"eth0 has no carrier in {sandboxNamespace}: {eth0.Trim()}"
            : !address.Contains("inet 10.89.", StringComparison.Ordinal) ? $"eth0 has no 10.89.0.0/20 address in {sandboxNamespace}"
            : !route.Contains("via 10.89.0.1 ", StringComparison.Ordinal) ? $"no default route via 10.89.0.1 in {sandboxNamespace}: {route.Trim()}"
            : null;
    }

    private static string Ip(string ns, params string[] args) => Command.Run("ip", ["-n", ns, .. args]);

    // "2: eth0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu …" → the flags between < and >.
    private static string[] Flags(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start < 0 || end < start ? [] : line[(start + 1)..end].Split(',');
    }
}
