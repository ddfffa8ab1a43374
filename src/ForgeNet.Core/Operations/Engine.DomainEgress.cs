using ForgeNet.Core.Firewall;

namespace ForgeNet.Core;

public sealed partial class Engine
{
    private readonly Lazy<DomainEgress> _domainEgress;

    /// <summary>
    /// What the networks' resolvers may answer and which addresses they open (docs/POLICY.md, "Egress by domain"), from
    /// this engine's store and firewall. One per engine; thread-safe; it notices other processes' changes to the store.
    /// </summary>
    public IDomainEgress DomainEgress => _domainEgress.Value;

    private DomainEgress CreateDomainEgress()
    {
        var directory = new DomainDirectory(
            () => _store.TryChangeStamp(),
            () => _store.ChangeStamp(),
            () => _store.Read(() => AllFirewallEndpoints(readyOnly: false, exclude: null)));
        return new DomainEgress(directory, _firewall.Apply, _options.DomainTimeouts, TimeProvider.System);
    }
}
