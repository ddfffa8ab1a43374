using System.Net;

namespace ForgeNet.Dns.Hosting;

/// <summary>The host's resolvers, the default upstreams.</summary>
public static class ResolvConf
{
    /// <summary>The <c>nameserver</c> lines of <paramref name="path"/> as port-53 endpoints; empty when the file is missing.</summary>
    public static IReadOnlyList<IPEndPoint> Nameservers(string path = "/etc/resolv.conf")
    {
        if (!File.Exists(path)) return [];
        return File.ReadLines(path)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length >= 2 && words[0] == "nameserver")
            .Select(words => IPAddress.TryParse(words[1].Split('%')[0], out var address) ? new IPEndPoint(address, 53) : null)
            .OfType<IPEndPoint>()
            .ToList();
    }
}
