namespace ForgeNet.Cni.Chain;

/// <summary>A network configuration list or a plugin reference the runner refuses before running anything.</summary>
public sealed class CniConfigException(string message, Exception? inner = null) : Exception(message, inner);
