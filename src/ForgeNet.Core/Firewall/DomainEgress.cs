using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>
/// The engine's <see cref="IDomainEgress"/>: decides queries from the policy of the sandbox that sent them, and admits
/// the addresses of allowed names to that sandbox's domain sets with one nf_tables batch (docs/POLICY.md, "Egress by
/// domain"). Thread-safe; made by <see cref="Engine.DomainEgress"/>.
/// </summary>
internal sealed class DomainEgress(DomainDirectory directory, Action<NftTransaction> apply, DomainTimeouts timeouts, TimeProvider time) : IDomainEgress
{
    private readonly AdmittedAddresses _admitted = new(time);

    /// <summary>
    /// Addresses no answer opens, whatever the name: a name anyone can point anywhere (a wildcard under a domain
    /// that hands out subdomains) must not reach the host's loopback, link-local services such as the cloud metadata
    /// address 169.254.169.254, multicast or reserved space. The client's gateway (the host) is refused too.
    /// </summary>
    private static readonly IPNetwork[] NeverAdmitted = [.. new[]
    {
        "0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fe80::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    public ResolverDecision Decide(string network, IPAddress client, string name)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(name);
        DomainClient? found;
        try
        {
            found = directory.Find(network, client);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            throw Operations.KernelErrors.Wrap($"decide a query for {name} from {client} on network {network}", e);
        }
        if (found is null) return ResolverDecision.Refuse;
        var policy = found.Endpoint.Policy;
        if (!policy.Dns.ResolverAllowed) return ResolverDecision.Refuse;
        if (found.Rules.Count > 0) return found.Rules.Any(r => r.Matches(name)) ? ResolverDecision.AllowedDomain : ResolverDecision.Refuse;
        return policy.Mode == PolicyMode.Private && !found.Endpoint.Network.Internal ? ResolverDecision.Forward : ResolverDecision.Refuse;
    }

    public void Admit(string network, IPAddress client, string name, IReadOnlyList<IPAddress> addresses, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(addresses);
        var context = $"admit the addresses of {name} for {client} on network {network}";
        if (addresses.Count == 0) return;
        try
        {
            try
            {
                AdmitOnce(network, client, name, addresses, ttl);
            }
            catch (NftablesException)
            {
                // The store changed since it was read (a new policy renamed the sets), or our tables are being rebuilt: read again, once.
                directory.Invalidate();
                AdmitOnce(network, client, name, addresses, ttl);
            }
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            // The backend opening (netlink, libnftables) or the store failing: one ForgeException with the context.
            throw Operations.KernelErrors.Wrap(context, e);
        }
    }

    private void AdmitOnce(string network, IPAddress client, string name, IReadOnlyList<IPAddress> addresses, TimeSpan ttl)
    {
        var found = directory.Find(network, client) ?? throw ForgeException.NotFound($"no sandbox has the address {client} on network {network}");
        var rules = found.Rules.Where(r => r.Matches(name)).DistinctBy(r => r.ContentHash).ToList();
        if (rules.Count == 0)
            throw ForgeException.Invalid($"the policy of sandbox {found.Endpoint.SandboxName} allows no egress to {name}");
        var timeout = timeouts.Clamp(ttl);
        var since = time.GetTimestamp();
        var tx = new NftTransaction();
        var written = new List<(string Set, IPAddress Address, TimeSpan Timeout)>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var ofFamily = addresses.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
                .Where(a => a.AddressFamily == family && Admissible(a, found.Endpoint)).Distinct().ToList();
            if (ofFamily.Count == 0) continue;
            foreach (var set in rules.Select(r => r.SetName(found.Endpoint.Port, family)))
            {
                var elements = ofFamily.Select(a => (Address: a, Timeout: _admitted.Extend(set, a, timeout))).ToList();
                // The kernel leaves an element's expiry alone when it is added again with the same timeout: make sure it
                // exists (no timeout given: no update), delete it and add it afresh, in the one batch.
                NftElement[] keys = [.. elements.Select(e => new NftElement(NftValue.Address(e.Address)))];
                tx.AddElements(FirewallNames.Inet, set, keys).DeleteElements(FirewallNames.Inet, set, keys)
                    .AddElements(FirewallNames.Inet, set, [.. elements.Select(e => FirewallCompiler.DomainElement(e.Address, e.Timeout))]);
                written.AddRange(elements.Select(e => (set, e.Address, e.Timeout)));
            }
        }
        if (tx.IsEmpty) return;
        apply(tx);
        foreach (var (set, address, t) in written) _admitted.Admitted(set, address, t, since);
    }

    /// <summary>False for addresses in <see cref="NeverAdmitted"/> and for the client's own gateway.</summary>
    internal static bool Admissible(IPAddress address, FirewallEndpoint client) =>
        !NeverAdmitted.Any(n => n.Contains(address)) && !client.Network.Gateways.Contains(address);
}
