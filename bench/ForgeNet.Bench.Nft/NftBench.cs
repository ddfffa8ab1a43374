using System.Diagnostics;
using ForgeNet.Kernel.Namespaces;
using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Bench.Nft;

/// <summary>
/// One path's run: a throwaway namespace with the engine's skeleton tables, filled with endpoints and flows step by
/// step; at each step the per-sandbox add and remove batches are timed (for a fresh endpoint each time, so the tables
/// keep their size), and optionally single-command probes that show which cache level costs what.
/// </summary>
internal sealed class NftBench(NftBenchOptions options, string path)
{
    private readonly Workload _workload = new(options.Workload);

    private const int FillChunk = 100;
    private const int FlowChunk = 5000;
    private const int ProbeBase = 900_000;

    public void Run()
    {
        var name = "fnt-" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..6].ToLowerInvariant() + "-nftbench";
        Console.Error.WriteLine($"forge-bench-nft: path {path} in namespace {name}");
        using var ns = NetNs.Create(name);
        try
        {
            using var context = ns.Run(NftContext.Create);
            using var applier = BatchApplier.Open(path, ns);
            Measure(context, applier);
        }
        finally
        {
            NetNs.DeleteNamed(name);
        }
    }

    private void Measure(NftContext context, BatchApplier applier)
    {
        context.RunJson(_workload.Skeleton);
        Console.WriteLine($"### path: {path}, workload: {_workload.Variant}");
        Console.WriteLine();
        Console.WriteLine("| endpoints | flows4 | add p50 | add p95 | add mean | remove p50 | remove p95 | remove mean |" + (options.Probes ? " probe: add chain | probe: add element | probe: add rule | probe: flush chain | list both tables |" : ""));
        Console.WriteLine("|--:|--:|--:|--:|--:|--:|--:|--:|" + (options.Probes ? "--:|--:|--:|--:|--:|" : ""));
        var filled = 0;
        var flows = 0;
        foreach (var endpoints in options.Endpoints)
        {
            for (; filled < endpoints; filled = Math.Min(endpoints, filled + FillChunk))
                context.RunJson(_workload.AddEndpoints(filled, Math.Min(endpoints, filled + FillChunk)));
            foreach (var wanted in options.Flows)
            {
                flows = SetFlows(context, flows, wanted);
                Console.WriteLine(Row(endpoints, flows, context, applier));
            }
        }
        Console.WriteLine();
    }

    private static int SetFlows(NftContext context, int current, int wanted)
    {
        if (wanted < current)
        {
            context.RunJson("""{"nftables":[{"flush":{"set":{"family":"bridge","table":"forgenet","name":"flows4"}}}]}""");
            current = 0;
        }
        for (; current < wanted; current = Math.Min(wanted, current + FlowChunk))
            context.RunJson(Workload.Flows(current, Math.Min(wanted, current + FlowChunk) - current));
        return current;
    }

    private string Row(int endpoints, int flows, NftContext context, BatchApplier applier)
    {
        var add = new Stats("add");
        var remove = new Stats("remove");
        var index = 500_000 + endpoints * 10 + flows % 7;
        // One untimed pair first: JIT and the first cache fill are not what is measured.
        applier.Apply(BatchApplier.Parse(_workload.AddEndpoint(index - 1)));
        applier.Apply(BatchApplier.Parse(_workload.RemoveEndpoint(index - 1)));
        var direct = applier.Counts.Direct;
        for (var i = 0; i < options.Iterations; i++)
        {
            var (addTx, removeTx) = (BatchApplier.Parse(_workload.AddEndpoint(index + i)), BatchApplier.Parse(_workload.RemoveEndpoint(index + i)));
            add.Add(Time(() => applier.Apply(addTx)));
            remove.Add(Time(() => applier.Apply(removeTx)));
        }
        applier.CheckPath(direct + 2L * options.Iterations);
        var row = $"| {endpoints} | {flows} | {Stats.Ms(add.Percentile(50))} | {Stats.Ms(add.Percentile(95))} | {Stats.Ms(add.Mean)} | "
            + $"{Stats.Ms(remove.Percentile(50))} | {Stats.Ms(remove.Percentile(95))} | {Stats.Ms(remove.Mean)} |";
        if (options.Probes)
            row += " " + string.Join(" | ", Probes(context).Append(ListBoth(applier)).Select(p => Stats.Ms(p.Percentile(50)))) + " |";
        return row;
    }

    /// <summary>
    /// Single commands through libnftables, each needing a different cache: <c>add chain</c> (tables only),
    /// <c>add element</c> (tables, chains, sets, objects), <c>add rule</c> (the same and flowtables), <c>flush chain</c>
    /// (no cache: just the generation id).
    /// </summary>
    private List<Stats> Probes(NftContext context)
    {
        Stats chain = new("add chain"), element = new("add element"), rule = new("add rule"), flush = new("flush chain");
        const string t = "\"family\":\"bridge\",\"table\":\"forgenet\"";
        context.RunJson("{\"nftables\":[{\"add\":{\"chain\":{" + t + ",\"name\":\"probe\"}}}]}");
        for (var i = 0; i < options.Iterations; i++)
        {
            var probeChain = "probe-" + (ProbeBase + i);
            chain.Add(Time(() => context.RunJson("{\"nftables\":[{\"add\":{\"chain\":{" + t + ",\"name\":\"" + probeChain + "\"}}}]}")));
            context.RunJson("{\"nftables\":[{\"delete\":{\"chain\":{" + t + ",\"name\":\"" + probeChain + "\"}}}]}");
            var elem = "{\"element\":{" + t + ",\"name\":\"pairs4\",\"elem\":[{\"concat\":[\"10.250.0." + (i % 250) + "\",\"10.251.0.1\"]}]}}";
            element.Add(Time(() => context.RunJson("{\"nftables\":[{\"add\":" + elem + "}]}")));
            context.RunJson("{\"nftables\":[{\"delete\":" + elem + "}]}");
            rule.Add(Time(() => context.RunJson("{\"nftables\":[{\"add\":{\"rule\":{" + t + ",\"chain\":\"probe\",\"expr\":[{\"counter\":null}]}}}]}")));
            flush.Add(Time(() => context.RunJson("{\"nftables\":[{\"flush\":{\"chain\":{" + t + ",\"name\":\"probe\"}}}]}")));
        }
        context.RunJson("{\"nftables\":[{\"delete\":{\"chain\":{" + t + ",\"name\":\"probe\"}}}]}");
        return [chain, element, rule, flush];
    }

    /// <summary>Reading both tables back (what the firewall's damage check does after a deletion): always libnftables.</summary>
    private static Stats ListBoth(BatchApplier applier)
    {
        var list = new Stats("list both tables");
        for (var i = 0; i < 5; i++)
            list.Add(Time(applier.ListBoth));
        return list;
    }

    private static TimeSpan Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start);
    }
}
