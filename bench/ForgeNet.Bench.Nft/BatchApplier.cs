using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Bench.Nft;

/// <summary>How a path applies one batch given as libnftables JSON.</summary>
internal abstract class BatchApplier
{
    public abstract void Apply(string json);

    public static BatchApplier For(string path, NftContext context) => path switch
    {
        "libnftables" => new Libnftables(context),
        _ => throw new ArgumentException($"unknown path {path}"),
    };

    private sealed class Libnftables(NftContext context) : BatchApplier
    {
        public override void Apply(string json) => context.RunJson(json);
    }
}
