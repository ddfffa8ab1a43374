using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Operations;
using ForgeNet.Kernel.Netlink;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    /// <summary>
    /// Compares a sandbox's kernel state with its records (CNI CHECK): the namespace, each endpoint's bridge, host
    /// veth (up, on the bridge), the interface inside (up, its MAC, its addresses) and its firewall chains.
    /// Returns what is missing or wrong; empty when all is in place. NotFound when there is no such sandbox.
    /// </summary>
    public IReadOnlyList<string> VerifySandbox(string name)
    {
        var context = $"verify sandbox {name}";
        try
        {
            Names.Validate("sandbox", name);
            var (record, endpoints, networks) = _store.Read(() =>
            {
                var found = _store.FindSandbox(name) ?? throw ForgeException.NotFound($"sandbox {name} not found");
                return (found, _store.EndpointsOf(found.Id), _store.AllNetworks().ToDictionary(n => n.Id));
            });
            using var ns = TryOpenNamespace(record);
            if (ns is null) return [$"namespace {record.Namespace} is gone"];
            using var netlink = KernelErrors.Do($"open netlink in {record.Namespace}", () => ns.Run(RtNetlink.Open));
            var problems = new List<string>();
            foreach (var endpoint in endpoints)
            {
                VerifyHostSide(endpoint, networks[endpoint.NetworkId], problems);
                VerifySandboxSide(netlink, endpoint, problems);
            }
            var chained = endpoints.Count == 0 ? [] : KernelErrors.Do("list firewall chains", _firewall.PortsWithChains);
            problems.AddRange(endpoints.Where(e => !chained.Contains(e.HostInterface)).Select(e => $"firewall chains of {e.HostInterface} are missing"));
            return problems;
        }
        catch (Exception e)
        {
            throw KernelErrors.Wrap(context, e);
        }
    }

    private void VerifyHostSide(EndpointRecord endpoint, NetworkRecord network, List<string> problems)
    {
        var bridge = KernelErrors.Do($"look up {network.Bridge}", () => _host.Netlink.GetLink(network.Bridge));
        var veth = KernelErrors.Do($"look up {endpoint.HostInterface}", () => _host.Netlink.GetLink(endpoint.HostInterface));
        if (bridge is null) problems.Add($"bridge {network.Bridge} of network {network.Name} is missing");
        if (veth is null)
            problems.Add($"host veth {endpoint.HostInterface} is missing");
        else if (!veth.IsUp)
            problems.Add($"host veth {endpoint.HostInterface} is down");
        else if (bridge is not null && veth.MasterIndex != bridge.Index)
            problems.Add($"host veth {endpoint.HostInterface} is not on bridge {network.Bridge}");
    }

    private static void VerifySandboxSide(RtNetlink netlink, EndpointRecord endpoint, List<string> problems)
    {
        var link = KernelErrors.Do($"look up {endpoint.Interface}", () => netlink.GetLink(endpoint.Interface));
        if (link is null)
        {
            problems.Add($"interface {endpoint.Interface} is missing in the sandbox");
            return;
        }
        if (!link.IsUp) problems.Add($"interface {endpoint.Interface} is down");
        if (link.Mac is { } mac && Names.FormatMac(mac) != endpoint.Mac)
            problems.Add($"interface {endpoint.Interface} has MAC {Names.FormatMac(mac)}, not {endpoint.Mac}");
        var present = KernelErrors.Do($"list addresses of {endpoint.Interface}", () => netlink.ListAddresses(AddressFamily.Unspecified, link.Index))
            .Select(a => a.Address).ToHashSet();
        foreach (var address in new[] { endpoint.Address4, endpoint.Address6 }.OfType<Kernel.IpPrefix>())
        {
            if (!present.Contains(address)) problems.Add($"address {address} is missing on {endpoint.Interface}");
        }
    }
}
