namespace ForgeNet.Bench.Report;

/// <summary>Start-up time of one command line, or why it could not be measured.</summary>
internal sealed record StartupResult(string Command, LatencyStats? Stats, string? Error);
