using System.Globalization;

namespace ForgeNet.Bench.Daemon;

/// <summary>
/// Where a process's resident memory is, from /proc/PID/smaps (kB): the malloc heap ([heap] and the anonymous arenas
/// other threads' malloc uses are both "anon" unless named), anonymous mappings (GC regions, thread stacks, malloc
/// arenas), thread stacks the kernel names, and mapped files (the binary, libraries, shared page cache).
/// </summary>
internal sealed record MemorySnapshot(long Rss, long Heap, long Anon, long Stack, long Files, int Threads, int Fds)
{
    public static MemorySnapshot Of(int pid)
    {
        long heap = 0, anon = 0, stack = 0, files = 0;
        var kind = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (IsMappingHeader(line))
            {
                kind = Kind(line);
                continue;
            }
            if (!line.StartsWith("Rss:", StringComparison.Ordinal)) continue;
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            switch (kind)
            {
                case "heap": heap += kb; break;
                case "stack": stack += kb; break;
                case "file": files += kb; break;
                default: anon += kb; break;
            }
        }
        var threads = int.Parse(Status(pid, "Threads:"), CultureInfo.InvariantCulture);
        return new MemorySnapshot(long.Parse(Status(pid, "VmRSS:"), CultureInfo.InvariantCulture), heap, anon, stack, files,
            threads, Directory.GetFiles($"/proc/{pid}/fd").Length);
    }

    /// <summary>One line: each part in MB.</summary>
    public override string ToString() =>
        $"RSS {Rss / 1024.0:0.0} MB = [heap] {Heap / 1024.0:0.0} + anonymous {Anon / 1024.0:0.0} + [stack] {Stack / 1024.0:0.0} + files {Files / 1024.0:0.0}; {Threads} threads, {Fds} fds";

    /// <summary>The growth from <paramref name="before"/> in bytes per endpoint, each part.</summary>
    public string PerEndpoint(MemorySnapshot before, int count) =>
        $"{(Rss - before.Rss) * 1024.0 / count:0} bytes per endpoint (RSS {Rss - before.Rss:+0;-0} kB: [heap] {Heap - before.Heap:+0;-0}, " +
        $"anonymous {Anon - before.Anon:+0;-0}, files {Files - before.Files:+0;-0}; threads {Threads - before.Threads:+0;-0}, fds {Fds - before.Fds:+0;-0})";

    // "7f1c2a000000-7f1c2a021000 rw-p 00000000 00:00 0   [heap]" opens a mapping; its fields are "Name:   value".
    private static bool IsMappingHeader(string line)
    {
        var first = line.AsSpan(0, Math.Max(0, line.IndexOf(' ')));
        return first.Length > 0 && !first.EndsWith(":") && first.Contains('-');
    }

    private static string Kind(string header)
    {
        var fields = header.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        var name = fields.Length == 6 ? fields[5].Trim() : "";
        return name switch
        {
            "" => "anon",
            "[heap]" => "heap",
            "[stack]" => "stack",
            _ when name.StartsWith('/') => "file",
            _ => "anon",
        };
    }

    private static string Status(int pid, string name) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1];
}
