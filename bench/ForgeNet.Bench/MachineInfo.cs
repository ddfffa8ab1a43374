namespace ForgeNet.Bench;

/// <summary>What the numbers were measured on, for the report.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<string> Describe(BenchOptions options, string? forgePath)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var lines = new List<string>
        {
            $"machine: {Environment.ProcessorCount} CPUs ({cpu}), Linux {kernel}, .NET {Environment.Version}",
            $"iproute2: {Try(() => Command.Run("ip", ["-V"]).Trim())}; " +
            $"containernetworking-plugins: {Try(() => Command.Run("dpkg-query", ["-W", "-f", "${Version}", "containernetworking-plugins"]).Trim())} " +
            $"in {options.CniPath}",
        };
        if (forgePath is not null)
        {
            lines.Add($"forge: {forgePath}, `--version`: {Try(() => Command.Run(forgePath, ["--version"]).Trim())}");
        }
        return lines;
    }

    /// <summary>"0.52 0.61 0.70": how busy the machine was, which matters on a shared 2-core VM.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Resolves the forge option: a path as given, or a bare name searched on PATH; null if absent.</summary>
    public static string? ResolveForge(string forge)
    {
        if (forge.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(forge) ? Path.GetFullPath(forge) : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, forge))
            .FirstOrDefault(File.Exists);
    }

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
