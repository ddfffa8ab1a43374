namespace ForgeNet.Bench.Firewall;

/// <summary>
/// Removes what a firewall run made. All its kernel objects (bridge, veths, nftables tables, the naive chain) live in
/// its throwaway namespaces, so deleting those removes them; servers it started are stopped first, because a process
/// inside a namespace keeps it alive after `ip netns del`.
/// </summary>
internal static class FirewallCleanup
{
    public const string PrefixStart = "fnt-fwb-";

    /// <summary>Stops the processes still running in the run's namespaces, then deletes the namespaces and temp directory.</summary>
    public static void All(string runPrefix)
    {
        RequireOurs(runPrefix);
        StopProcessesIn(runPrefix);
        Cleanup.All(runPrefix);
    }

    /// <summary>SIGKILLs, by PID, every process inside a namespace of the run (only a killed run leaves any).</summary>
    public static void StopProcessesIn(string runPrefix)
    {
        RequireOurs(runPrefix);
        if (!Directory.Exists("/run/netns"))
        {
            return;
        }
        foreach (var path in Directory.GetFiles("/run/netns", runPrefix + "*"))
        {
            string pids;
            try
            {
                pids = Command.Run("ip", ["netns", "pids", Path.GetFileName(path)]);
            }
            catch (CommandFailedException)
            {
                continue;
            }
            foreach (var line in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(line, out var pid) && pid != Environment.ProcessId)
                {
                    Console.Error.WriteLine($"cleanup: killing PID {pid} left in {Path.GetFileName(path)}");
                    Command.TryRun("kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    // A wrong prefix would touch someone else's namespaces: accept only a firewall run's.
    private static void RequireOurs(string prefix)
    {
        if (!prefix.StartsWith(PrefixStart, StringComparison.Ordinal) || prefix.Length < PrefixStart.Length + 4
            || prefix.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"cleanup prefix '{prefix}' is not a firewall benchmark prefix (fnt-fwb-XXXX)");
        }
    }
}
