using System.Diagnostics;
using ForgeNet.Core.Errors;

namespace ForgeNet.Core.Operations;

/// <summary>The fault-injection seam of <see cref="EngineOptions.FaultAt"/> and <see cref="EngineOptions.CrashAt"/>.</summary>
internal sealed class FaultInjector(string? faultAt, string? crashAt)
{
    /// <summary>Called after each named step: throws or dies when that step was chosen.</summary>
    public void At(string step)
    {
        if (crashAt is not null && string.Equals(crashAt, step, StringComparison.Ordinal))
            Crash();
        if (faultAt is not null && string.Equals(faultAt, step, StringComparison.Ordinal))
            throw new ForgeException(ErrorKind.Internal, $"injected fault at {step}");
    }

    // SIGKILL, like a power cut: no finally blocks, no undo. Environment.FailFast would write a crash dump.
    private static void Crash()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
