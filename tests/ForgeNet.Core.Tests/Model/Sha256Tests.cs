using System.Text;
using ForgeNet.Core.Model;

namespace ForgeNet.Core.Tests.Model;

public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void HexOf_FipsVectors_Digest(string text, string expected) => Assert.Equal(expected, Sha256.HexOf(text));

    // Every length across the one- and two-block padding boundaries (55, 56, 63, 64, 119, 120 bytes) and beyond.
    [Fact]
    public void HashData_EveryLengthTo300_SameAsTheSystemSha256()
    {
        var random = new Random(4);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.HashData(data));
        }
    }

    [Fact]
    public void HashData_OneMillionA_FipsDigest() =>
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            Convert.ToHexStringLower(Sha256.HashData(Encoding.ASCII.GetBytes(new string('a', 1_000_000)))));
}
