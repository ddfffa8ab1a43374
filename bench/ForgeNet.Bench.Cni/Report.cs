using System.Text;

namespace ForgeNet.Bench.Cni;

/// <summary>The results as a Markdown table, with the forge/reference ratios where both sides ran.</summary>
public static class Report
{
    public static string Markdown(IReadOnlyList<VariantResult> results, int containers, bool interleaved)
    {
        var md = new StringBuilder();
        var order = interleaved ? "variants interleaved container by container" : "one variant after another";
        md.AppendLine($"{containers} containers, {order}; milliseconds per container, through the chain runner.");
        md.AppendLine();
        md.AppendLine("| variant | plugins | ADD p50 | ADD p95 | DEL p50 | DEL p95 |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
            md.AppendLine($"| {r.Variant.Name} | {r.Variant.Description} | {r.Add.P50:0.0} | {r.Add.P95:0.0} | {r.Del.P50:0.0} | {r.Del.P95:0.0} |");
        var pairs = new[] { ("forge-cni", "reference"), ("forge-cni-chain", "reference-chain"), ("forge-cni@baseline", "reference"), ("forge-cni-chain@baseline", "reference-chain") };
        foreach (var (forge, reference) in pairs)
        {
            var f = results.FirstOrDefault(r => r.Variant.Name == forge);
            var b = results.FirstOrDefault(r => r.Variant.Name == reference);
            if (f is null || b is null)
                continue;
            md.AppendLine();
            md.Append($"{forge} vs {reference}: ADD p50 {b.Add.P50 / f.Add.P50:0.0}× faster, p95 {b.Add.P95 / f.Add.P95:0.0}×; ");
            md.Append($"DEL p50 {b.Del.P50 / f.Del.P50:0.0}× faster, p95 {b.Del.P95 / f.Del.P95:0.0}×.");
            md.AppendLine();
        }
        return md.ToString();
    }
}
