using ForgeNet.Cni.Spec;
using ForgeNet.Core;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Model;

namespace ForgeNet.Cni.Plugin;

/// <summary>
/// forge-ipam: addresses from a pool in ForgeNet's store for another main plugin (e.g. the reference bridge).
/// ADD leases and returns ips/routes/dns (no interfaces), DEL releases, CHECK verifies the lease, GC frees the
/// leases no valid attachment holds.
/// </summary>
internal sealed class ForgeIpam(CniEnvironment environment, NetworkConfig config)
{
    /// <summary>Runs the verb; ADD's result, null for the others.</summary>
    public CniResult? Run()
    {
        using var engine = EngineFactory.Open(config);
        switch (environment.Command)
        {
            case CniCommand.Add: return Add(engine);
            case CniCommand.Del: engine.ReleaseAddresses(config.Network, environment.ContainerId!, environment.IfName!); return null;
            case CniCommand.Check: Check(engine); return null;
            case CniCommand.Gc: Gc(engine); return null;
            default: Status(engine); return null;
        }
    }

    private CniResult Add(Engine engine)
    {
        var lease = engine.LeaseAddresses(new IpamRequest(config.Network, environment.ContainerId!, environment.IfName!)
        {
            Subnets = config.Subnets,
            RequestedAddresses = config.Runtime.Ips,
        });
        var ips = new List<CniIpConfig>();
        if (lease.Address4 is { } a4) ips.Add(new CniIpConfig(a4, lease.Gateway4));
        if (lease.Address6 is { } a6) ips.Add(new CniIpConfig(a6, lease.Gateway6));
        return new CniResult { Ips = ips, Routes = config.Routes, Dns = config.Runtime.Dns ?? config.Dns };
    }

    private void Check(Engine engine)
    {
        var lease = engine.FindLease(config.Network, environment.ContainerId!, environment.IfName!)
            ?? throw new CniException(CniErrorCode.CheckFailed, $"container {environment.ContainerId} holds no addresses for {environment.IfName} in pool {config.Network}");
        if (config.PrevResult is not { } previous) return;
        var held = new[] { lease.Address4, lease.Address6 }.OfType<string>().ToList();
        var missing = held.Where(a => previous.Ips.All(ip => ip.Address != a)).ToList();
        if (missing.Count > 0)
            throw new CniException(CniErrorCode.CheckFailed, "prevResult lacks addresses the lease holds", string.Join(", ", missing));
    }

    private void Gc(Engine engine)
    {
        var valid = (config.ValidAttachments ?? []).ToHashSet();
        foreach (var lease in engine.ListLeases(config.Network))
        {
            if (!valid.Contains(new Attachment(lease.ContainerId, lease.IfName)))
                engine.ReleaseAddresses(config.Network, lease.ContainerId, lease.IfName);
        }
    }

    private static void Status(Engine engine)
    {
        try
        {
            engine.ListNetworks();
        }
        catch (ForgeException e)
        {
            throw new CniException(CniErrorCode.PluginNotAvailable, "forge-ipam is not available", e.Message);
        }
    }
}
