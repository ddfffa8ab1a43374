using System.Net;
using System.Net.Sockets;
using ForgeNet.Core.Model;
using ForgeNet.Dns.Wire;
using ForgeNet.Kernel;

namespace ForgeNet.Dns.Zone;

/// <summary>
/// The names of one network's sandboxes at one moment (immutable): <c>NAME</c> and <c>NAME.&lt;network domain&gt;</c>
/// to their addresses, and PTR records for addresses in the network's subnets. The server swaps in a new one when the
/// store changes.
/// </summary>
public sealed class LocalZone
{
    private readonly Dictionary<string, List<IPAddress>> _names;
    private readonly Dictionary<IPAddress, string> _reverse;
    private readonly IpPrefix[] _subnets;

    /// <summary>Makes the zone of <paramref name="network"/> from its sandboxes' names and addresses.</summary>
    public LocalZone(string network, IEnumerable<IpPrefix> subnets, IEnumerable<(string Name, IPAddress Address)> hosts)
    {
        Network = network;
        Domain = NetworkDomain.Of(network);
        _subnets = subnets.ToArray();
        _names = new(StringComparer.Ordinal);
        _reverse = [];
        foreach (var (name, address) in hosts)
        {
            var key = name.ToLowerInvariant();
            if (!_names.TryGetValue(key, out var list)) _names[key] = list = [];
            list.Add(address);
            _reverse[address] = $"{key}.{Domain}";
        }
    }

    public string Network { get; }

    /// <summary>The network's domain, e.g. "net0.forge.internal".</summary>
    public string Domain { get; }

    /// <summary>Looks <paramref name="name"/> (text form) up for <paramref name="type"/>; records go into <paramref name="answers"/>.</summary>
    public LocalResult Lookup(string name, ushort type, List<(ushort Type, byte[] Data)> answers)
    {
        if (name == Domain) return LocalResult.NoData;
        string host;
        if (name.EndsWith(Domain, StringComparison.Ordinal) && name.Length > Domain.Length && name[^(Domain.Length + 1)] == '.')
            host = name[..^(Domain.Length + 1)];
        else if (!name.Contains('.'))
            host = name;
        else
            return Reverse(name, type, answers);
        if (!_names.TryGetValue(host, out var addresses))
            return host == name ? LocalResult.NotLocal : LocalResult.NxDomain;
        foreach (var address in addresses)
        {
            var wanted = address.AddressFamily == AddressFamily.InterNetwork ? DnsType.A : DnsType.Aaaa;
            if (type == wanted) answers.Add((type, address.GetAddressBytes()));
        }
        return answers.Count > 0 ? LocalResult.Answer : LocalResult.NoData;
    }

    private LocalResult Reverse(string name, ushort type, List<(ushort Type, byte[] Data)> answers)
    {
        if (!ReverseName.TryParse(name, out var address) || !_subnets.Any(s => Contains(s, address))) return LocalResult.NotLocal;
        if (!_reverse.TryGetValue(address, out var target)) return LocalResult.NxDomain;
        if (type != DnsType.Ptr) return LocalResult.NoData;
        var data = new byte[DnsName.MaxLength];
        if (!DnsName.TryEncode(target, data, out var length)) return LocalResult.NoData;
        answers.Add((DnsType.Ptr, data[..length]));
        return LocalResult.Answer;
    }

    private static bool Contains(IpPrefix subnet, IPAddress address) =>
        subnet.Family == address.AddressFamily && subnet.Network.Contains(address);
}
