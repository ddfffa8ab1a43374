using System.Diagnostics.CodeAnalysis;

namespace ForgeNet.Core.Policy;

/// <summary>A DNS name an egress rule allows: "pypi.org" exactly, or "*.pythonhosted.org" for its subdomains only.</summary>
public sealed record DomainPattern
{
    private DomainPattern(string name, bool isWildcard) => (Name, IsWildcard) = (name, isWildcard);

    /// <summary>The name without the "*." of a wildcard, lower case, without a trailing dot.</summary>
    public string Name { get; }

    /// <summary>True for "*.name": every subdomain of <see cref="Name"/>, at any depth, but not the name itself.</summary>
    public bool IsWildcard { get; }

    /// <summary>Reads "pypi.org", "PyPI.org." or "*.pythonhosted.org".</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DomainPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        pattern = null;
        var isWildcard = text.StartsWith("*.", StringComparison.Ordinal);
        var name = (isWildcard ? text[2..] : text).TrimEnd('.').ToLowerInvariant();
        var labels = name.Split('.');
        if (System.Net.IPAddress.TryParse(name, out _))
            error = $"'{text}' is an address, not a domain name; write it as a cidr";
        else if (name.Length is 0 or > 253 || !labels.All(IsValidLabel))
            error = text.Contains('*', StringComparison.Ordinal) && !isWildcard
                ? $"'{text}' is not a domain pattern: '*' may only stand alone as the first label, as in *.example.com"
                : $"'{text}' is not a domain name";
        else if (labels.Length < 2)
            error = isWildcard ? $"'{text}' would match every name under a top-level domain; name a domain below it" : $"'{text}' is not a domain name: it needs at least two labels";
        else
            error = null;
        if (error is null) pattern = new DomainPattern(name, isWildcard);
        return error is null;
    }

    /// <summary>True when <paramref name="host"/> (any case, optional trailing dot) is allowed by this pattern.</summary>
    public bool Matches(string host)
    {
        var name = host.TrimEnd('.');
        return IsWildcard
            ? name.Length > Name.Length + 1 && name.EndsWith("." + Name, StringComparison.OrdinalIgnoreCase)
            : string.Equals(name, Name, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => IsWildcard ? "*." + Name : Name;

    // Letters, digits, hyphens and (for service names like _acme) underscores; no hyphen at either end.
    private static bool IsValidLabel(string label) =>
        label.Length is >= 1 and <= 63 && label[0] != '-' && label[^1] != '-'
        && label.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
