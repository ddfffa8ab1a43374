namespace ForgeNet.Cni.Chain;

/// <summary>A plugin failed: non-zero exit (with its CNI error when it printed one), unreadable output, or its deadline passed.</summary>
public class CniPluginException : Exception
{
    public CniPluginException(string plugin, string command, string message, CniError? error = null,
        int? exitCode = null, string? stderr = null, Exception? inner = null)
        : base(message, inner)
    {
        Plugin = plugin;
        Command = command;
        Error = error;
        ExitCode = exitCode;
        Stderr = stderr;
    }

    /// <summary>The plugin's type.</summary>
    public string Plugin { get; }

    /// <summary>The CNI command that failed (ADD, DEL, CHECK, GC, STATUS, VERSION).</summary>
    public string Command { get; }

    /// <summary>The error the plugin printed, when it printed a CNI error object.</summary>
    public CniError? Error { get; }

    /// <summary>The exit code, when the process ended by itself.</summary>
    public int? ExitCode { get; }

    /// <summary>What the plugin wrote on stderr (trimmed), for diagnosis.</summary>
    public string? Stderr { get; }

    /// <summary>When a failed ADD was undone (DEL of the plugins that ran), the DELs that failed too; empty otherwise.</summary>
    public IReadOnlyList<Exception> UndoErrors { get; internal set; } = [];
}
