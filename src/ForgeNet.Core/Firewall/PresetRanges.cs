using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Firewall;

/// <summary>The addresses an egress preset allows on this host: its ranges without its denied ones, the host's own addresses and ForgeNet's subnets.</summary>
internal static class PresetRanges
{
    public static (AddressRanges V4, AddressRanges V6) Of(EgressPreset preset, FirewallInputs inputs)
    {
        var allowed = EndpointPlan.Ranges(preset.Allowed.Select(ToPrefix));
        var denied = preset.Denied.Select(ToPrefix).ToList();
        if (preset.DeniesHostAddresses)
            denied.AddRange(inputs.HostAddresses.Select(EndpointPlan.Host));
        if (preset.DeniesSandboxNetworks)
            denied.AddRange(inputs.NetworkSubnets);
        var cut = EndpointPlan.Ranges(denied);
        return (allowed.V4.Except(cut.V4), allowed.V6.Except(cut.V6));
    }

    private static IpPrefix ToPrefix(IPNetwork network) => new(network.BaseAddress, network.PrefixLength);
}
