using ForgeNet.Kernel.Nftables;

namespace ForgeNet.Core.Firewall;

/// <summary>Who committed an nftables batch, from the generation event that ends it.</summary>
internal static class NftCommitter
{
    /// <summary>
    /// True when a thread of this process committed the batch. The kernel names the committing thread (task_pid_nr, a
    /// thread id in the initial pid namespace) and its comm; the thread is ours when /proc/self/task holds that id with
    /// that comm. The comm guards against a pid namespace whose ids are not the kernel's: then a match is all but
    /// impossible, and a miss only costs a check. A thread gone by now counts as foreign (a check, too).
    /// </summary>
    public static bool IsThisProcess(NftMonitorEvent generation)
    {
        if (generation is not { Kind: NftMonitorEventKind.Generation, ProcessId: > 0 and var tid, ProcessName: { } name }) return false;
        try
        {
            return File.ReadAllText($"/proc/self/task/{tid}/comm").TrimEnd('\n') == name;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
