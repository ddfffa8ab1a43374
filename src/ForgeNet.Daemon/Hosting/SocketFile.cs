using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ForgeNet.Daemon.Interop;
using ForgeNet.Daemon.Security;

namespace ForgeNet.Daemon.Hosting;

/// <summary>
/// The API socket's file: one daemon per path (an exclusive lock on PATH.lock, which dies with its process), a stale
/// socket left by a dead daemon replaced, and the access mode set once Kestrel has bound it.
/// </summary>
public sealed class SocketFile : IDisposable
{
    private readonly FileStream _lock;

    private SocketFile(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The socket's path.</summary>
    public string Path { get; }

    /// <summary>Takes the path for this process; throws <see cref="DaemonStartException"/> when another daemon has it.</summary>
    public static SocketFile Acquire(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path) ?? "/";
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonStartException($"cannot create {directory}: {e.Message}", e);
        }
        FileStream lockFile;
        try
        {
            // FileShare.None takes an exclusive flock on Unix: a second daemon fails here, a dead one's lock is gone.
            lockFile = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DaemonStartException($"another forgenetd is serving {path} (it holds {path}.lock); stop it first", e);
        }
        lockFile.SetLength(0);
        lockFile.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
        lockFile.Flush();
        try
        {
            RemoveStale(path);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
        return new SocketFile(path, lockFile);
    }

    /// <summary>Sets the socket's mode: 0660 with group forgenet, or 0600 (root only) when that group does not exist.</summary>
    /// <returns>A line for the log saying which.</returns>
    public string Secure(GroupDirectory groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.GroupId(PeerAuthorizer.GroupName) is { } gid)
        {
            if (Libc.Chown(Path, 0, gid) != 0)
                throw new DaemonStartException($"chown {Path} to group {PeerAuthorizer.GroupName}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            return $"socket {Path}: mode 0660, group {PeerAuthorizer.GroupName}";
        }
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return $"socket {Path}: mode 0600 (root only): group {PeerAuthorizer.GroupName} does not exist (groupadd --system {PeerAuthorizer.GroupName} to share it)";
    }

    /// <summary>Removes the socket and releases the path.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next daemon replaces a stale socket anyway.
        }
        _lock.Dispose();
    }

    private static void RemoveStale(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return;
        if (Directory.Exists(path))
            throw new DaemonStartException($"{path} is a directory");
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new DaemonStartException($"something is listening on {path} without holding {path}.lock; refusing to replace it");
            }
            catch (SocketException)
            {
                // Nobody answers: a dead daemon's socket.
            }
        }
        File.Delete(path);
    }
}
