using System.CommandLine;
using ForgeNet.Cli.Remote;
using ForgeNet.Core;

namespace ForgeNet.Cli;

/// <summary>What every command needs: output mode, the error reporter and a lazily opened engine.</summary>
public sealed class CliContext : IDisposable
{
    private Engine? _engine;
    private IForgeApi? _api;

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

    /// <summary>The daemon when one is chosen or answers (see <see cref="DaemonConnection"/>), else the engine in-process.</summary>
    public IForgeApi Api => _api ??= DaemonConnection.Resolve(Parse) is { } socket ? new DaemonApi(socket) : new EngineApi(() => Engine);

    public void Dispose()
    {
        (_api as IDisposable)?.Dispose();
        _engine?.Dispose();
    }
}
