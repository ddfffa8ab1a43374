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
            case "engine":
                reason = "pending: the engine has not landed in this branch yet";
                return null;
            case "cli":
                reason = forgePath is null ? $"skipped: {options.Forge} not found" : "pending: the engine has not landed in this branch yet";
                return null;
            default:
                throw new ArgumentException($"unknown method {name}");
        }
    }
}
