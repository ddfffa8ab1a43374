using System.Text;
using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Namespaces;

/// <summary>
/// /proc/sys access for the calling thread's network namespace (the namespace is fixed when the file is
/// opened). Use <see cref="NetNs.WriteSysctl"/> for another namespace.
/// </summary>
public static class Sysctl
{
    /// <summary>The directory sysctl keys live under.</summary>
    public const string Root = "/proc/sys";

    private const int MaxValueBytes = 1 << 20;

    /// <summary>Writes <paramref name="value"/> to the key in one write(2), as the kernel requires.</summary>
    public static unsafe void Write(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(key);
        using var file = Libc.Open(path, Libc.O_WRONLY);
        if (file.IsInvalid)
            throw new SysctlException("write", key, path, Errno.Last);
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* data = bytes)
        {
            var written = Libc.write(file, data, (nuint)bytes.Length);
            if (written < 0)
                throw new SysctlException($"write '{value}' to", key, path, Errno.Last);
            if (written != bytes.Length)
                throw new SysctlException($"write '{value}' to", key, path, Errno.EIO);
        }
    }

    /// <summary>Reads the key's value, without the trailing newline (multi-value keys keep their tabs).</summary>
    public static unsafe string Read(string key)
    {
        var path = PathOf(key);
        using var file = Libc.Open(path, Libc.O_RDONLY);
        if (file.IsInvalid)
            throw new SysctlException("read", key, path, Errno.Last);
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxValueBytes)
                    throw new SysctlException("read", key, path, Errno.ERANGE);
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            nint count;
            fixed (byte* data = &buffer[length])
                count = Libc.read(file, data, (nuint)(buffer.Length - length));
            if (count < 0)
                throw new SysctlException("read", key, path, Errno.Last);
            if (count == 0)
                break;
            length += (int)count;
        }
        return Encoding.UTF8.GetString(buffer, 0, length).TrimEnd('\n');
    }

    /// <summary>
    /// The file for a key: dots become slashes ("net.ipv4.ip_forward"), but a key that already contains a
    /// slash is taken as given, so interface names with dots work ("net/ipv4/conf/eth0.10/forwarding").
    /// </summary>
    public static string PathOf(string key)
    {
        ThrowIfInvalidKey(key);
        var relative = key.Contains('/') ? key : key.Replace('.', '/');
        return $"{Root}/{relative}";
    }

    internal static void ThrowIfInvalidKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var segments = key.Split(key.Contains('/') ? '/' : '.');
        if (key.Length == 0 || key.Contains('\0') || segments.Any(s => s.Length == 0 || s is "." or ".."))
            throw new ArgumentException($"'{key}' is not a sysctl key (e.g. net.ipv4.ip_forward or net/ipv4/conf/eth0.10/forwarding)", nameof(key));
    }
}
