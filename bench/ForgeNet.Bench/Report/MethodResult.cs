namespace ForgeNet.Bench.Report;

/// <summary>What one method did at one size: setup and teardown latencies, and the kernel's drain time.</summary>
/// <param name="DrainMs">From the return of the last teardown until the host side had no sandbox links left.</param>
/// <param name="LimitProbe">What the 1024th sandbox on the network did, when probed.</param>
/// <param name="Error">Why the run stopped early, if it did.</param>
internal sealed record MethodResult(string Method, int Size, LatencyStats Setup, LatencyStats Teardown,
    double? DrainMs, string? LimitProbe, string? Error)
{
    /// <summary>Setup latencies in the order the sandboxes were made (to see whether a filling network slows down).</summary>
    public IReadOnlyList<double> SetupSamples { get; init; } = [];
}
