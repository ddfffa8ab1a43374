using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Cli.Remote;

/// <summary>API messages as the engine's records, and a sandbox spec as an AssignEndpoint request.</summary>
public static class ApiRecords
{
    public static NetworkInfo ToNetwork(V1.VNet n) => new(n.Name, n.Id, n.Driver, n.Bridge,
        Null(n.Subnet4), Null(n.Gateway4), Null(n.Subnet6), Null(n.Gateway6), n.Internal, n.Mtu, n.Created.ToDateTimeOffset(), n.EndpointCount);

    public static SandboxInfo ToSandbox(V1.Endpoint e) => new(e.Id, e.Uid, IsolationModes.Parse(e.Isolation), e.NamespacePath,
        e.Created.ToDateTimeOffset(), e.OwnerPid == 0 ? null : e.OwnerPid,
        e.Interfaces.Select(i => new EndpointInfo(i.Network, i.Name, i.HostInterface, i.Mac,
            Null(i.Address4), Null(i.Gateway4), Null(i.Address6), Null(i.Gateway6))).ToList())
    {
        PolicyYaml = Null(e.PolicyYaml),
        Labels = new Dictionary<string, string>(e.Labels, StringComparer.Ordinal),
    };

    /// <summary>What <c>forge sandbox create</c> asks for: exclusive, so an existing name is a conflict as in-process.</summary>
    public static V1.AssignEndpointRequest ToRequest(SandboxSpec spec)
    {
        if (spec.OwnerPid is not null)
            throw new UsageException("a sandbox owned by a process (forge run) is made in-process, not by the daemon");
        var request = new V1.AssignEndpointRequest
        {
            Id = spec.Name,
            Isolation = spec.Isolation is { } mode ? IsolationModes.Name(mode) : "",
            PolicyYaml = spec.Policy is { } policy ? PolicyFormatter.Format(policy) : "",
            NamespacePath = spec.NamespacePath ?? "",
            InterfaceName = spec.InterfaceName ?? "",
            Mac = spec.Mac ?? "",
            ContainerId = spec.ContainerId ?? "",
            Exclusive = true,
        };
        request.Networks.AddRange(spec.Networks);
        request.RequestedAddresses.AddRange(spec.RequestedAddresses);
        foreach (var (key, value) in spec.Labels) request.Labels[key] = value;
        return request;
    }

    private static string? Null(string text) => text.Length == 0 ? null : text;
}
