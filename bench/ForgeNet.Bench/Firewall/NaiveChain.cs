using System.Net;
using System.Text;

namespace ForgeNet.Bench.Firewall;

/// <summary>
/// Variant (c): the large policy's CIDRs as a naive linear chain, one rule per CIDR, in a table of the benchmark's own
/// on the bridge forward hook (where peer traffic is filtered). Packets to the server walk every rule until the client's
/// accept; anything else to the server is dropped. ForgeNet's own tables stay in place with the default policy, and its
/// bridge chain (priority -200) runs first: its accept does not end the hook, so this chain (priority 0) still judges.
/// </summary>
internal static class NaiveChain
{
    public const string Table = "fwbnaive";

    /// <summary>The nft script that creates the table (run with `nft -f -` inside the throwaway host namespace).</summary>
    public static string Script(int rules, IPAddress server, IPAddress client)
    {
        var ports = $"{{ {CidrPolicy.IperfPort}, {CidrPolicy.SockperfPort} }}";
        var sb = new StringBuilder(rules * 48 + 512);
        sb.Append("table bridge ").Append(Table).Append(" {\n");
        sb.Append("  chain forward {\n    type filter hook forward priority 0; policy accept;\n");
        sb.Append("    ip daddr ").Append(server).Append(" jump server-in\n  }\n");
        sb.Append("  chain server-in {\n");
        foreach (var address in CidrPolicy.Addresses(rules, variant: 0))
        {
            // Any protocol from these addresses, as the policy's CIDR rules; only the client's rule names ports.
            sb.Append("    ip saddr ").Append(address).Append(" accept\n");
        }
        sb.Append("    ip saddr ").Append(client).Append(" tcp dport ").Append(ports).Append(" accept\n");
        sb.Append("    counter drop\n  }\n}\n");
        return sb.ToString();
    }

    /// <summary>Creates the table; call on a thread inside the throwaway host namespace (the nft process is born there).</summary>
    public static void Add(int rules, IPAddress server, IPAddress client) =>
        Command.Run("nft", ["-f", "-"], Script(rules, server, client));

    /// <summary>Deletes the table if it exists.</summary>
    public static void Delete()
    {
        if (Command.Run("nft", ["list", "tables"]).Contains($"table bridge {Table}", StringComparison.Ordinal))
        {
            Command.Run("nft", ["delete", "table", "bridge", Table]);
        }
    }
}
