using ForgeNet.Core;

namespace ForgeNet.Cni.Plugin;

/// <summary>Opens the engine as <c>forge</c> does (FORGENET_* variables), with the config's "stateDir" on top.</summary>
internal static class EngineFactory
{
    public static Engine Open(NetworkConfig config) => Engine.Open(Options(config));

    /// <summary>The engine options of this invocation.</summary>
    public static EngineOptions Options(NetworkConfig config)
    {
        var options = EngineOptions.FromEnvironment();
        return config.StateDirectory is { Length: > 0 } directory ? options with { StateDirectory = directory } : options;
    }
}
