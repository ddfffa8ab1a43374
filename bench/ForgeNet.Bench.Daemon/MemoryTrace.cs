using System.Diagnostics;

namespace ForgeNet.Bench.Daemon;

/// <summary>
/// --trace FILE: the daemon's memory once a second with the phase the benchmark is in, to see when it grows; and a copy of
/// its /proc/PID/smaps at the end of each phase (FILE.PHASE.smaps), to see which mappings did.
/// </summary>
internal sealed class MemoryTrace : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public MemoryTrace(int pid, string? file)
    {
        _pid = pid;
        _file = file;
        _sampler = file is null ? Task.CompletedTask : Task.Run(() => Sample(pid, file));
    }

    private readonly int _pid;
    private readonly string? _file;
    private string _phase = "start";

    /// <summary>What the benchmark does now (idle, assign, release, …).</summary>
    public string Phase
    {
        get => _phase;
        set
        {
            if (_file is not null) File.WriteAllText($"{_file}.{_phase}.smaps", File.ReadAllText($"/proc/{_pid}/smaps"));
            _phase = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Phase = "end";
        await _stop.CancelAsync();
        try { await _sampler; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private async Task Sample(int pid, string file)
    {
        await using var output = new StreamWriter(file);
        var clock = Stopwatch.StartNew();
        while (!_stop.IsCancellationRequested)
        {
            await output.WriteLineAsync($"{clock.Elapsed.TotalSeconds,6:0.0} s  {Phase,-8} {MemorySnapshot.Of(pid)}");
            await output.FlushAsync();
            await Task.Delay(1000, _stop.Token);
        }
    }
}
