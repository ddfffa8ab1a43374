using System.Net;
using ForgeNet.Core.Firewall;
using ForgeNet.Core.Policy;
using ForgeNet.Kernel;

namespace ForgeNet.Core.Tests.Firewall;

/// <summary>Fixed networks, endpoints and policies for compiler tests: the same inputs give the same golden dump.</summary>
internal static class FirewallSamples
{
    public static FirewallNetwork Net0 { get; } = new("net0id", "net0", "fn-0a0a0a0a", "02:0a:0a:0a:0a:0a",
        IpPrefix.Parse("10.89.0.0/24"), IPAddress.Parse("10.89.0.1"), IpPrefix.Parse("fd00:89::/64"), IPAddress.Parse("fd00:89::1"), Internal: false);

    public static FirewallNetwork Net1 { get; } = new("net1id", "net1", "fn-1b1b1b1b", "02:1b:1b:1b:1b:1b",
        IpPrefix.Parse("10.89.1.0/24"), IPAddress.Parse("10.89.1.1"), null, null, Internal: true);

    /// <summary>Inputs as the engine makes them: the peers the endpoints' policies name, with those endpoints' addresses.</summary>
    public static FirewallInputs Inputs(params FirewallEndpoint[] endpoints)
    {
        var named = endpoints.SelectMany(e => e.Policy.Ingress.Concat(e.Policy.Egress)).SelectMany(r => r.Peers)
            .Where(p => p.Name is not null).Select(p => p.Name!).ToHashSet(StringComparer.Ordinal);
        return new(endpoints, [IPAddress.Parse("192.168.7.2"), IPAddress.Parse("10.89.0.1")], [.. Net0.Subnets, .. Net1.Subnets])
        {
            ReferencedPeers = named,
            PeerAddresses = named.ToDictionary(n => n, n => (IReadOnlyList<IPAddress>)[.. endpoints.Where(e => e.SandboxName == n)
                .SelectMany(e => e.AddressesOf(System.Net.Sockets.AddressFamily.InterNetwork).Concat(e.Addresses6))], StringComparer.Ordinal),
        };
    }

    public static NetworkPolicy Parse(string yaml) => PolicyLoader.Parse(yaml, "test.yaml").Policy;

    public static NetworkPolicy Internal { get; } = new() { Mode = PolicyMode.Internal };

    /// <summary>Endpoint "web" on net0: 10.89.0.5, fd00:89::5.</summary>
    public static FirewallEndpoint Web(NetworkPolicy? policy = null) =>
        new("webid", "web", "fv0000000001", "02:00:00:00:00:01", IPAddress.Parse("10.89.0.5"), IPAddress.Parse("fd00:89::5"), Net0, policy ?? Internal);

    /// <summary>Endpoint "db" on net0: 10.89.0.6, fd00:89::6.</summary>
    public static FirewallEndpoint Db(NetworkPolicy? policy = null) =>
        new("dbid", "db", "fv0000000002", "02:00:00:00:00:02", IPAddress.Parse("10.89.0.6"), IPAddress.Parse("fd00:89::6"), Net0, policy ?? Internal);

    /// <summary>Endpoint "job" on net1 (IPv4 only): 10.89.1.7.</summary>
    public static FirewallEndpoint Job(NetworkPolicy? policy = null) =>
        new("jobid", "job", "fv0000000003", "02:00:00:00:00:03", IPAddress.Parse("10.89.1.7"), null, Net1, policy ?? Internal);

    /// <summary>Endpoint "app" on net0: 10.89.0.8, fd00:89::8.</summary>
    public static FirewallEndpoint App(NetworkPolicy? policy = null) =>
        new("appid", "app", "fv0000000004", "02:00:00:00:00:04", IPAddress.Parse("10.89.0.8"), IPAddress.Parse("fd00:89::8"), Net0, policy ?? Internal);

    public const string PrivateYaml = """
        version: 1
        mode: private
        dns: true
        egress: public-internet
        ports:
          - 8080:80/tcp
          - 127.0.0.1:9090:9090/tcp
          - "[::1]:9091:9091/tcp"
          - 8000-8002:9000-9002/udp
          - 7000-7001:7000-7001/tcp
        ingress:
          - from: [{peer: web}]
            ports: [22/tcp]
          - description: "twenty offices"
            from: [198.51.100.0/28, 198.51.100.32/28, 198.51.100.64/28, 198.51.100.96/28, 198.51.100.128/28,
                   198.51.100.160/28, 198.51.100.192/28, 198.51.100.224/28, 203.0.113.0/28, 203.0.113.32/28,
                   203.0.113.64/28, 203.0.113.96/28, 203.0.113.128/28, 203.0.113.160/28, 203.0.113.192/28,
                   203.0.113.224/28, 192.0.2.0/28, 192.0.2.32/28, 192.0.2.64/28, 192.0.2.96/28]
            ports: [443/tcp]
        limits:
          connections: {rate: 50/second, burst: 20}
          packets: 20000/minute
        """;

    public const string PeerOnlyYaml = """
        version: 1
        mode: peer-only
        ingress:
          - description: "web calls the database"
            from: [{peer: web}]
            ports: [5432/tcp]
            icmp: [echo-request]
        egress:
          - to: [{peer: web}]
            ports: [53/udp]
        """;

    public const string InternalWithRulesYaml = """
        version: 1
        mode: internal
        dns: true
        ingress:
          - description: "Prometheus on the host"
            from: [{cidr: 10.89.0.1/32}]
            ports: [9100/tcp]
        egress:
          - description: "host web"
            to: [10.89.0.1, "fd00:89::1"]
            ports: [80/tcp, 443/tcp, 8000-8100/tcp]
          - description: "any ping"
            icmp: [echo-request]
            icmpv6: [echo-request]
        """;
}
