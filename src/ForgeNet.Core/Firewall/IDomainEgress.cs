using System.Net;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// What a network's resolver may do for a query from one of its sandboxes, and how it opens the firewall for
/// the addresses of an allowed name. The DNS server consumes this; the engine implements it from the store and
/// the policies in force. Names of sandboxes on the network are answered by the server itself before this is asked.
/// </summary>
public interface IDomainEgress
{
    /// <summary>Decides a query for <paramref name="name"/> (any case, optional trailing dot) from <paramref name="client"/>, an address on <paramref name="network"/>.</summary>
    ResolverDecision Decide(string network, IPAddress client, string name);

    /// <summary>
    /// Puts <paramref name="addresses"/> (the final A/AAAA of <paramref name="name"/>, after any CNAME chain) into the
    /// client's egress sets of every rule whose domain pattern matches <paramref name="name"/>, with a timeout of
    /// <paramref name="ttl"/> clamped to the documented floor and ceiling (30 s to 1 h; never shortening an earlier one).
    /// Loopback, link-local, multicast and reserved addresses and the client's gateway are left out (docs/POLICY.md,
    /// "Egress by domain"). Returns once the kernel has them, so the
    /// resolver sends its answer only after this returns. Throws <see cref="Errors.ForgeException"/> when it cannot.
    /// </summary>
    void Admit(string network, IPAddress client, string name, IReadOnlyList<IPAddress> addresses, TimeSpan ttl);
}
