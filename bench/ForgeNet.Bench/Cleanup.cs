namespace ForgeNet.Bench;

/// <summary>Removes everything a run made: its namespaces under /run/netns and its temp directory.</summary>
internal static class Cleanup
{
    /// <summary>Deletes every netns whose name starts with prefix; returns how many.</summary>
    public static int DeleteNamespaces(string prefix)
    {
        RequireOurs(prefix);
        if (!Directory.Exists("/run/netns"))
        {
            return 0;
        }
        var count = 0;
        foreach (var path in Directory.GetFiles("/run/netns", prefix + "*"))
        {
            var name = Path.GetFileName(path);
            if (!Command.TryRun("ip", "netns", "del", name))
            {
                Console.Error.WriteLine($"cleanup: could not delete netns {name}");
                continue;
            }
            count++;
        }
        return count;
    }

    /// <summary>Everything of a run: namespaces and the temp directory named after the prefix.</summary>
    public static void All(string runPrefix)
    {
        var namespaces = DeleteNamespaces(runPrefix);
        var temp = TempDirectory(runPrefix);
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }
        Console.Error.WriteLine($"cleanup {runPrefix}: {namespaces} namespace(s) deleted, {temp} removed");
    }

    /// <summary>Where a run keeps its state directories (ForgeNet's SQLite, host-local's leases).</summary>
    public static string TempDirectory(string runPrefix) => Path.Combine(Path.GetTempPath(), runPrefix);

    // A wrong prefix here would delete someone else's namespaces: accept only ours (setup/teardown and firewall runs).
    private static readonly string[] RunPrefixStarts = ["fnt-bench-", "fnt-fwb-"];

    private static void RequireOurs(string prefix)
    {
        if (!RunPrefixStarts.Any(start => prefix.StartsWith(start, StringComparison.Ordinal) && prefix.Length >= start.Length + 4)
            || prefix.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"cleanup prefix '{prefix}' is not a benchmark prefix (fnt-bench-XXXX or fnt-fwb-XXXX)");
        }
    }
}
