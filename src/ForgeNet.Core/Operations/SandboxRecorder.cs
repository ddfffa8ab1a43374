using System.Net;
using ForgeNet.Core.Errors;
using ForgeNet.Core.Ipam;
using ForgeNet.Core.Model;
using ForgeNet.Core.Store;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Operations;

/// <summary>
/// Writes a new sandbox's records. Call inside <see cref="ForgeStore.Write{T}"/>: addresses are chosen and
/// recorded in the same transaction, so two processes can never hand out one address twice.
/// </summary>
internal static class SandboxRecorder
{
    /// <summary>Inserts the sandbox, its endpoints and allocations; returns the endpoints with their networks.</summary>
    public static List<(EndpointRecord Endpoint, NetworkRecord Network)> Record(
        ForgeStore store, SandboxRecord sandbox, IReadOnlyList<AttachmentPlan> attachments, int maxBridgePorts)
    {
        if (store.FindSandbox(sandbox.Name) is not null)
            throw ForgeException.Exists($"sandbox {sandbox.Name} already exists");
        if (sandbox.ContainerId is { } containerId)
            CheckAttachmentsFree(store, containerId, attachments.Select(a => a.Interface ?? Names.SandboxInterface(a.Position)).ToList());
        store.InsertSandbox(sandbox);
        store.InsertLabels(sandbox.Id, sandbox.Labels);
        var endpoints = new List<(EndpointRecord, NetworkRecord)>(attachments.Count);
        foreach (var attachment in attachments)
        {
            var network = store.FindNetwork(attachment.Network)
                ?? throw ForgeException.NotFound($"network {attachment.Network} not found");
            if (store.EndpointCount(network.Id) >= maxBridgePorts)
                throw ForgeException.Exhausted($"network {network.Name} is full: a Linux bridge holds at most {maxBridgePorts} ports");
            var endpoint = NewEndpoint(store, sandbox, network, attachment);
            store.InsertEndpoint(endpoint);
            endpoints.Add((endpoint, network));
        }
        return endpoints;
    }

    // CNI: container id and interface name name one attachment; a second ADD for them is an error.
    private static void CheckAttachmentsFree(ForgeStore store, string containerId, List<string> interfaces)
    {
        foreach (var other in store.SandboxesOfContainer(containerId))
        {
            if (store.EndpointsOf(other.Id).FirstOrDefault(e => interfaces.Contains(e.Interface)) is { } taken)
                throw ForgeException.Exists($"container {containerId} already has interface {taken.Interface} (sandbox {other.Name})");
        }
    }

    private static EndpointRecord NewEndpoint(ForgeStore store, SandboxRecord sandbox, NetworkRecord network, AttachmentPlan attachment)
    {
        var used = store.UsedAddresses(network.Id);
        var hostInterface = Names.NewHostInterface();
        return new EndpointRecord(sandbox.Id, network.Id, attachment.Position,
            attachment.Interface ?? Names.SandboxInterface(attachment.Position), hostInterface,
            attachment.Mac ?? Names.FormatMac(Names.Mac(hostInterface)),
            Address(network.Subnet4, attachment.Requested4, sandbox.Name, network, used),
            Address(network.Subnet6, attachment.Requested6, sandbox.Name, network, used));
    }

    private static IpPrefix? Address(IpPrefix? subnet, IPAddress? requested, string key, NetworkRecord network, IReadOnlySet<IPAddress> used)
    {
        if (subnet is null) return null;
        var range = new SubnetRange(subnet.Value);
        if (requested is not null)
        {
            AddressAllocator.CheckRequested(range, requested, network.Name, used);
            return range.WithLength(requested);
        }
        return range.WithLength(AddressAllocator.Allocate(range, key, network.Id, network.Name, used));
    }
}
