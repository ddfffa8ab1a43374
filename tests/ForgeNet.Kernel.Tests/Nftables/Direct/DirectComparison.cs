using ForgeNet.Kernel.Nftables;
using ForgeNet.Testing;

namespace ForgeNet.Kernel.Tests.Nftables.Direct;

/// <summary>
/// Applies the same transactions through libnftables in one throwaway namespace and through the direct netlink path in
/// another, and compares what the kernel then holds. A transaction the direct path does not support fails the
/// comparison, so a passing test also proves that path was taken.
/// </summary>
internal sealed class DirectComparison : IDisposable
{
    private readonly TestNetns _viaLibrary = new("l");
    private readonly TestNetns _viaNetlink = new("n");
    private readonly NftablesBackend _library;
    private readonly NftablesBackend _netlink;

    public DirectComparison()
    {
        _library = NftablesBackend.OpenIn(_viaLibrary.Run, new NftablesBackendOptions { DirectNetlink = false });
        _netlink = NftablesBackend.OpenIn(_viaNetlink.Run);
    }

    public NftablesBackend Netlink => _netlink;

    public TestNetns NetlinkNamespace => _viaNetlink;

    /// <summary>Applies <paramref name="transaction"/> both ways; the direct side must not fall back.</summary>
    public void Apply(NftTransaction transaction)
    {
        _library.Apply(transaction);
        var before = _netlink.Counts.Direct;
        _netlink.Apply(transaction);
        Assert.True(_netlink.Counts.Direct == before + 1, $"fell back to libnftables: {_netlink.Counts.LastFallbackReason}");
    }

    /// <summary>Applies through libnftables on both sides (setup the direct path is not being tested on).</summary>
    public void Prepare(NftTransaction transaction)
    {
        _library.Apply(transaction);
        _netlink.Context.RunJson(transaction.ToJson());
    }

    public void AssertSame(NftTable table)
    {
        var expected = KernelView.Of(_viaLibrary, table);
        var actual = KernelView.Of(_viaNetlink, table);
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"kernel state differs at line {line}:\n libnftables: {Line(e, line)}\n direct:      {Line(a, line)}\n\n--- libnftables ---\n{expected}\n--- direct ---\n{actual}");
    }

    private static string Line(string[] lines, int i) => i < lines.Length ? lines[i] : "(end)";

    public void Dispose()
    {
        _library.Dispose();
        _netlink.Dispose();
        _viaLibrary.Dispose();
        _viaNetlink.Dispose();
    }
}
