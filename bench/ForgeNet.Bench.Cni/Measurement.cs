using System.Diagnostics;
using ForgeNet.Cni.Chain;

namespace ForgeNet.Bench.Cni;

/// <summary>
/// Times one variant: a few unrecorded ADD/DEL rounds to warm the page cache, then ADD for every container in turn, then
/// DEL for every container in turn, each through the chain runner exactly as a runtime would call the plugins.
/// </summary>
public static class Measurement
{
    private const int WarmUp = 3;

    public static async Task<VariantResult> RunAsync(Variant variant, int containers, string prefix)
    {
        using var lab = new BenchLab(prefix, containers + WarmUp);
        var chain = lab.Chain(variant.Conflist(lab), variant.PluginDirectories);
        var attachments = lab.Containers
            .Select((ns, i) => new CniAttachment($"{prefix}-{i}", ns.Path, "eth0") { CapabilityArgs = variant.CapabilityArgs(i) })
            .ToList();
        foreach (var a in attachments.Take(WarmUp))
        {
            await chain.AddAsync(a);
            await chain.DelAsync(a);
        }
        var measured = attachments.Skip(WarmUp).ToList();
        var add = new List<double>();
        foreach (var a in measured)
            add.Add(await TimeAsync(() => chain.AddAsync(a)));
        var del = new List<double>();
        foreach (var a in measured)
            del.Add(await TimeAsync(() => chain.DelAsync(a)));
        return new VariantResult(variant, Stats.Of(add), Stats.Of(del));
    }

    /// <summary>
    /// Times every variant at once, container by container: ADD of container i for each variant in turn, then (after all
    /// ADDs) DEL likewise. On a shared machine a burst of load then falls on every variant alike, not on whichever ran then.
    /// </summary>
    public static async Task<List<VariantResult>> RunInterleavedAsync(IReadOnlyList<Variant> variants, int containers, string prefix)
    {
        var labs = new List<BenchLab>();
        try
        {
            var sides = new List<(Variant Variant, CniChain Chain, List<CniAttachment> Attachments)>();
            for (var v = 0; v < variants.Count; v++)
            {
                var lab = new BenchLab($"{prefix}{v}", containers + WarmUp);
                labs.Add(lab);
                var attachments = lab.Containers
                    .Select((ns, i) => new CniAttachment($"{prefix}{v}-{i}", ns.Path, "eth0") { CapabilityArgs = variants[v].CapabilityArgs(i) })
                    .ToList();
                sides.Add((variants[v], lab.Chain(variants[v].Conflist(lab), variants[v].PluginDirectories), attachments));
            }
            foreach (var (_, chain, attachments) in sides)
            {
                foreach (var a in attachments.Take(WarmUp))
                {
                    await chain.AddAsync(a);
                    await chain.DelAsync(a);
                }
            }
            var add = sides.Select(_ => new List<double>()).ToList();
            var del = sides.Select(_ => new List<double>()).ToList();
            for (var i = WarmUp; i < containers + WarmUp; i++)
            {
                for (var s = 0; s < sides.Count; s++)
                    add[s].Add(await TimeAsync(() => sides[s].Chain.AddAsync(sides[s].Attachments[i])));
            }
            for (var i = WarmUp; i < containers + WarmUp; i++)
            {
                for (var s = 0; s < sides.Count; s++)
                    del[s].Add(await TimeAsync(() => sides[s].Chain.DelAsync(sides[s].Attachments[i])));
            }
            return sides.Select((side, s) => new VariantResult(side.Variant, Stats.Of(add[s]), Stats.Of(del[s]))).ToList();
        }
        finally
        {
            foreach (var lab in labs) lab.Dispose();
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
