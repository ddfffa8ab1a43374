using System.CommandLine;
using ForgeNet.Core;

namespace ForgeNet.Cli;

/// <summary>What every command needs: output mode, the error reporter and a lazily opened engine.</summary>
public sealed class CliContext : IDisposable
{
    private Engine? _engine;

    public CliContext(ParseResult parse, bool json)
    {
        Parse = parse;
        Json = json;
        Output = new Output.Renderer(json);
    }

    public ParseResult Parse { get; }

    public bool Json { get; }

    public Output.Renderer Output { get; }

    /// <summary>The engine, opened on first use from the environment (FORGENET_STATE_DIR and friends).</summary>
    public Engine Engine => _engine ??= Engine.Open(EngineOptions.FromEnvironment());

    public void Dispose() => _engine?.Dispose();
}
