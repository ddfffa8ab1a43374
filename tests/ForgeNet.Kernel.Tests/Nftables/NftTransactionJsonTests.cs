using ForgeNet.Kernel.Nftables;
using ForgeNet.Kernel.Tests.Nftables.Direct;

namespace ForgeNet.Kernel.Tests.Nftables;

/// <summary>Transactions read back from the JSON they are written as.</summary>
public sealed class NftTransactionJsonTests
{
    [Fact]
    public void FromJson_GoldenConstructs_WritesTheSameJsonBack()
    {
        var tx = GoldenConstructs.Build(new NftTable(NftFamily.Inet, "fnt-golden"));

        var read = NftTransaction.FromJson(tx.ToJson());

        Assert.Equal(tx.ToJson(), read.ToJson());
        Assert.Equal(tx.ToString(), read.ToString());
    }

    [Fact]
    public void FromJson_EndpointBatches_WriteTheSameJsonBack()
    {
        var (add, remove) = EndpointCorpus.Endpoint(3);

        Assert.Equal(add.ToJson(), NftTransaction.FromJson(add.ToJson()).ToJson());
        Assert.Equal(remove.ToJson(), NftTransaction.FromJson(remove.ToJson()).ToJson());
        Assert.Equal(EndpointCorpus.Skeleton().ToJson(), NftTransaction.FromJson(EndpointCorpus.Skeleton().ToJson()).ToJson());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"nftables":[{"list":{"tables":null}}]}""")]
    [InlineData("""{"nftables":[{"add":{"flowtable":{"family":"inet","table":"t","name":"f"}}}]}""")]
    public void FromJson_NotATransaction_FormatException(string json) =>
        Assert.Throws<FormatException>(() => NftTransaction.FromJson(json));
}
