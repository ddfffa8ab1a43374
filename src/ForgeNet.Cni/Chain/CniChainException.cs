namespace ForgeNet.Cni.Chain;

/// <summary>Several plugins failed in one pass (DEL and GC keep going past errors and report them all here).</summary>
public sealed class CniChainException(string command, string network, IReadOnlyList<Exception> errors)
    : Exception($"{command} on network {network}: {errors.Count} plugin(s) failed: {string.Join("; ", errors.Select(e => e.Message))}",
        errors.Count > 0 ? errors[0] : null)
{
    /// <summary>Every failure, in the order the plugins ran.</summary>
    public IReadOnlyList<Exception> Errors { get; } = errors;
}
