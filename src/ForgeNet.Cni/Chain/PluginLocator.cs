namespace ForgeNet.Cni.Chain;

/// <summary>
/// Finds a plugin's executable from its <c>type</c>: a bare file name, looked up only in the configured directories.
/// A type that is a path, or could become one (<c>/</c>, <c>.</c>, <c>..</c>, empty), is refused before any lookup: the
/// CVE-2021-20206 class, where a configuration could make the runtime execute any binary on the machine. Symlinks inside a
/// plugin directory are followed, as PATH lookup does: whoever owns the directory chose them; a type can never leave it.
/// </summary>
public sealed class PluginLocator
{
    private const int MaxNameLength = 255;

    /// <summary>Searches <paramref name="directories"/> in order; each must be an absolute path.</summary>
    public PluginLocator(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var list = new List<string>();
        foreach (var dir in directories)
        {
            if (string.IsNullOrEmpty(dir))
                continue;
            if (!Path.IsPathFullyQualified(dir))
                throw new CniConfigException($"CNI plugin directory '{dir}' must be an absolute path");
            list.Add(Path.TrimEndingDirectorySeparator(dir));
        }
        if (list.Count == 0)
            throw new CniConfigException("no CNI plugin directory configured");
        Directories = list;
    }

    /// <summary>The directories searched, in order.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>The value of CNI_PATH for plugins that delegate (e.g. to an IPAM plugin): the directories joined by ':'.</summary>
    public string CniPath => string.Join(':', Directories);

    /// <summary>True when <paramref name="type"/> is a bare name: [A-Za-z0-9._-], not "." or "..", at most 255 characters.</summary>
    public static bool IsValidType(string? type) =>
        !string.IsNullOrEmpty(type)
        && type.Length <= MaxNameLength
        && type is not "." and not ".."
        && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Throws <see cref="CniConfigException"/> unless <paramref name="type"/> is a bare name.</summary>
    public static void ThrowIfInvalidType(string? type, string where = "plugin")
    {
        if (!IsValidType(type))
            throw new CniConfigException(
                $"{where}: plugin type '{type}' is not a bare executable name ([A-Za-z0-9._-], not '.' or '..', no '/'); " +
                "plugins are looked up only in the configured plugin directories");
    }

    /// <summary>The full path of the executable for <paramref name="type"/>; throws <see cref="CniConfigException"/> when absent.</summary>
    public string Find(string type)
    {
        ThrowIfInvalidType(type);
        foreach (var dir in Directories)
        {
            var candidate = Path.Join(dir, type);
            if (IsExecutableFile(candidate))
                return candidate;
        }
        throw new CniConfigException($"CNI plugin '{type}' not found in {string.Join(", ", Directories)}");
    }

    private static bool IsExecutableFile(string path)
    {
        try
        {
            // FileInfo follows a symlink for Exists/UnixFileMode only through ResolveLinkTarget; File.GetUnixFileMode follows it.
            if (!File.Exists(path))
                return false;
            var mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
