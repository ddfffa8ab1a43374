using System.Text;

namespace ForgeNet.Kernel.Netlink.Protocol;

/// <summary>The kernel's rules for interface names and aliases (dev_valid_name, IFALIASZ), checked before a request.</summary>
internal static class LinkNames
{
    public static void Validate(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        var problem = name.Length == 0 ? "is empty"
            : Encoding.UTF8.GetByteCount(name) > Ifla.MaxNameLength ? $"is longer than {Ifla.MaxNameLength} bytes"
            : name is "." or ".." ? "is reserved"
            : name.AsSpan().IndexOfAny("/: \t\n\v\f\r\0") >= 0 ? "contains '/', ':', NUL or whitespace"
            : null;
        if (problem is not null) throw new ArgumentException($"interface name '{name}' {problem}", parameter);
    }

    public static void ValidateAlias(string alias, string parameter)
    {
        if (Encoding.UTF8.GetByteCount(alias) > Ifla.MaxAliasLength || alias.Contains('\0'))
            throw new ArgumentException($"interface alias must be at most {Ifla.MaxAliasLength} bytes without NUL", parameter);
    }

    public static void ValidateMtu(int? mtu, string parameter)
    {
        if (mtu is < 0) throw new ArgumentOutOfRangeException(parameter, mtu, "MTU must not be negative");
    }
}
