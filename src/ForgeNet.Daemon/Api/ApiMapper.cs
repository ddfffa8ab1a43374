using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;
using Google.Protobuf.WellKnownTypes;
using V1 = ForgeNet.Api.V1;

namespace ForgeNet.Daemon.Api;

/// <summary>Engine records to API messages (empty strings for absent values, as proto3 has them).</summary>
public static class ApiMapper
{
    /// <summary>The stats handle of an endpoint: its id behind a fixed prefix, so that handles can change meaning later.</summary>
    public const string StatsPrefix = "sandbox/";

    public static V1.VNet ToApi(NetworkInfo n) => new()
    {
        Name = n.Name,
        Id = n.Id,
        Driver = n.Driver,
        Bridge = n.BridgeName,
        Subnet4 = n.Subnet4 ?? "",
        Gateway4 = n.Gateway4 ?? "",
        Subnet6 = n.Subnet6 ?? "",
        Gateway6 = n.Gateway6 ?? "",
        Internal = n.Internal,
        Mtu = n.Mtu,
        Created = Timestamp.FromDateTimeOffset(n.Created),
        EndpointCount = n.EndpointCount,
    };

    public static V1.Endpoint ToApi(SandboxInfo s)
    {
        var endpoint = new V1.Endpoint
        {
            Id = s.Name,
            Uid = s.Id,
            Isolation = s.Isolation.ToPolicyMode().ToName(),
            NamespacePath = s.NamespacePath,
            StatsHandle = StatsPrefix + s.Name,
            PolicyYaml = s.PolicyYaml ?? "",
            Created = Timestamp.FromDateTimeOffset(s.Created),
            OwnerPid = s.OwnerPid ?? 0,
        };
        endpoint.Interfaces.AddRange(s.Endpoints.Select(ToApi));
        foreach (var (key, value) in s.Labels) endpoint.Labels[key] = value;
        return endpoint;
    }

    public static V1.Interface ToApi(EndpointInfo e) => new()
    {
        Network = e.Network,
        Name = e.Interface,
        HostInterface = e.HostInterface,
        Mac = e.Mac,
        Address4 = e.Address4 ?? "",
        Gateway4 = e.Gateway4 ?? "",
        Address6 = e.Address6 ?? "",
        Gateway6 = e.Gateway6 ?? "",
    };

    /// <summary>The API's request as the engine's spec; the policy text is parsed and checked for enforceability.</summary>
    public static SandboxSpec ToSpec(V1.AssignEndpointRequest r, List<string> warnings)
    {
        var policy = ParsePolicy(r.PolicyYaml, $"policy of {r.Id}", warnings);
        return new SandboxSpec(r.Id)
        {
            Networks = [.. r.Networks],
            RequestedAddresses = [.. r.RequestedAddresses],
            Isolation = r.Isolation.Length == 0 ? null : ParseIsolation(r.Isolation),
            Policy = policy,
            NamespacePath = Empty(r.NamespacePath),
            InterfaceName = Empty(r.InterfaceName),
            Mac = Empty(r.Mac),
            ContainerId = Empty(r.ContainerId),
            Labels = new Dictionary<string, string>(r.Labels, StringComparer.Ordinal),
        };
    }

    /// <summary>A policy in YAML, parsed, validated and checked to use only keys ForgeNet enforces; null for empty text.</summary>
    public static NetworkPolicy? ParsePolicy(string yaml, string source, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(yaml)) return null;
        var result = PolicyLoader.Parse(yaml, source);
        warnings.AddRange(result.Warnings.Select(w => w.ToString()));
        PolicyEnforcement.EnsureEnforceable(result.Policy, source);
        return result.Policy;
    }

    private static IsolationMode ParseIsolation(string text)
    {
        var name = text.Trim().ToLowerInvariant() == "none" ? "loopback-only" : text.Trim().ToLowerInvariant();
        if (!PolicyModes.TryParse(name, out var mode))
            throw new Core.Errors.ForgeException(Core.Errors.ErrorKind.InvalidArgument,
                $"unknown isolation mode '{text}' (available: loopback-only, internal, private, peer-only)");
        return IsolationPolicies.FromPolicyMode(mode);
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
