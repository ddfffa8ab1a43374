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

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
