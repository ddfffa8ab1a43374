using System.Net.NetworkInformation;
using System.Text;
using System.Text.RegularExpressions;
using ForgeNet.Core.Errors;

namespace ForgeNet.Core.Model;

/// <summary>Name rules and the names ForgeNet derives for kernel objects.</summary>
internal static partial class Names
{
    /// <summary>IFLA_GROUP of every host-side link ForgeNet makes ("FN").</summary>
    public const uint LinkGroup = 0x464E;

    /// <summary>Prefix of the ownership tag in a link's alias: "forgenet:&lt;instance&gt;:&lt;owner&gt;".</summary>
    public const string AliasPrefix = "forgenet:";

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}\z")]
    private static partial Regex NamePattern();

    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Throws InvalidArgument unless <paramref name="name"/> is a valid network or sandbox name.</summary>
    public static void Validate(string what, string? name)
    {
        if (!IsValid(name))
            throw ForgeException.Invalid($"invalid {what} name '{name}': use 1-63 characters from [a-zA-Z0-9_.-], starting with a letter or digit");
    }

    /// <summary>The current time at the store's precision (milliseconds), so a record reads back equal.</summary>
    public static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>A new random id: 16 hex digits.</summary>
    public static string NewId() => RandomHex(8);

    /// <summary>"fn-" + 8 hex of SHA-256(network id): stable, and within IFNAMSIZ.</summary>
    public static string Bridge(string networkId) => "fn-" + HashHex(networkId, 8);

    /// <summary>A fresh host-side veth name, "fv" + 10 random hex: never reused, since a deleted namespace's veths vanish asynchronously.</summary>
    public static string NewHostInterface() => "fv" + RandomHex(5);

    // Names need to be unique, not secret. RandomNumberGenerator initialises OpenSSL on first use (≈ 2 ms, paid by every
    // forge-cni ADD); Random.Shared is seeded from the kernel's random source and needs nothing loaded.
    private static string RandomHex(int bytes)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        Random.Shared.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    /// <summary>The interface name inside the sandbox for its <paramref name="position"/>-th network.</summary>
    public static string SandboxInterface(int position) => $"eth{position}";

    /// <summary>A locally administered unicast MAC (02:…) derived from <paramref name="seed"/>.</summary>
    public static PhysicalAddress Mac(string seed)
    {
        var hash = Sha256.HashData(Encoding.UTF8.GetBytes(seed));
        var mac = new byte[6];
        mac[0] = 0x02;
        hash.AsSpan(0, 5).CopyTo(mac.AsSpan(1));
        return new PhysicalAddress(mac);
    }

    /// <summary>"02:ab:cd:ef:01:23".</summary>
    public static string FormatMac(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2")));

    /// <summary>Parses what <see cref="FormatMac"/> wrote.</summary>
    public static PhysicalAddress ParseMac(string text) =>
        new(text.Split(':').Select(part => Convert.ToByte(part, 16)).ToArray());

    /// <summary>The ownership alias of a link that belongs to sandbox <paramref name="sandboxId"/>.</summary>
    public static string SandboxAlias(string instanceId, string sandboxId) => $"{AliasPrefix}{instanceId}:{sandboxId}";

    /// <summary>The ownership alias of a network's bridge.</summary>
    public static string NetworkAlias(string instanceId, string networkId) => $"{AliasPrefix}{instanceId}:net:{networkId}";

    private static string HashHex(string text, int digits) =>
        Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(text)))[..digits];
}
