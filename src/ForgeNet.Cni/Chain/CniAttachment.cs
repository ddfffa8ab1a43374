using System.Text.Json.Nodes;

namespace ForgeNet.Cni.Chain;

/// <summary>
/// The runtime's side of one attachment: container id, namespace path, interface name, CNI_ARGS and the capability
/// arguments (<c>portMappings</c>, <c>bandwidth</c>, …) that plugins declaring them receive in <c>runtimeConfig</c>.
/// </summary>
public sealed record CniAttachment(string ContainerId, string? NetNsPath, string IfName = "eth0")
{
    /// <summary>CNI_ARGS pairs, passed as "K=V;K=V".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];

    /// <summary>Capability name to value; a plugin gets the ones it declares in <c>capabilities</c>.</summary>
    public IReadOnlyDictionary<string, JsonNode?> CapabilityArgs { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>CNI_ARGS as the environment carries it.</summary>
    public string ArgsText => string.Join(';', Args.Select(a => $"{a.Key}={a.Value}"));

    /// <summary>Throws <see cref="ArgumentException"/> unless the container id and interface name are what the spec allows.</summary>
    public void Validate()
    {
        if (!IsValidContainerId(ContainerId))
            throw new ArgumentException($"container id '{ContainerId}' is invalid: it must start with a letter or digit, then letters, digits, '_', '.' or '-'", nameof(ContainerId));
        if (!IsValidIfName(IfName))
            throw new ArgumentException($"interface name '{IfName}' is invalid: 1-15 characters, not '.' or '..', no '/', ':' or whitespace", nameof(IfName));
        foreach (var (key, value) in Args)
        {
            if (key.Length == 0 || key.Contains('=') || key.Contains(';') || value.Contains(';'))
                throw new ArgumentException($"CNI_ARGS pair '{key}={value}' cannot be encoded ('=' or ';' inside)", nameof(Args));
        }
    }

    /// <summary>The spec's rule: an alphanumeric first character, then alphanumerics, '_', '.' or '-'.</summary>
    public static bool IsValidContainerId(string? id) =>
        !string.IsNullOrEmpty(id)
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>The spec's rule for the interface name inside the container.</summary>
    public static bool IsValidIfName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length < 16
        && name is not "." and not ".."
        && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));
}
