using ForgeNet.Kernel.Namespaces;

namespace ForgeNet.Bench.Daemon;

/// <summary>A throwaway host namespace and state directory: the engine's bridges, veths and nftables tables live and die there.</summary>
internal sealed class Throwaway : IDisposable
{
    public Throwaway(string tag)
    {
        Name = $"fnt-bench-{tag}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2))}";
        Host = NetNs.Create(Name);
        State = Directory.CreateTempSubdirectory(Name + "-").FullName;
    }

    public string Name { get; }

    public NetNs Host { get; }

    public string State { get; }

    public string Prefix => Name + "-";

    public Dictionary<string, string> Environment() => new()
    {
        ["FORGENET_STATE_DIR"] = State,
        ["FORGENET_HOST_NETNS"] = Host.Path,
        ["FORGENET_NETNS_PREFIX"] = Prefix,
    };

    public void Dispose()
    {
        foreach (var ns in NetNs.ListNamed().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
            NetNs.DeleteNamed(ns);
        Host.Dispose();
        NetNs.DeleteNamed(Name);
        Directory.Delete(State, recursive: true);
    }
}
