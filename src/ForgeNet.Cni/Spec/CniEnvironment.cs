using System.Text;
using System.Text.RegularExpressions;

namespace ForgeNet.Cni.Spec;

/// <summary>The CNI_* variables of one invocation, validated as the spec (and libcni's plugin skeleton) require.</summary>
public sealed partial record CniEnvironment(CniCommand Command, string? ContainerId, string? Netns, string? IfName, string? Args, string? Path)
{
    private const int MaxInterfaceBytes = 15;

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*\z")]
    private static partial Regex IdPattern();

    /// <summary>Reads and validates the variables; throws <see cref="CniException"/> (code 4) when one is missing or invalid.</summary>
    public static CniEnvironment Read(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;
        var commandText = Get("CNI_COMMAND")
            ?? throw new CniException(CniErrorCode.InvalidEnvironment, "required env variables [CNI_COMMAND] missing");
        var command = ParseCommand(commandText);
        var environment = new CniEnvironment(command, Get("CNI_CONTAINERID"), Get("CNI_NETNS"), Get("CNI_IFNAME"), Get("CNI_ARGS"), Get("CNI_PATH"));
        // VERSION takes no parameters: libcni (podman) validates conflists by asking VERSION with CNI_NETNS=dummy.
        if (command == CniCommand.Version)
            return environment;
        environment.CheckRequired();
        environment.CheckValues();
        return environment;
    }

    /// <summary>CNI_ARGS as key/value pairs ("FOO=BAR;ABC=123").</summary>
    public IReadOnlyDictionary<string, string> ArgPairs()
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (Args ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new CniException(CniErrorCode.InvalidEnvironment, $"invalid CNI_ARGS pair '{item}': expected KEY=VALUE");
            pairs[item[..eq]] = item[(eq + 1)..];
        }
        return pairs;
    }

    private static CniCommand ParseCommand(string text) => text switch
    {
        "ADD" => CniCommand.Add,
        "DEL" => CniCommand.Del,
        "CHECK" => CniCommand.Check,
        "STATUS" => CniCommand.Status,
        "GC" => CniCommand.Gc,
        "VERSION" => CniCommand.Version,
        _ => throw new CniException(CniErrorCode.InvalidEnvironment, $"unknown CNI_COMMAND: {text}"),
    };

    private void CheckRequired()
    {
        var attachment = Command is CniCommand.Add or CniCommand.Del or CniCommand.Check;
        var missing = new List<string>();
        if (attachment && ContainerId is null) missing.Add("CNI_CONTAINERID");
        // DEL must work without a namespace: the runtime may have lost it already.
        if (Command is CniCommand.Add or CniCommand.Check && Netns is null) missing.Add("CNI_NETNS");
        if (attachment && IfName is null) missing.Add("CNI_IFNAME");
        if (attachment && Path is null) missing.Add("CNI_PATH");
        if (missing.Count > 0)
            throw new CniException(CniErrorCode.InvalidEnvironment, $"required env variables [{string.Join(",", missing)}] missing");
    }

    private void CheckValues()
    {
        if (ContainerId is { } id && !IdPattern().IsMatch(id))
            throw new CniException(CniErrorCode.InvalidEnvironment, "invalid characters in CNI_CONTAINERID", id);
        if (IfName is { } name && InterfaceNameError(name) is { } error)
            throw new CniException(CniErrorCode.InvalidEnvironment, $"invalid CNI_IFNAME: {error}", name);
        if (Netns is { } netns && !System.IO.Path.IsPathRooted(netns))
            throw new CniException(CniErrorCode.InvalidEnvironment, "CNI_NETNS must be an absolute path", netns);
        ArgPairs();
    }

    private static string? InterfaceNameError(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) > MaxInterfaceBytes) return "interface name is too long (at most 15 bytes)";
        if (name is "." or "..") return "interface name is . or ..";
        return name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c)) ? "interface name contains / or : or whitespace characters" : null;
    }
}
