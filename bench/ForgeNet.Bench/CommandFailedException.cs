namespace ForgeNet.Bench;

/// <summary>An external command exited non-zero; Message is "CMD: exit N: its error output" on one line.</summary>
internal sealed class CommandFailedException(string command, int exitCode, string output)
    : Exception($"{command}: exit {exitCode}: {output.ReplaceLineEndings(" ")}")
{
    public string Command { get; } = command;

    public int ExitCode { get; } = exitCode;

    /// <summary>The command's error output (stdout when stderr was empty), as printed.</summary>
    public string Output { get; } = output;
}
