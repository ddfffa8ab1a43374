using System.Text;

namespace ForgeNet.Kernel.Nftables;

/// <summary>A read-back table in the layout of <c>nft -a list table</c>.</summary>
internal static partial class NftText
{
    public static string Format(NftTableState state)
    {
        var sb = new StringBuilder();
        sb.Append("table ").Append(state.Table).Append(" {\n");
        var blocks = new List<string>();
        blocks.AddRange(state.Sets.Select(FormatSetBlock));
        blocks.AddRange(state.Chains.Select(c => FormatChainBlock(c, state.RulesIn(c.Name))));
        sb.Append(string.Join("\n", blocks));
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string FormatSetBlock(NftSet set)
    {
        var sb = new StringBuilder();
        sb.Append('\t').Append(set.IsMap ? "map " : "set ").Append(set.Name).Append(" {\n");
        sb.Append("\t\ttype ").Append(string.Join(" . ", set.KeyType));
        if (set.ValueType is { } v)
            sb.Append(" : ").Append(v);
        sb.Append('\n');
        if (set.Flags != NftSetFlags.None)
            sb.Append("\t\tflags ").Append(string.Join(",", NftNames.Of(set.Flags))).Append('\n');
        if (set.Timeout is { } timeout)
            sb.Append("\t\ttimeout ").Append(Duration(timeout)).Append('\n');
        if (set.Size is { } size)
            sb.Append("\t\tsize ").Append(size).Append('\n');
        if (set.Comment is { } comment)
            sb.Append("\t\tcomment \"").Append(comment).Append("\"\n");
        if (set.Elements.Count > 0)
            sb.Append("\t\telements = { ").Append(string.Join(", ", set.Elements.Select(Format))).Append(" }\n");
        sb.Append("\t}\n");
        return sb.ToString();
    }

    private static string FormatChainBlock(NftChain chain, IEnumerable<NftRule> rules)
    {
        var sb = new StringBuilder();
        sb.Append("\tchain ").Append(chain.Name).Append(" {\n");
        if (chain.Hook is { } h)
            sb.Append($"\t\ttype {NftNames.Of(h.Type)} hook {NftNames.Of(h.Hook)} priority {h.Priority}; policy {NftNames.Of(h.Policy)};\n");
        foreach (var rule in rules)
        {
            sb.Append("\t\t").Append(FormatStatements(rule));
            if (rule.Handle is { } handle)
                sb.Append(" # handle ").Append(handle);
            sb.Append('\n');
        }
        sb.Append("\t}\n");
        return sb.ToString();
    }
}
