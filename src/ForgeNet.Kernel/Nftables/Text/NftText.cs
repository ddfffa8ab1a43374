using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// Renders the model in nft syntax, as <c>nft list</c> prints it: for logs, <c>forge policy show</c> and golden dumps.
/// It is valid input for <c>nft -f</c> with ordinary names (nft 1.0.6's grammar rejects names that are keywords).
/// </summary>
internal static partial class NftText
{
    public static string Format(NftTransaction transaction)
    {
        var sb = new StringBuilder();
        foreach (var command in transaction.Commands)
            sb.Append(Format(command)).Append('\n');
        return sb.ToString();
    }

    public static string Format(NftCommand command) => command switch
    {
        NftTableCommand c => $"{Verb(c.Verb)} table {c.Table}",
        NftChainCommand c => $"{Verb(c.Verb)} chain {c.Chain.Table} {c.Chain.Name}{(c.Verb == NftVerb.Add ? ChainBody(c.Chain) : "")}",
        NftSetCommand c => $"{Verb(c.Verb)} {(c.Set.IsMap ? "map" : "set")} {c.Set.Table} {c.Set.Name}{(c.Verb == NftVerb.Add ? " " + SetBody(c.Set) : "")}",
        NftElementCommand c => $"{Verb(c.Verb)} element {c.Table} {c.SetName} {{ {string.Join(", ", c.Elements.Select(Format))} }}",
        NftRuleCommand { Verb: NftVerb.Delete } c => $"delete rule {c.Rule.Table} {c.Rule.Chain} handle {c.Rule.Handle}",
        NftRuleCommand c => $"{Verb(c.Verb)} rule {c.Rule.Table} {c.Rule.Chain} {FormatStatements(c.Rule)}",
        _ => throw new ArgumentException($"unknown nftables command {command.GetType().Name}", nameof(command)),
    };

    /// <summary>A rule's statements and comment, as in a chain listing.</summary>
    public static string FormatStatements(NftRule rule)
    {
        var text = string.Join(" ", rule.Statements.Select(Format));
        return rule.Comment is null ? text : $"{text} comment \"{rule.Comment}\"";
    }

    public static string ChainBody(NftChain chain) => chain.Hook is { } h
        ? $" {{ type {NftNames.Of(h.Type)} hook {NftNames.Of(h.Hook)} priority {h.Priority}; policy {NftNames.Of(h.Policy)}; }}"
        : "";

    public static string SetBody(NftSet set)
    {
        var parts = new List<string> { $"type {string.Join(" . ", set.KeyType)}{(set.ValueType is { } v ? " : " + v : "")}" };
        if (set.Flags != NftSetFlags.None)
            parts.Add("flags " + string.Join(",", NftNames.Of(set.Flags)));
        if (set.Timeout is { } timeout)
            parts.Add("timeout " + Duration(timeout));
        if (set.Size is { } size)
            parts.Add($"size {size}");
        if (set.Comment is { } comment)
            parts.Add($"comment \"{comment}\"");
        if (set.Elements.Count > 0)
            parts.Add($"elements = {{ {string.Join(", ", set.Elements.Select(Format))} }}");
        return $"{{ {string.Join("; ", parts)}; }}";
    }

    public static string Format(NftElement e)
    {
        var sb = new StringBuilder(Format(e.Key));
        if (e.Timeout is { } timeout)
            sb.Append(" timeout ").Append(Duration(timeout));
        if (e.Expires is { } expires)
            sb.Append(" expires ").Append(Duration(expires));
        if (e.Comment is { } comment)
            sb.Append(" comment \"").Append(comment).Append('"');
        if (e.Value is { } value)
            sb.Append(" : ").Append(Format(value));
        return sb.ToString();
    }

    /// <summary>A duration as nft writes it: 1d2h3m4s, whole seconds (at least "0s").</summary>
    public static string Duration(TimeSpan time)
    {
        var seconds = (long)Math.Floor(time.TotalSeconds);
        if (seconds <= 0)
            return "0s";
        var sb = new StringBuilder();
        foreach (var (unit, size) in new[] { ("d", 86400L), ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size)
            {
                sb.Append(seconds / size).Append(unit);
                seconds %= size;
            }
        }
        return sb.ToString();
    }

    /// <summary>An address without scope id, IPv4-mapped IPv6 kept as IPv6: what nft expects.</summary>
    public static string Address(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
            address = new IPAddress(address.GetAddressBytes());
        return address.ToString();
    }

    private static string Verb(NftVerb verb) => verb.ToString().ToLowerInvariant();
}
