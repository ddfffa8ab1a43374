using System.Globalization;

namespace ForgeNet.Core.Model;

/// <summary>
/// A process, identified by PID and its start time (clock ticks since boot, /proc/PID/stat field 22),
/// so that a recycled PID is not mistaken for the process that was recorded.
/// </summary>
internal readonly record struct ProcessIdentity(int Pid, long? StartTicks)
{
    public static ProcessIdentity Current { get; } = Capture(Environment.ProcessId) ?? new(Environment.ProcessId, null);

    /// <summary>The running process <paramref name="pid"/>, or null when there is none.</summary>
    public static ProcessIdentity? Capture(int pid)
    {
        var start = ReadStartTicks(pid);
        return start is null ? null : new ProcessIdentity(pid, start);
    }

    /// <summary>True while the recorded process still runs (same PID, same start time when known).</summary>
    public bool IsAlive()
    {
        var start = ReadStartTicks(Pid);
        return start is not null && (StartTicks is null || StartTicks == start);
    }

    private static long? ReadStartTicks(int pid)
    {
        if (pid <= 0) return null;
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // comm (field 2) may hold spaces and parentheses: fields after it start past the LAST ')'.
        var rest = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state); zombies have exited.
        if (rest.Length < 20 || rest[0] == "Z" || rest[0] == "X") return null;
        return long.TryParse(rest[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }
}
