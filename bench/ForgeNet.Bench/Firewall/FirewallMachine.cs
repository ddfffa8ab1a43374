namespace ForgeNet.Bench.Firewall;

/// <summary>The tools and kernel settings a firewall run depends on, for the report.</summary>
internal static class FirewallMachine
{
    /// <summary>Call on the host namespace's thread: /proc/sys/net shows the namespace of the thread that opens it.</summary>
    public static IReadOnlyList<string> Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        return
        [
            $"machine: {Environment.ProcessorCount} CPUs ({cpu}), Linux {kernel}, .NET {Environment.Version}",
            $"tools: {FirstLine("iperf3", "--version")}; {FirstLine("sockperf", "--version")}; {FirstLine("nft", "--version")}; " +
            $"libnftables1 {Package("libnftables1")}",
            $"br_netfilter in the throwaway host namespace: bridge-nf-call-iptables = {BridgeNf()} " +
            "(1: bridged frames also pass the inet hooks, see docs/FIREWALL.md)",
        ];
    }

    private static string BridgeNf()
    {
        const string path = "/proc/sys/net/bridge/bridge-nf-call-iptables";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "absent (br_netfilter not loaded)";
    }

    private static string FirstLine(string file, string arg) => Try(() =>
        Command.Run(file, [arg]).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "?");

    private static string Package(string name) => Try(() => Command.Run("dpkg-query", ["-W", "-f", "${Version}", name]).Trim());

    private static string Try(Func<string> probe)
    {
        try
        {
            return probe();
        }
        catch (Exception e) when (e is CommandFailedException or System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
