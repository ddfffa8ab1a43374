namespace ForgeNet.Bench.Cni;

/// <summary>forge-cni's side; empty when no forge-cni binary is found.</summary>
public static class ForgeVariants
{
    public static IReadOnlyList<Variant> All(string? forgeDir)
    {
        var dir = forgeDir ?? new[] { "/opt/cni/bin", "/usr/local/bin" }.FirstOrDefault(d => File.Exists(Path.Join(d, "forge-cni")));
        if (dir is null || !File.Exists(Path.Join(dir, "forge-cni")))
        {
            Console.Error.WriteLine("forge-bench-cni: no forge-cni binary (scripts/install, or --forge-dir DIR): measuring the reference side only");
            return [];
        }
        return [];
    }
}
