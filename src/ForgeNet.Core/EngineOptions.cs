namespace ForgeNet.Core;

/// <summary>Where the engine keeps state and which namespaces it works in.</summary>
public sealed record EngineOptions
{
    /// <summary>Directory of the SQLite state database (created 0700 if missing).</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Namespace that plays "the host" (bridges live there); null = the namespace the process runs in.</summary>
    public string? HostNamespacePath { get; init; }

    /// <summary>Sandbox namespaces are /run/netns/&lt;prefix&gt;&lt;sandbox name&gt;; gc owns every namespace with this prefix.</summary>
    public string NamespacePrefix { get; init; } = "forge-";

    /// <summary>
    /// Fault injection for tests: makes CreateSandbox throw ForgeException(Internal, "injected fault at STEP")
    /// right AFTER the named step completed, so the undo of that step runs. Steps, in order: "store" (records
    /// and allocations written), "firewall" (the endpoints' nftables chains applied), "netns" (namespace made, lo up), then per network N: "veth:N" (veth pair made),
    /// "address:N" (addresses added), "route:N" (default routes added, or skipped for an internal network),
    /// "bandwidth" (limits.bandwidth in tc: the veths' TBFs and the ifbs; passed also without limits), and finally "ready" (state set to ready).
    /// </summary>
    public string? FaultAt { get; init; }

    /// <summary>Like <see cref="FaultAt"/>, but the process SIGKILLs itself at that step (to test gc after a crash).</summary>
    public string? CrashAt { get; init; }

    /// <summary>Ports a Linux bridge takes (BR_MAX_PORTS is 1024, one is never handed out); lowered by tests.</summary>
    internal int MaxBridgePorts { get; init; } = 1023;

    /// <summary>Floor and ceiling of the timeouts of addresses learnt from DNS answers; tests lower the floor.</summary>
    internal Firewall.DomainTimeouts DomainTimeouts { get; init; } = Firewall.DomainTimeouts.Default;

    /// <summary>Reads FORGENET_STATE_DIR (default /var/lib/forgenet), FORGENET_HOST_NETNS, FORGENET_NETNS_PREFIX, FORGENET_FAULT_AT, FORGENET_CRASH_AT.</summary>
    public static EngineOptions FromEnvironment() => new()
    {
        StateDirectory = Variable("FORGENET_STATE_DIR") ?? "/var/lib/forgenet",
        HostNamespacePath = Variable("FORGENET_HOST_NETNS"),
        NamespacePrefix = Variable("FORGENET_NETNS_PREFIX") ?? "forge-",
        FaultAt = Variable("FORGENET_FAULT_AT"),
        CrashAt = Variable("FORGENET_CRASH_AT"),
    };

    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
