using System.Net;
using System.Text.Json;
using ForgeNet.Cni.Spec;
using ForgeNet.Core.Policy;

namespace ForgeNet.Cni.Plugin;

/// <summary>Reads "runtimeConfig" (the capabilities a runtime fills in) into a <see cref="RuntimeConfig"/>.</summary>
internal static class RuntimeConfigReader
{
    public static RuntimeConfig Read(JsonElement json)
    {
        var bandwidth = json.TryGetProperty("bandwidth", out var bw) && bw.ValueKind == JsonValueKind.Object ? bw : (JsonElement?)null;
        return new RuntimeConfig
        {
            PortMappings = json.TryGetProperty("portMappings", out var ports) && ports.ValueKind == JsonValueKind.Array
                ? ports.EnumerateArray().Select(PortMappingOf).ToList()
                : [],
            BandwidthIn = bandwidth is { } b1 ? Limit(b1, "ingressRate", "ingressBurst") : null,
            BandwidthOut = bandwidth is { } b2 ? Limit(b2, "egressRate", "egressBurst") : null,
            Ips = NetworkConfig.Strings(json, "ips"),
            Mac = NetworkConfig.Text(json, "mac"),
            Dns = json.TryGetProperty("dns", out var dns) && dns.ValueKind == JsonValueKind.Object
                ? new CniDns
                {
                    Nameservers = NetworkConfig.Strings(dns, "servers"),
                    Search = NetworkConfig.Strings(dns, "searches"),
                    Options = NetworkConfig.Strings(dns, "options"),
                }
                : null,
        };
    }

    // {"hostPort": 8080, "containerPort": 80, "protocol": "tcp", "hostIP": "127.0.0.1"}
    private static PortMapping PortMappingOf(JsonElement json)
    {
        var host = Port(json, "hostPort");
        var container = Port(json, "containerPort");
        var protocol = (NetworkConfig.Text(json, "protocol") ?? "tcp").ToLowerInvariant() switch
        {
            "tcp" => TransportProtocol.Tcp,
            "udp" => TransportProtocol.Udp,
            var other => throw new CniException(CniErrorCode.UnsupportedField, $"runtimeConfig.portMappings: protocol {other} is not supported (tcp, udp)"),
        };
        IPAddress? address = null;
        if (NetworkConfig.Text(json, "hostIP") is { Length: > 0 } text && !IPAddress.TryParse(text, out address))
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"runtimeConfig.portMappings: invalid hostIP '{text}'");
        // 0.0.0.0 and :: mean every address, which a policy says by leaving the address out.
        if (address is not null && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))) address = null;
        try
        {
            return new PortMapping(address, new PortRange(protocol, host), new PortRange(protocol, container));
        }
        catch (ArgumentException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"runtimeConfig.portMappings: {e.Message}");
        }
    }

    private static int Port(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.TryGetInt32(out var port) && port is >= 1 and <= 65535
            ? port
            : throw new CniException(CniErrorCode.InvalidNetworkConfig, $"runtimeConfig.portMappings: {name} must be a port (1-65535)");

    // The bandwidth capability is in bits per second and bits, like the reference bandwidth plugin.
    private static BandwidthLimit? Limit(JsonElement json, string rate, string burst)
    {
        if (!json.TryGetProperty(rate, out var r) || !r.TryGetUInt64(out var bits) || bits == 0) return null;
        ulong? burstBits = json.TryGetProperty(burst, out var b) && b.TryGetUInt64(out var value) && value > 0 ? value : null;
        try
        {
            return new BandwidthLimit(bits, burstBits);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"runtimeConfig.bandwidth: {e.Message}");
        }
    }
}
