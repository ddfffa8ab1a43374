using ForgeNet.Dns.Tests.Fakes;
using ForgeNet.Dns.Wire;

namespace ForgeNet.Dns.Tests.Wire;

public class DnsNameTests
{
    private static bool Read(byte[] message, int offset, out string text)
    {
        var wire = new byte[DnsName.MaxLength];
        var ok = DnsName.TryRead(message, ref offset, wire, out var length);
        text = ok ? DnsName.ToText(wire.AsSpan(0, length)) : "";
        return ok;
    }

    [Fact]
    public void TryRead_CompressedName_FollowsThePointerAndEndsAfterIt()
    {
        // "example.org" at 0, then "www" + pointer to 0 at 13.
        byte[] message = [.. Packets.Name("example.org"), 3, (byte)'W', (byte)'w', (byte)'w', 0xC0, 0];
        var offset = 13;
        var wire = new byte[DnsName.MaxLength];

        Assert.True(DnsName.TryRead(message, ref offset, wire, out var length));
        Assert.Equal("www.example.org", DnsName.ToText(wire.AsSpan(0, length)));
        Assert.Equal(19, offset);
    }

    [Fact]
    public void TryRead_PointerToItself_Rejected()
    {
        Assert.False(Read([0xC0, 0], 0, out _));
    }

    [Fact]
    public void TryRead_PointerForward_Rejected()
    {
        // A forward pointer could build a cycle with a backward one: only strictly backward pointers are followed.
        Assert.False(Read([0xC0, 2, 1, (byte)'a', 0], 0, out _));
    }

    [Fact]
    public void TryRead_PointerLoopThroughTwoLabels_Rejected()
    {
        byte[] message = [1, (byte)'a', 0xC0, 4, 1, (byte)'b', 0xC0, 0];
        Assert.False(Read(message, 4, out _));
    }

    [Fact]
    public void TryRead_NameLongerThan255_Rejected()
    {
        var message = Enumerable.Range(0, 5).SelectMany(_ => new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'x', 63))).Append((byte)0).ToArray();
        Assert.False(Read(message, 0, out _));
    }

    [Fact]
    public void TryRead_NameOf255Exactly_Accepted()
    {
        // 3 × 63-label + one 61-label = 4 + 250 bytes + root = 255.
        var labels = new[] { 63, 63, 63, 61 };
        var message = labels.SelectMany(l => new byte[] { (byte)l }.Concat(Enumerable.Repeat((byte)'x', l))).Append((byte)0).ToArray();
        Assert.Equal(255, message.Length);
        Assert.True(Read(message, 0, out _));
    }

    [Theory]
    [InlineData(new byte[] { 5, (byte)'a' })]
    [InlineData(new byte[] { 0x40, 0 })]
    [InlineData(new byte[] { 0xC0 })]
    [InlineData(new byte[0])]
    public void TryRead_TruncatedOrReservedLabel_Rejected(byte[] message)
    {
        Assert.False(Read(message, 0, out _));
    }

    [Fact]
    public void ToText_OddBytes_EscapedAndLowerCased()
    {
        byte[] wire = [4, (byte)'A', (byte)'.', 0, (byte)'z', 0];
        Assert.Equal("a\\046\\000z", DnsName.ToText(wire));
    }
}
