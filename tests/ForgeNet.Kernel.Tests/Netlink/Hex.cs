using ForgeNet.Kernel.Netlink.Protocol;

namespace ForgeNet.Kernel.Tests.Netlink;

/// <summary>Helpers to compare built messages with captured ones.</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// Asserts that <paramref name="built"/> equals the captured message once the sequence number (which `ip`
    /// takes from the clock and the connection stamps at send time) is copied over. Compares hex for a readable diff.
    /// </summary>
    public static void AssertSameMessage(string captured, Span<byte> built)
    {
        var expected = Bytes(captured);
        Assert.True(built.Length >= Nlm.HeaderLength, "built message is shorter than a header");
        expected.AsSpan(8, 4).CopyTo(built[8..]);
        Assert.Equal(Of(expected), Of(built));
    }
}
