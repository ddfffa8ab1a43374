namespace ForgeNet.Bench.Cni;

/// <summary>ADD and DEL latencies of one variant over N containers.</summary>
public sealed record VariantResult(Variant Variant, Stats Add, Stats Del);
