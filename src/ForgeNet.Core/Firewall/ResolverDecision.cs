namespace ForgeNet.Core.Firewall;

/// <summary>The answer of <see cref="IDomainEgress.Decide"/> for one query.</summary>
public enum ResolverDecision
{
    /// <summary>Refused (RCODE 5) and counted, never forwarded: an unknown client, a name the policy does not allow, or any outside name on a network with no route out.</summary>
    Refuse,

    /// <summary>Forward upstream and answer; the policy has no domain rules and the network has a route out, so addresses are judged by the CIDR rules.</summary>
    Forward,

    /// <summary>Forward upstream, then call <see cref="IDomainEgress.Admit"/> with the resolved addresses before answering.</summary>
    AllowedDomain,
}
