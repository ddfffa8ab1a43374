using ForgeNet.Core.Drivers;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Operations;
using ForgeNet.Core.Store;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core;

/// <summary>
/// ForgeNet's engine: networks, sandboxes, their firewall and garbage collection over the store and the kernel. Cheap to
/// open (the database only; netlink sockets open on first use); safe against other processes using the
/// same state directory, and across threads of this one.
/// </summary>
public sealed partial class Engine : IDisposable
{
    private readonly EngineOptions _options;
    private readonly ForgeStore _store;
    private readonly HostNamespace _host;
    private readonly BridgeDriver _bridges;
    private readonly FaultInjector _faults;
    private readonly FirewallManager _firewall;
    private readonly BandwidthShaper _shaper;
    private readonly PolicyCache _policies = new();

    private Engine(EngineOptions options, ForgeStore store)
    {
        _options = options;
        _store = store;
        _host = new HostNamespace(options.HostNamespacePath);
        _bridges = new BridgeDriver(_host, store.InstanceId);
        _faults = new FaultInjector(options.FaultAt, options.CrashAt);
        _shaper = new BandwidthShaper(_host, store.InstanceId);
        // One backend per engine, made inside the host namespace on first use; its libnftables context only when a
        // transaction cannot go direct or something is read back (a forge-cni ADD or DEL needs none).
        _firewall = new FirewallManager(() => NftablesBackend.OpenIn(f => _host.Run(f)));
        _domainEgress = new Lazy<DomainEgress>(CreateDomainEgress);
    }

    /// <summary>Opens the state database (creating and migrating it when needed).</summary>
    public static Engine Open(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);
        return new Engine(options, ForgeStore.Open(options.StateDirectory));
    }

    /// <summary>The random id of this state database, carried in the alias of every link it owns.</summary>
    internal string InstanceId => _store.InstanceId;

    public void Dispose()
    {
        _firewall.Dispose();
        _host.Dispose();
        _store.Dispose();
    }

    private static void ValidateOptions(EngineOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
            throw ForgeException.Invalid("the state directory must be set");
        // An empty prefix would make gc claim every namespace under /run/netns.
        if (options.NamespacePrefix.Length == 0 || options.NamespacePrefix.Contains('/') || options.NamespacePrefix.Contains('\0'))
            throw ForgeException.Invalid($"invalid namespace prefix '{options.NamespacePrefix}': it must be non-empty and contain no '/'");
    }
}
