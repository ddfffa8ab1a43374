namespace ForgeNet.Bench.Methods;

/// <summary>Makes a fresh method object for each run; null with a reason when a method cannot run here.</summary>
internal static class MethodFactory
{
    public static ISandboxMethod? Create(string name, BenchOptions options, string? forgePath, out string? reason)
    {
        reason = null;
        switch (name)
        {
            case "ip": return new IpMethod();
            case "ip-batch": return new IpBatchMethod();
            case "cni":
                if (!new[] { "bridge", "host-local", "loopback" }.All(p => File.Exists(Path.Combine(options.CniPath, p))))
                {
                    reason = $"skipped: no bridge/host-local/loopback plugin in {options.CniPath} (apt-get install containernetworking-plugins)";
                    return null;
                }
                return new CniMethod();
            case "engine": return new EngineMethod();
            case "cli":
                if (forgePath is null)
                {
                    reason = $"skipped: {options.Forge} not found (publish it or pass --forge PATH)";
                    return null;
                }
                return new CliMethod(forgePath);
            default:
                throw new ArgumentException($"unknown method {name}");
        }
    }
}
