using System.Net.Sockets;
using ForgeNet.Cni.Spec;
using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Kernel;

namespace ForgeNet.Cni.Plugin;

/// <summary>The config's network: made on first ADD with the given subnets; an existing one must match them.</summary>
internal static class NetworkEnsurer
{
    public static NetworkInfo Ensure(Engine engine, NetworkConfig config)
    {
        var (subnet4, subnet6) = Subnets(config);
        NetworkInfo network;
        try
        {
            network = engine.InspectNetwork(config.Network);
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.NotFound)
        {
            using var creating = CreationLock.Take(EngineFactory.Options(config).StateDirectory);
            network = Find(engine, config.Network) ?? Create(engine, config, subnet4, subnet6);
        }
        CheckMatches(network, subnet4);
        CheckMatches(network, subnet6);
        return network;
    }

    private static NetworkInfo? Find(Engine engine, string name)
    {
        try
        {
            return engine.InspectNetwork(name);
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static NetworkInfo Create(Engine engine, NetworkConfig config, IpPrefix? subnet4, IpPrefix? subnet6)
    {
        try
        {
            return engine.CreateNetwork(new NetworkSpec(config.Network)
            {
                Subnet4 = subnet4?.ToString(),
                Subnet6 = subnet6?.ToString(),
                Internal = config.Internal,
                Mtu = config.Mtu,
            });
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            // Another ADD made it meanwhile.
            return engine.InspectNetwork(config.Network);
        }
    }

    private static (IpPrefix? V4, IpPrefix? V6) Subnets(NetworkConfig config)
    {
        IpPrefix? v4 = null, v6 = null;
        foreach (var text in config.Subnets)
        {
            if (!IpPrefix.TryParse(text, out var prefix))
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"invalid subnet '{text}': expected CIDR such as 10.89.0.0/24");
            ref var slot = ref prefix.Family == AddressFamily.InterNetwork ? ref v4 : ref v6;
            if (slot is not null)
                throw new CniException(CniErrorCode.InvalidNetworkConfig, $"\"subnets\" holds more than one {(prefix.Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} subnet");
            slot = prefix;
        }
        return (v4, v6);
    }

    private static void CheckMatches(NetworkInfo network, IpPrefix? wanted)
    {
        if (wanted is not { } w) return;
        var actual = w.Family == AddressFamily.InterNetwork ? network.Subnet4 : network.Subnet6;
        if (actual is null || !IpPrefix.TryParse(actual, out var a) || !a.Network.Equals(w.Network) || a.Length != w.Length)
            throw new CniException(CniErrorCode.InvalidNetworkConfig,
                $"network {network.Name} exists with subnet {actual ?? "(none)"}, but the config asks for {w}");
    }
}
