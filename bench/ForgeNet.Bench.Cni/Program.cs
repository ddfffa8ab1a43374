using System.Globalization;
using ForgeNet.Bench.Cni;

// forge-bench-cni [--containers N] [--reference-dir DIR] [--forge-dir DIR] [--baseline-forge-dir DIR] [--only NAME,...] [--interleave]
// ADD and DEL latency per container, p50/p95, through our chain runner for every side (plugins executed as a runtime does).
// --baseline-forge-dir adds the forge variants of another forge-cni build (named NAME@baseline), for a before/after in
// one run; --interleave runs the variants container by container instead of one after another.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"forge-bench-cni: {e.Message}");
    Console.Error.WriteLine("usage: forge-bench-cni [--containers N] [--reference-dir DIR] [--forge-dir DIR] [--baseline-forge-dir DIR] [--only NAME,...] [--interleave]");
    return 2;
}
if (Environment.UserName != "root")
{
    Console.Error.WriteLine("forge-bench-cni: needs root (it makes network namespaces)");
    return 1;
}

var variants = new List<Variant> { Variants.Reference(options.ReferenceDir), Variants.ReferenceChain(options.ReferenceDir) };
variants.AddRange(ForgeVariants.All(options.ForgeDir, options.ReferenceDir));
if (options.BaselineForgeDir is { } baseline)
    variants.AddRange(ForgeVariants.All(baseline, options.ReferenceDir).Select(v => v with { Name = v.Name + "@baseline", Description = v.Description + ", baseline build" }));
variants = variants.Where(v => options.Only.Count == 0 || options.Only.Contains(v.Name.Split('@')[0])).ToList();

var results = new List<VariantResult>();
var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));
if (options.Interleave)
{
    Console.Error.WriteLine($"forge-bench-cni: {string.Join(", ", variants.Select(v => v.Name))} interleaved, {options.Containers} containers…");
    results = await Measurement.RunInterleavedAsync(variants, options.Containers, $"fnt-cb{run}");
}
for (var i = 0; i < variants.Count && !options.Interleave; i++)
{
    var v = variants[i];
    Console.Error.WriteLine($"forge-bench-cni: {v.Name} ({v.Description}), {options.Containers} containers…");
    var r = await Measurement.RunAsync(v, options.Containers, $"fnt-cb{run}{i}");
    results.Add(r);
    Console.Error.WriteLine($"  ADD p50 {r.Add.P50:0.0} ms p95 {r.Add.P95:0.0} ms · DEL p50 {r.Del.P50:0.0} ms p95 {r.Del.P95:0.0} ms");
}

Console.WriteLine(Report.Markdown(results, options.Containers, options.Interleave));
return 0;

/// <summary>Command-line options.</summary>
internal sealed record Options(int Containers, string ReferenceDir, string? ForgeDir, IReadOnlySet<string> Only)
{
    public string? BaselineForgeDir { get; init; }

    public bool Interleave { get; init; }

    public static Options Parse(string[] args)
    {
        var o = new Options(100, "/usr/lib/cni", null, new HashSet<string>());
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--interleave")
            {
                o = o with { Interleave = true };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--containers" => o with { Containers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--reference-dir" => o with { ReferenceDir = value },
                "--forge-dir" => o with { ForgeDir = value },
                "--baseline-forge-dir" => o with { BaselineForgeDir = value },
                "--only" => o with { Only = value.Split(',').ToHashSet() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return o;
    }
}
