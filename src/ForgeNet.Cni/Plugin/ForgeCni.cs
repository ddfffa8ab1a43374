using ForgeNet.Cni.Spec;
using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Plugin;

/// <summary>forge-cni's verbs over the engine: the container becomes a sandbox in the namespace the runtime hands over.</summary>
internal sealed class ForgeCni(CniEnvironment environment, NetworkConfig config)
{
    private string ContainerId => environment.ContainerId!;

    private string IfName => environment.IfName!;

    /// <summary>ADD: the network on first use, then the sandbox; the result merged after prevResult when chained.</summary>
    public CniResult Add()
    {
        if (config.IpamType is not null)
            throw new CniException(CniErrorCode.UnsupportedField, "forge-cni allocates addresses itself: remove the \"ipam\" section (forge-ipam serves other main plugins)");
        using var engine = EngineFactory.Open(config);
        if (engine.FindAttachment(ContainerId, IfName) is { } existing)
            throw new CniException(CniErrorCode.AlreadyAttached,
                $"container {ContainerId} already has interface {IfName} (sandbox {existing.Name}): ADD twice without DEL");
        var network = NetworkEnsurer.Ensure(engine, config);
        var sandbox = engine.CreateSandbox(new SandboxSpec(SandboxNames.For(ContainerId, IfName))
        {
            Networks = [config.Network],
            NamespacePath = environment.Netns,
            InterfaceName = IfName,
            Mac = config.Runtime.Mac,
            ContainerId = ContainerId,
            RequestedAddresses = config.Runtime.Ips,
            Policy = Policy(),
        });
        var result = ResultBuilder.From(sandbox, network, config.Runtime.Dns ?? config.Dns);
        return config.PrevResult is { } previous ? result.MergeAfter(previous) : result;
    }

    /// <summary>DEL: removes the attachment of this network; nothing there (or no namespace any more) is success.</summary>
    public void Del()
    {
        using var engine = EngineFactory.Open(config);
        var sandbox = engine.FindAttachment(ContainerId, IfName);
        if (sandbox is null || sandbox.Endpoints.All(e => e.Network != config.Network)) return;
        try
        {
            engine.RemoveSandbox(sandbox.Name, force: false);
        }
        catch (ForgeException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Removed concurrently (gc): what DEL wanted.
        }
    }

    /// <summary>CHECK: the attachment exists, prevResult matches it, and its kernel state is intact.</summary>
    public void Check()
    {
        var previous = config.PrevResult
            ?? throw new CniException(CniErrorCode.InvalidNetworkConfig, "CHECK needs prevResult (the result of the ADD)");
        using var engine = EngineFactory.Open(config);
        var sandbox = engine.FindAttachment(ContainerId, IfName);
        if (sandbox is null || sandbox.Endpoints.All(e => e.Network != config.Network))
            throw new CniException(CniErrorCode.CheckFailed, $"container {ContainerId} has no interface {IfName} on network {config.Network}");
        var problems = PrevResultCheck.Compare(previous, sandbox, environment).Concat(engine.VerifySandbox(sandbox.Name)).ToList();
        if (problems.Count > 0)
            throw new CniException(CniErrorCode.CheckFailed, $"attachment of container {ContainerId} on {config.Network} is damaged", string.Join("; ", problems));
    }

    /// <summary>GC: releases every sandbox a runtime made on this network whose attachment is not listed as valid.</summary>
    public void Gc()
    {
        var valid = (config.ValidAttachments ?? []).ToHashSet();
        using var engine = EngineFactory.Open(config);
        var errors = new List<string>();
        foreach (var sandbox in engine.ListSandboxes())
        {
            if (sandbox.ContainerId is not { } id || sandbox.Endpoints.Count != 1 || sandbox.Endpoints[0].Network != config.Network) continue;
            if (valid.Contains(new Attachment(id, sandbox.Endpoints[0].Interface))) continue;
            try
            {
                engine.RemoveSandbox(sandbox.Name, force: false);
            }
            catch (ForgeException e) when (e.Kind != ErrorKind.NotFound)
            {
                errors.Add(e.Message);
            }
        }
        if (errors.Count > 0)
            throw new CniException(CniErrorCode.Failed, "gc could not release every stale attachment", string.Join("; ", errors));
    }

    /// <summary>STATUS: ready when the state database opens and the host's netlink answers.</summary>
    public void Status()
    {
        try
        {
            using var engine = EngineFactory.Open(config);
            engine.ListNetworks();
        }
        catch (ForgeException e)
        {
            throw new CniException(CniErrorCode.PluginNotAvailable, "forge-cni is not available", e.Message);
        }
    }

    // The inline policy with the runtime's published ports and bandwidth added.
    private NetworkPolicy? Policy()
    {
        var runtime = config.Runtime;
        var policy = config.Policy;
        if (runtime.PortMappings.Count > 0 || runtime.BandwidthIn is not null || runtime.BandwidthOut is not null)
        {
            policy = (policy ?? new NetworkPolicy { Mode = PolicyMode.Internal }) with
            {
                Ports = new EquatableArray<PortMapping>([.. (policy?.Ports ?? []), .. runtime.PortMappings]),
            };
            policy = policy with
            {
                Limits = policy.Limits with
                {
                    BandwidthIn = runtime.BandwidthIn ?? policy.Limits.BandwidthIn,
                    BandwidthOut = runtime.BandwidthOut ?? policy.Limits.BandwidthOut,
                },
            };
        }
        if (policy is null) return null;
        try
        {
            policy.Validate(InlinePolicy.SourceName);
        }
        catch (PolicyException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, e.Message);
        }
        if (PolicyEnforcement.Unenforced(policy) is { Count: > 0 } missing)
            throw new CniException(CniErrorCode.UnsupportedField, $"not enforced yet, so refused rather than ignored: {string.Join("; ", missing)}");
        return policy;
    }
}
