namespace ForgeNet.Bench;

/// <summary>An external command exited non-zero; Message is "CMD: exit N: its error output".</summary>
internal sealed class CommandFailedException(string command, int exitCode, string output)
    : Exception($"{command}: exit {exitCode}: {output}")
{
    public int ExitCode { get; } = exitCode;

    public string Output { get; } = output;
}
