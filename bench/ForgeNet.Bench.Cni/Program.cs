using System.Globalization;
using ForgeNet.Bench.Cni;

// forge-bench-cni [--containers N] [--reference-dir DIR] [--forge-dir DIR] [--only NAME,...]
// ADD and DEL latency per container, p50/p95, through our chain runner for every side (plugins executed as a runtime does).
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"forge-bench-cni: {e.Message}");
    Console.Error.WriteLine("usage: forge-bench-cni [--containers N] [--reference-dir DIR] [--forge-dir DIR] [--only NAME,...]");
    return 2;
}
if (Environment.UserName != "root")
{
    Console.Error.WriteLine("forge-bench-cni: needs root (it makes network namespaces)");
    return 1;
}

var variants = new List<Variant> { Variants.Reference(options.ReferenceDir), Variants.ReferenceChain(options.ReferenceDir) };
variants.AddRange(ForgeVariants.All(options.ForgeDir, options.ReferenceDir));
variants = variants.Where(v => options.Only.Count == 0 || options.Only.Contains(v.Name)).ToList();

var results = new List<VariantResult>();
var run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));
for (var i = 0; i < variants.Count; i++)
{
    var v = variants[i];
    Console.Error.WriteLine($"forge-bench-cni: {v.Name} ({v.Description}), {options.Containers} containers…");
    var r = await Measurement.RunAsync(v, options.Containers, $"fnt-cb{run}{i}");
    results.Add(r);
    Console.Error.WriteLine($"  ADD p50 {r.Add.P50:0.0} ms p95 {r.Add.P95:0.0} ms · DEL p50 {r.Del.P50:0.0} ms p95 {r.Del.P95:0.0} ms");
}

Console.WriteLine(Report.Markdown(results, options.Containers));
return 0;

/// <summary>Command-line options.</summary>
internal sealed record Options(int Containers, string ReferenceDir, string? ForgeDir, IReadOnlySet<string> Only)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(100, "/usr/lib/cni", null, new HashSet<string>());
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--containers" => o with { Containers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--reference-dir" => o with { ReferenceDir = value },
                "--forge-dir" => o with { ForgeDir = value },
                "--only" => o with { Only = value.Split(',').ToHashSet() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return o;
    }
}
