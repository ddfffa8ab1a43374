namespace ForgeNet.Bench.Firewall;

/// <summary>A 10-rule policy applied to many sandboxes: per-sandbox times in order (ms), and why the run stopped early, if it did.</summary>
internal sealed record ScaleResult(int Requested, IReadOnlyList<double> SetupMs, IReadOnlyList<double> ApplyMs, string? Error);
