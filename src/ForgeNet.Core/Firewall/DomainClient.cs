namespace ForgeNet.Core.Firewall;

/// <summary>A resolver's client as the firewall knows it: the sandbox's endpoint on the network, and its policy's domain rules.</summary>
internal sealed record DomainClient(FirewallEndpoint Endpoint, IReadOnlyList<DomainRule> Rules);
