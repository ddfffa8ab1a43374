namespace ForgeNet.Core.Model;

/// <summary>
/// The DNS domain of a network's sandboxes: <c>&lt;network&gt;.forge.internal</c> (".internal" is reserved for private
/// use by ICANN; one domain per network, so a sandbox on two networks has one name on each). docs/DNS.md.
/// </summary>
public static class NetworkDomain
{
    /// <summary>The suffix every network's domain shares.</summary>
    public const string Suffix = "forge.internal";

    /// <summary>The domain of <paramref name="network"/>, lower-case, without a trailing dot.</summary>
    public static string Of(string network) => $"{network.ToLowerInvariant()}.{Suffix}";
}
