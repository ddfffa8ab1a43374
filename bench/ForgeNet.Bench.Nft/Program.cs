using ForgeNet.Bench.Nft;

NftBenchOptions options;
try
{
    options = NftBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"forge-bench-nft: {e.Message}");
    Console.Error.WriteLine(NftBenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(NftBenchOptions.Usage);
    return 0;
}
if (!Environment.IsPrivilegedProcess)
{
    Console.Error.WriteLine("forge-bench-nft: needs root (it creates a network namespace)");
    return 1;
}
Console.WriteLine($"forge-bench-nft {string.Join(' ', args)}");
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
foreach (var path in options.Paths)
    new NftBench(options, path).Run();
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
