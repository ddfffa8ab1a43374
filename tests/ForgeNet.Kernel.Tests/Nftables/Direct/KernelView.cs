using System.Text;
using System.Text.RegularExpressions;
using ForgeNet.Kernel.Netlink.Protocol;
using ForgeNet.Kernel.Netlink.Transport;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// What the kernel holds for a table, in two exact forms: nft's netlink debug listing (every rule's expressions and
/// user data, every set's elements, byte for byte) and every set's attributes as the kernel dumps them (flags, types,
/// lengths, user data). Two tables built the same way through different paths must look the same here.
/// </summary>
internal static partial class KernelView
{
    public static string Of(TestNetns ns, NftTable table) =>
        Normalise(ns.Exec("nft", "--debug=netlink", "list", "table", NftNames.Of(table.Family), table.Name))
        + "\n--- sets ---\n" + string.Join("\n", ns.Run(() => DumpSets(table)));

    // Handles count every object a table ever had, so two paths that made a different number of anonymous sets differ
    // there only. A hash set lists its elements in the order of a per-set random seed: sort each set's element lines.
    private static string Normalise(string listing)
    {
        var lines = Expires().Replace(HandleLine().Replace(listing, m => m.Groups[1].Value), "expires …").Split('\n');
        var result = new List<string>();
        var elements = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("\telement ", StringComparison.Ordinal))
            {
                elements.Add(line);
                continue;
            }
            result.AddRange(elements.Order(StringComparer.Ordinal));
            elements.Clear();
            result.Add(line);
        }
        result.AddRange(elements.Order(StringComparer.Ordinal));
        return string.Join('\n', result);
    }

    [GeneratedRegex(@"^((?:bridge|inet|ip|ip6) \S+ \S+)(?: \d+)+$", RegexOptions.Multiline)]
    private static partial Regex HandleLine();

    // An element's time left runs on between the two listings.
    [GeneratedRegex(@"expires [0-9a-z]+")]
    private static partial Regex Expires();

    /// <summary>NFT_MSG_GETSET dump of one table: each set's attributes, handle left out.</summary>
    private static List<string> DumpSets(NftTable table)
    {
        using var transport = NetlinkSocketTransport.Open(ForgeNet.Kernel.Interop.Nftables.Monitor.NETLINK_NETFILTER);
        var buffer = new NetlinkBuffer(256);
        var w = new NetlinkMessageWriter(buffer);
        w.BeginMessage(NftWire.Type(NftWire.Msg.GetSet), Nlm.FRequest | Nlm.FDump | Nlm.FAck, 1);
        w.AppendStruct(4)[0] = NftWire.Family(table.Family);
        w.WriteString(NftWire.Set.Table, table.Name);
        Assert.Equal(0, transport.Send(w.EndMessage()));
        var sets = new List<string>();
        var receive = new byte[1 << 16];
        while (true)
        {
            var length = transport.Receive(receive);
            Assert.True(length > 0, $"receive: {length}");
            var reader = new NetlinkMessageReader(receive.AsSpan(0, length));
            while (reader.TryRead(out var message))
            {
                if (message.Type is Nlm.Done or Nlm.Error) return sets;
                sets.Add(Describe(message.Attributes(4)));
            }
        }
    }

    private const ushort HandleAttribute = 16;

    private static string Describe(NetlinkAttributeReader attributes)
    {
        var sb = new StringBuilder();
        while (attributes.TryRead(out var a))
        {
            // The handle counts objects the table ever had; everything else must match.
            if (a.Type == HandleAttribute) continue;
            sb.Append(a.Type).Append('=').Append(Convert.ToHexStringLower(a.Payload)).Append(' ');
        }
        return sb.ToString().TrimEnd();
    }
}
