namespace ForgeNet.Core.Policy;

/// <summary>A policy that cannot be used, with where and why: "p.yaml:7:9: egress[1].ports[0]: '70000/tcp' is not a port (1-65535)".</summary>
public sealed class PolicyException : Exception
{
    /// <summary>An error at <paramref name="line"/>:<paramref name="column"/> (1-based; 0 when unknown) of <paramref name="sourceName"/>.</summary>
    public PolicyException(string sourceName, int line, int column, string path, string detail)
        : base(PolicyMessage.Format(sourceName, line, column, path, detail))
        => (SourceName, Line, Column, Path, Detail) = (sourceName, line, column, path, detail);

    /// <summary>The file name (or other source name) the policy came from.</summary>
    public string SourceName { get; }

    /// <summary>1-based line, 0 when the policy was not read from text.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when the policy was not read from text.</summary>
    public int Column { get; }

    /// <summary>Where in the policy, e.g. "egress[1].ports[0]"; empty for the whole file.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }
}
