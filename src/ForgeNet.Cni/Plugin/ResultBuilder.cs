using ForgeNet.Cni.Spec;
using ForgeNet.Core.Model;

namespace ForgeNet.Cni.Plugin;

/// <summary>The ADD result of a sandbox: bridge, host veth and container interface, addresses, default routes, DNS.</summary>
internal static class ResultBuilder
{
    public static CniResult From(SandboxInfo sandbox, NetworkInfo network, CniDns dns)
    {
        var endpoint = sandbox.Endpoints.Single();
        var interfaces = new List<CniInterface>
        {
            new(network.BridgeName) { Mtu = network.Mtu },
            new(endpoint.HostInterface) { Mtu = network.Mtu },
            new(endpoint.Interface, endpoint.Mac, sandbox.NamespacePath) { Mtu = network.Mtu },
        };
        const int container = 2;
        var ips = new List<CniIpConfig>();
        if (endpoint.Address4 is { } a4) ips.Add(new CniIpConfig(a4, endpoint.Gateway4, container));
        if (endpoint.Address6 is { } a6) ips.Add(new CniIpConfig(a6, endpoint.Gateway6, container));
        var routes = new List<CniRoute>();
        if (!network.Internal)
        {
            if (endpoint.Gateway4 is { } g4) routes.Add(new CniRoute("0.0.0.0/0", g4));
            if (endpoint.Gateway6 is { } g6) routes.Add(new CniRoute("::/0", g6));
        }
        return new CniResult { Interfaces = interfaces, Ips = ips, Routes = routes, Dns = dns };
    }
}
