using ForgeNet.Core;

namespace ForgeNet.Cni.Plugin;

/// <summary>Opens the engine as <c>forge</c> does (FORGENET_* variables), with the config's "stateDir" on top.</summary>
internal static class EngineFactory
{
    public static Engine Open(NetworkConfig config)
    {
        var options = EngineOptions.FromEnvironment();
        if (config.StateDirectory is { Length: > 0 } directory) options = options with { StateDirectory = directory };
        return Engine.Open(options);
    }
}
